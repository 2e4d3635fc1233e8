using AkkaKv.Actors.Tests.TestSupport;

namespace AkkaKv.Actors.Tests;

public sealed class BecomeAndStashTests : ActorTestBase
{
    [Fact]
    public void Become_replaces_the_behaviour_and_Unbecome_returns_to_Receive()
    {
        var probe = new TestProbe();
        var actor = System.ActorOf(Props.Create(() => new SwitchingActor(probe)));

        foreach (var message in new[] { "hello", "become", "hello", "hello", "unbecome", "hello" })
        {
            actor.Tell(message);
        }

        Assert.Equal(
            new[] { "receive hello", "other hello", "other hello", "receive hello" },
            probe.ReceiveN<string>(4));
    }

    [Fact]
    public void Become_in_the_constructor_sets_the_initial_behaviour()
    {
        var probe = new TestProbe();
        var actor = System.ActorOf(Props.Create(() => new SwitchingActor(probe, startOther: true)));

        actor.Tell("hello");

        Assert.Equal("other hello", probe.ExpectMsg<string>());
    }

    [Fact]
    public void UnstashAll_puts_stashed_messages_back_in_order_before_newer_ones()
    {
        var probe = new TestProbe();
        var actor = System.ActorOf(Props.Create(() => new GateActor(probe)));

        foreach (var message in new object[] { 1, 2, 3, "open", 4, 5, "close", 6, 7, "open", 8 })
        {
            actor.Tell(message);
        }

        Assert.Equal(Enumerable.Range(1, 8), probe.ReceiveN<int>(8));
    }

    [Fact]
    public void Stashed_messages_survive_a_restart()
    {
        var probe = new TestProbe();
        var actor = System.ActorOf(Props.Create(() => new GateActor(probe)));

        foreach (var message in new object[] { 1, 2, "boom", "open", 3 })
        {
            actor.Tell(message);
        }

        Assert.Equal(new[] { 1, 2, 3 }, probe.ReceiveN<int>(3));
    }

    [Fact]
    public void Stashed_messages_become_dead_letters_when_the_actor_stops()
    {
        var deadLetters = new TestProbe();
        System.EventStream.Subscribe(deadLetters, typeof(DeadLetter));
        var actor = System.ActorOf(Props.Create(() => new GateActor(new TestProbe())));

        actor.Tell(1);
        actor.Tell(2);
        actor.Tell(PoisonPill.Instance);

        Assert.Equal(new object[] { 1, 2 }, deadLetters.ReceiveN<DeadLetter>(2).Select(d => d.Message));
    }

    [Fact]
    public void Unhandled_messages_become_dead_letters()
    {
        var deadLetters = new TestProbe();
        System.EventStream.Subscribe(deadLetters, typeof(DeadLetter));
        var actor = System.ActorOf(Props.Create(() => new SwitchingActor(new TestProbe())));

        actor.Tell(42);

        var deadLetter = deadLetters.ExpectMsg<DeadLetter>();
        Assert.Equal(42, deadLetter.Message);
        Assert.Same(actor, deadLetter.Recipient);
    }

    private sealed class SwitchingActor : ActorBase
    {
        private readonly IActorRef _probe;

        public SwitchingActor(IActorRef probe, bool startOther = false)
        {
            _probe = probe;
            if (startOther)
            {
                Become(Other);
            }
        }

        protected override void Receive(object message)
        {
            switch (message)
            {
                case "become":
                    Become(Other);
                    break;
                case string text:
                    _probe.Tell($"receive {text}");
                    break;
                default:
                    Unhandled(message);
                    break;
            }
        }

        private void Other(object message)
        {
            if (message is "unbecome")
            {
                Unbecome();
            }
            else
            {
                _probe.Tell($"other {message}");
            }
        }
    }

    /// <summary>Closed: stashes numbers. Open: passes them to the probe. "boom" fails (restart).</summary>
    private sealed class GateActor(IActorRef probe) : ActorBase
    {
        protected override void Receive(object message)
        {
            switch (message)
            {
                case "open":
                    Become(Open);
                    UnstashAll();
                    break;
                case "boom":
                    throw new InvalidOperationException("boom");
                case int:
                    Stash();
                    break;
            }
        }

        private void Open(object message)
        {
            switch (message)
            {
                case "close":
                    Unbecome();
                    break;
                case int:
                    probe.Tell(message);
                    break;
            }
        }
    }
}
