using AkkaKv.Actors.Tests.TestSupport;

namespace AkkaKv.Actors.Tests;

public sealed class MailboxOrderingTests : ActorTestBase
{
    private const int Count = 100_000;

    [Theory]
    [InlineData(DispatcherIds.Default)]
    [InlineData(DispatcherIds.Pinned)]
    [InlineData(DispatcherIds.Affinity)]
    public void Messages_from_one_sender_arrive_in_order(string dispatcher)
    {
        var probe = new TestProbe();
        var actor = System.ActorOf(Props.Create(() => new SequenceCheckingActor(probe, Count)).WithDispatcher(dispatcher));

        for (var i = 0; i < Count; i++)
        {
            actor.Tell(i);
        }

        Assert.Equal(new SequenceReport(Count, OutOfOrder: 0), probe.ExpectMsg<SequenceReport>());
    }

    [Fact]
    public void Messages_from_one_actor_to_another_arrive_in_order()
    {
        var probe = new TestProbe();
        var receiver = System.ActorOf(Props.Create(() => new SequenceCheckingActor(probe, Count)).WithDispatcher(DispatcherIds.Pinned));
        var sender = System.ActorOf(Props.Create(() => new BurstActor(receiver)).WithDispatcher(DispatcherIds.Pinned));

        sender.Tell(Count);

        Assert.Equal(new SequenceReport(Count, OutOfOrder: 0), probe.ExpectMsg<SequenceReport>());
    }

    [Fact]
    public void Each_of_several_concurrent_senders_stays_in_order_and_the_actor_sees_one_message_at_a_time()
    {
        const int Senders = 4;
        const int PerSender = 20_000;
        var probe = new TestProbe();
        var actor = System.ActorOf(Props.Create(() => new ConcurrencyCheckingActor(probe, Senders, PerSender)));

        var threads = Enumerable.Range(0, Senders)
            .Select(s => new Thread(() =>
            {
                for (var i = 0; i < PerSender; i++)
                {
                    actor.Tell(new Numbered(s, i));
                }
            }))
            .ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());

        var report = probe.ExpectMsg<ConcurrencyReport>();
        Assert.Equal(new ConcurrencyReport(Senders * PerSender, OutOfOrder: 0, Overlaps: 0), report);
    }

    [Fact]
    public void A_tell_from_inside_an_actor_carries_that_actor_as_sender()
    {
        var probe = new TestProbe();
        var actor = System.ActorOf(Props.Create(() => new RelayActor(probe)), "relay");

        actor.Tell("hello");

        Assert.Equal("hello", probe.ExpectMsg<string>());
        Assert.Same(actor, probe.LastSender);
    }

    [Fact]
    public void A_tell_from_outside_actors_has_no_sender_and_replies_go_to_dead_letters()
    {
        var deadLetters = new TestProbe();
        System.EventStream.Subscribe(deadLetters, typeof(DeadLetter));
        var actor = System.ActorOf(Props.Create(() => new EchoActor()));

        actor.Tell("ping");

        var deadLetter = deadLetters.ExpectMsg<DeadLetter>();
        Assert.Equal("ping", deadLetter.Message);
        Assert.Same(System.DeadLetters, deadLetter.Recipient);
    }

    private sealed record SequenceReport(int Received, int OutOfOrder);

    private sealed record Numbered(int Sender, int Sequence);

    private sealed record ConcurrencyReport(int Received, int OutOfOrder, int Overlaps);

    private sealed class SequenceCheckingActor(IActorRef probe, int expected) : ActorBase
    {
        private int _next;
        private int _outOfOrder;

        protected override void Receive(object message)
        {
            if ((int)message != _next)
            {
                _outOfOrder++;
            }

            if (++_next == expected)
            {
                probe.Tell(new SequenceReport(_next, _outOfOrder));
            }
        }
    }

    private sealed class BurstActor(IActorRef target) : ActorBase
    {
        protected override void Receive(object message)
        {
            for (var i = 0; i < (int)message; i++)
            {
                target.Tell(i);
            }
        }
    }

    private sealed class ConcurrencyCheckingActor(IActorRef probe, int senders, int perSender) : ActorBase
    {
        private readonly int[] _next = new int[senders];
        private int _inside;
        private int _received;
        private int _outOfOrder;
        private int _overlaps;

        protected override void Receive(object message)
        {
            if (Interlocked.Increment(ref _inside) != 1)
            {
                _overlaps++;
            }

            var numbered = (Numbered)message;
            if (_next[numbered.Sender]++ != numbered.Sequence)
            {
                _outOfOrder++;
            }

            Thread.SpinWait(20); // widen the window in which a second thread would overlap
            Interlocked.Decrement(ref _inside);
            if (++_received == senders * perSender)
            {
                probe.Tell(new ConcurrencyReport(_received, _outOfOrder, _overlaps));
            }
        }
    }

    private sealed class RelayActor(IActorRef probe) : ActorBase
    {
        protected override void Receive(object message) => probe.Tell(message);
    }

    private sealed class EchoActor : ActorBase
    {
        protected override void Receive(object message) => Sender.Tell(message);
    }
}
