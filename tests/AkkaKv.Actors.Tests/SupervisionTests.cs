using AkkaKv.Actors.Tests.TestSupport;

namespace AkkaKv.Actors.Tests;

public sealed class SupervisionTests : ActorTestBase
{
    private static int _instances;

    [Fact]
    public void Restart_builds_a_new_instance_calls_the_hooks_keeps_the_mailbox_and_drops_the_failing_message()
    {
        var probe = new TestProbe();
        var actor = System.ActorOf(Props.Create(() => new CountingActor(probe)));

        foreach (var message in new[] { "inc", "inc", "boom", "get", "inc", "get" })
        {
            actor.Tell(message);
        }

        var first = probe.ExpectMsg<string>();
        Assert.StartsWith("PreStart ", first);
        Assert.StartsWith("PreRestart boom after 2 by ", probe.ExpectMsg<string>());
        Assert.Equal("PostStop " + first[9..], probe.ExpectMsg<string>());
        var second = probe.ExpectMsg<string>();
        Assert.StartsWith("PostRestart boom ", second);
        Assert.NotEqual(first[9..], second[17..]); // a different instance

        // The messages behind the failing one were kept; the new instance starts from scratch.
        Assert.Equal("count 0", probe.ExpectMsg<string>());
        Assert.Equal("count 1", probe.ExpectMsg<string>());
        Assert.Contains(LogLines, line => line.Contains("Restart") && line.Contains("boom"));
    }

    [Fact]
    public void Resume_keeps_the_instance_and_its_state()
    {
        var probe = new TestProbe();
        var parent = System.ActorOf(Props.Create(() => new ParentActor(
            new OneForOneStrategy(-1, Timeout.InfiniteTimeSpan, _ => Directive.Resume),
            Props.Create(() => new CountingActor(probe)))));
        var child = parent.Ask<IActorRef>("child?", TestProbe.DefaultTimeout).Result;
        probe.ExpectMsg<string>(); // PreStart

        foreach (var message in new[] { "inc", "boom", "inc", "get" })
        {
            child.Tell(message);
        }

        Assert.Equal("count 2", probe.ExpectMsg<string>());
    }

    [Fact]
    public void A_constructor_failure_stops_the_actor_with_ActorInitializationException()
    {
        var decisions = new TestProbe();
        var parent = System.ActorOf(Props.Create(() => new ParentActor(
            RecordingStrategy(decisions, SupervisorStrategy.DefaultDecider),
            Props.Create<ActorBase>(() => throw new InvalidOperationException("no ctor")))));
        var child = parent.Ask<IActorRef>("child?", TestProbe.DefaultTimeout).Result;
        var terminated = WatchWithProbe(child);

        var cause = decisions.ExpectMsg<ActorInitializationException>();
        Assert.Equal("no ctor", cause.InnerException!.Message);
        Assert.Same(child, cause.Actor);
        Assert.Same(child, terminated.ExpectMsg<Terminated>().ActorRef);
    }

    [Fact]
    public void A_PreStart_failure_stops_the_actor_without_PostStop()
    {
        var probe = new TestProbe();
        var actor = System.ActorOf(Props.Create(() => new FailingPreStartActor(probe)));
        var terminated = WatchWithProbe(actor);

        Assert.Same(actor, terminated.ExpectMsg<Terminated>().ActorRef);
        probe.ExpectNoMsg(TimeSpan.FromMilliseconds(50));
        Assert.Contains(LogLines, line => line.Contains("ActorInitializationException") && line.Contains("Stop"));
    }

    [Fact]
    public void Escalate_hands_the_failure_to_the_grandparent_whose_strategy_restarts_the_parent()
    {
        var decisions = new TestProbe();
        var events = new TestProbe();
        var grandparent = System.ActorOf(Props.Create(() => new ParentActor(
            RecordingStrategy(decisions, _ => Directive.Restart),
            Props.Create(() => new ParentActor(
                new OneForOneStrategy(-1, Timeout.InfiniteTimeSpan, _ => Directive.Escalate),
                Props.Create(() => new CountingActor(events)),
                events)))));
        var parent = grandparent.Ask<IActorRef>("child?", TestProbe.DefaultTimeout).Result;
        var child = parent.Ask<IActorRef>("child?", TestProbe.DefaultTimeout).Result;
        Assert.StartsWith("PreStart", events.ExpectMsg<string>());

        child.Tell("boom");

        Assert.Equal("boom", decisions.ExpectMsg<InvalidOperationException>().Message);

        // Restarting the parent stops its child (default PreRestart) and builds a new one (PreStart).
        Assert.StartsWith("PostStop", events.ExpectMsg<string>());
        Assert.Equal("parent PostRestart", events.ExpectMsg<string>());
        Assert.StartsWith("PreStart", events.ExpectMsg<string>());
        var newChild = parent.Ask<IActorRef>("child?", TestProbe.DefaultTimeout).Result;
        Assert.NotSame(child, newChild);
    }

