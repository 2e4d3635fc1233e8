using System.Collections.Concurrent;
using AkkaKv.Actors.Tests.TestSupport;

namespace AkkaKv.Actors.Tests;

public sealed class StopAndWatchTests : ActorTestBase
{
    private static readonly TimeSpan Timeout = TestProbe.DefaultTimeout;

    [Fact]
    public void Stop_runs_PostStop_and_sends_Terminated_to_watchers()
    {
        var probe = new TestProbe();
        var actor = System.ActorOf(Props.Create(() => new HookActor("a", probe)));
        var watcher1 = WatchWithProbe(actor);
        var watcher2 = WatchWithProbe(actor);

        System.Stop(actor);

        Assert.Equal("a PostStop", probe.ExpectMsg<string>());
        Assert.Same(actor, watcher1.ExpectMsg<Terminated>().ActorRef);
        Assert.Same(actor, watcher2.ExpectMsg<Terminated>().ActorRef);
    }

    [Fact]
    public void Children_stop_before_their_parent()
    {
        var order = new ConcurrentQueue<string>();
        var parent = System.ActorOf(Props.Create(() => new TreeActor("root", order, depth: 2)));
        var terminated = WatchWithProbe(parent);

        System.Stop(parent);
        terminated.ExpectMsg<Terminated>();

        var stopped = order.ToList();
        Assert.Equal(7, stopped.Count);
        Assert.Equal("root", stopped[^1]);
        foreach (var name in stopped)
        {
            // Every actor's children ("name.0", "name.1") appear before it.
            Assert.All(stopped.Where(n => n.StartsWith(name + ".", StringComparison.Ordinal)), child => Assert.True(stopped.IndexOf(child) < stopped.IndexOf(name)));
        }
    }

    [Fact]
    public void An_actor_stops_after_the_current_message_and_later_messages_become_dead_letters()
    {
        var deadLetters = new TestProbe();
        System.EventStream.Subscribe(deadLetters, typeof(DeadLetter));
        var probe = new TestProbe();
        var actor = System.ActorOf(Props.Create(() => new SelfStoppingActor(probe)));

        for (var i = 1; i <= 5; i++)
        {
            actor.Tell(i);
        }

        Assert.Equal(1, probe.ExpectMsg<int>());
        Assert.Equal("PostStop", probe.ExpectMsg<string>());
        var dead = deadLetters.ReceiveN<DeadLetter>(4);
        Assert.Equal(new object[] { 2, 3, 4, 5 }, dead.Select(d => d.Message));
        Assert.All(dead, d => Assert.Same(actor, d.Recipient));

        actor.Tell(6);
        Assert.Equal(6, deadLetters.ExpectMsg<DeadLetter>().Message);
    }

    [Fact]
    public void Stop_overtakes_queued_messages_because_system_messages_go_first()
    {
        var deadLetters = new TestProbe();
        System.EventStream.Subscribe(deadLetters, typeof(DeadLetter));
        var probe = new TestProbe();
        var actor = System.ActorOf(Props.Create(() => new HookActor("a", probe)).WithDispatcher(DispatcherIds.Pinned));
        using var entered = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();

        actor.Tell(new Block(entered, release));
        Assert.True(entered.Wait(Timeout));
        actor.Tell("queued 1");
        actor.Tell("queued 2");
        System.Stop(actor);
        release.Set();

        Assert.Equal("a PostStop", probe.ExpectMsg<string>());
        Assert.Equal(new object[] { "queued 1", "queued 2" }, deadLetters.ReceiveN<DeadLetter>(2).Select(d => d.Message));
    }

    [Fact]
    public void PoisonPill_stops_the_actor_after_the_messages_sent_before_it()
    {
        var probe = new TestProbe();
        var actor = System.ActorOf(Props.Create(() => new HookActor("a", probe)));

        actor.Tell("one");
        actor.Tell("two");
        actor.Tell(PoisonPill.Instance);
        actor.Tell("three");

        Assert.Equal("a one", probe.ExpectMsg<string>());
        Assert.Equal("a two", probe.ExpectMsg<string>());
        Assert.Equal("a PostStop", probe.ExpectMsg<string>());
        probe.ExpectNoMsg(TimeSpan.FromMilliseconds(50));
    }

    [Fact]
    public void Watching_an_already_stopped_actor_delivers_Terminated_at_once()
    {
        var actor = System.ActorOf(Props.Create(() => new HookActor("a", new TestProbe())));
        WatchAndStop(actor);

        var lateWatcher = WatchWithProbe(actor);

        Assert.Same(actor, lateWatcher.ExpectMsg<Terminated>().ActorRef);
    }