    [Fact]
    public void Exceeding_maxNrOfRetries_stops_the_child()
    {
        var probe = new TestProbe();
        var parent = System.ActorOf(Props.Create(() => new ParentActor(
            new OneForOneStrategy(2, TimeSpan.FromMinutes(1), _ => Directive.Restart),
            Props.Create(() => new CountingActor(probe)))));
        var child = parent.Ask<IActorRef>("child?", TestProbe.DefaultTimeout).Result;
        var terminated = WatchWithProbe(child);

        for (var i = 0; i < 3; i++)
        {
            child.Tell("boom");
        }

        Assert.Same(child, terminated.ExpectMsg<Terminated>().ActorRef);
        // Two restarts (each: PreRestart, PostStop, PostRestart), then the third failure stops it.
        var events = probe.ReceiveN<string>(1 + (2 * 3) + 1).Select(e => e.Split(' ')[0]);
        Assert.Equal(
            new[] { "PreStart", "PreRestart", "PostStop", "PostRestart", "PreRestart", "PostStop", "PostRestart", "PostStop" },
            events);
    }

    [Fact]
    public void Kill_stops_the_actor()
    {
        var actor = System.ActorOf(Props.Create(() => new CountingActor(new TestProbe())));
        var terminated = WatchWithProbe(actor);

        actor.Tell(Kill.Instance);

        Assert.Same(actor, terminated.ExpectMsg<Terminated>().ActorRef);
    }

    [Fact]
    public void A_strategy_in_Props_overrides_the_actors_own_strategy_for_its_children()
    {
        var decisions = new TestProbe();
        var probe = new TestProbe();
        var parent = System.ActorOf(Props.Create(() => new ParentActor(
                new OneForOneStrategy(-1, Timeout.InfiniteTimeSpan, _ => Directive.Restart),
                Props.Create(() => new CountingActor(probe))))
            .WithSupervisorStrategy(RecordingStrategy(decisions, _ => Directive.Resume)));
        var child = parent.Ask<IActorRef>("child?", TestProbe.DefaultTimeout).Result;

        child.Tell("boom");

        Assert.Equal("boom", decisions.ExpectMsg<InvalidOperationException>().Message);
    }

    private static OneForOneStrategy RecordingStrategy(TestProbe decisions, Func<Exception, Directive> decider) =>
        new(-1, Timeout.InfiniteTimeSpan, cause =>
        {
            decisions.Tell(cause);
            return decider(cause);
        });

    /// <summary>Counts "inc"; "boom" throws; reports every lifecycle hook with an instance number.</summary>
    private sealed class CountingActor(IActorRef probe) : ActorBase
    {
        private readonly int _instance = Interlocked.Increment(ref _instances);
        private int _count;

        protected override void PreStart() => probe.Tell($"PreStart {_instance}");

        protected override void PostStop() => probe.Tell($"PostStop {_instance}");

        protected override void PreRestart(Exception reason, object? message)
        {
            probe.Tell($"PreRestart {message} after {_count} by {reason.Message}");
            base.PreRestart(reason, message);
        }

        protected override void PostRestart(Exception reason) => probe.Tell($"PostRestart {reason.Message} {_instance}");

        protected override void Receive(object message)
        {
            switch (message)
            {
                case "inc":
                    _count++;
                    break;
                case "get":
                    probe.Tell($"count {_count}");
                    break;
                case "boom":
                    throw new InvalidOperationException("boom");
            }
        }
    }

    /// <summary>Creates one child from <c>childProps</c> and supervises it with <c>strategy</c>.</summary>
    private sealed class ParentActor(SupervisorStrategy strategy, Props childProps, IActorRef? events = null) : ActorBase
    {
        private IActorRef _child = null!;

        protected override void PreStart() => _child = Context.ActorOf(childProps, "child");

        protected override void PostRestart(Exception reason)
        {
            events?.Tell("parent PostRestart");
            base.PostRestart(reason);
        }

        protected override SupervisorStrategy SupervisorStrategy() => strategy;

        protected override void Receive(object message)
        {
            if (message is "child?")
            {
                Sender.Tell(_child);
            }
        }
    }

    private sealed class FailingPreStartActor(IActorRef probe) : ActorBase
    {
        protected override void PreStart() => throw new InvalidOperationException("no start");

        protected override void PostStop() => probe.Tell("PostStop");

        protected override void Receive(object message)
        {
        }
    }
}