    [Fact]
    public void After_Unwatch_no_Terminated_is_delivered()
    {
        var probe = new TestProbe();
        var subject = System.ActorOf(Props.Create(() => new HookActor("subject", new TestProbe())));
        var watcher = System.ActorOf(Props.Create(() => new UnwatchingActor(subject, probe)));
        Assert.Equal("unwatched", watcher.Ask<string>("unwatch", Timeout).Result);

        WatchAndStop(subject);

        // Give a stray notification time to arrive, then check the watcher never saw one.
        Thread.Sleep(50);
        Assert.Equal(0, watcher.Ask<int>("count?", Timeout).Result);
    }

    [Fact]
    public void Terminate_stops_every_actor_and_completes_WhenTerminated()
    {
        var probe = new TestProbe();
        var parent = System.ActorOf(Props.Create(() => new HookActor("parent", probe)));
        System.ActorOf(Props.Create(() => new HookActor("pinned", probe)).WithDispatcher(DispatcherIds.Pinned));
        Assert.Equal("parent ready?", parent.Ask<string>("ready?", Timeout).Result);

        Assert.True(System.Terminate().Wait(Timeout));

        var stopped = new[] { probe.ExpectMsg<string>(), probe.ExpectMsg<string>() };
        Assert.Contains("parent PostStop", stopped);
        Assert.Contains("pinned PostStop", stopped);
        Assert.True(System.WhenTerminated.IsCompletedSuccessfully);
    }

    [Fact]
    public void Actor_names_are_unique_among_siblings_and_appear_in_paths()
    {
        var actor = System.ActorOf(Props.Create(() => new HookActor("a", new TestProbe())), "shard-1");

        Assert.Equal($"akka://{System.Name}/user/shard-1", actor.Path);
        Assert.Throws<InvalidActorNameException>(() => System.ActorOf(Props.Create(() => new HookActor("b", new TestProbe())), "shard-1"));
        Assert.Throws<InvalidActorNameException>(() => System.ActorOf(Props.Create(() => new HookActor("b", new TestProbe())), "a/b"));
        Assert.Throws<InvalidActorNameException>(() => System.ActorOf(Props.Create(() => new HookActor("b", new TestProbe())), "$x"));
    }

    [Fact]
    public void An_actor_cannot_be_constructed_outside_ActorOf()
    {
        Assert.Throws<InvalidOperationException>(() => new HookActor("a", new TestProbe()));
    }

    private void WatchAndStop(IActorRef actor)
    {
        var terminated = WatchWithProbe(actor);
        System.Stop(actor);
        terminated.ExpectMsg<Terminated>();
    }

    private sealed record Block(ManualResetEventSlim Entered, ManualResetEventSlim Release);

    private sealed class HookActor(string name, IActorRef probe) : ActorBase
    {
        protected override void PostStop() => probe.Tell($"{name} PostStop");

        protected override void Receive(object message)
        {
            if (message is Block block)
            {
                block.Entered.Set();
                block.Release.Wait(Timeout);
            }
            else if (message is "ready?")
            {
                Sender.Tell($"{name} ready?");
            }
            else
            {
                probe.Tell($"{name} {message}");
            }
        }
    }

    /// <summary>A binary tree of actors of the given depth, built from constructors; each records its name on PostStop.</summary>
    private sealed class TreeActor : ActorBase
    {
        private readonly string _name;
        private readonly ConcurrentQueue<string> _order;
        public TreeActor(string name, ConcurrentQueue<string> order, int depth)
        {
            _name = name;
            _order = order;
            if (depth > 0)
            {
                for (var i = 0; i < 2; i++)
                {
                    var childName = $"{name}.{i}";
                    Context.ActorOf(Props.Create(() => new TreeActor(childName, order, depth - 1)), $"c{i}");
                }
            }
        }

        protected override void PostStop() => _order.Enqueue(_name);

        protected override void Receive(object message)
        {
        }
    }

    private sealed class SelfStoppingActor(IActorRef probe) : ActorBase
    {
        protected override void PostStop() => probe.Tell("PostStop");

        protected override void Receive(object message)
        {
            probe.Tell(message);
            Context.Stop(Self);
        }
    }

    private sealed class UnwatchingActor(IActorRef subject, IActorRef probe) : ActorBase
    {
        private int _terminatedCount;

        protected override void PreStart() => Context.Watch(subject);

        protected override void Receive(object message)
        {
            switch (message)
            {
                case "unwatch":
                    Context.Unwatch(subject);
                    Sender.Tell("unwatched");
                    break;
                case Terminated:
                    _terminatedCount++;
                    probe.Tell(message);
                    break;
                case "count?":
                    Sender.Tell(_terminatedCount);
                    break;
            }
        }
    }
}
