using AkkaKv.Actors.Tests.TestSupport;

namespace AkkaKv.Actors.Tests;

public sealed class DispatcherTests : ActorTestBase
{
    private static readonly TimeSpan Timeout = TestProbe.DefaultTimeout;

    [Fact]
    public void Pinned_dispatcher_runs_each_actor_on_a_single_thread_of_its_own()
    {
        var actors = Enumerable.Range(0, 3)
            .Select(i => System.ActorOf(Props.Create(() => new ThreadRecordingActor()).WithDispatcher(DispatcherIds.Pinned), $"pinned-{i}"))
            .ToList();

        var seen = RecordThreads(actors, messagesPerActor: 2_000);

        Assert.All(seen, threads => Assert.Single(threads.Ids));
        Assert.Equal(3, seen.Select(s => s.Ids.Single()).Distinct().Count());
        Assert.Equal(new[] { "akkakv-pinned-pinned-0", "akkakv-pinned-pinned-1", "akkakv-pinned-pinned-2" }, seen.Select(s => s.Name));
        Assert.All(seen, s => Assert.True(s.IsBackground));
    }

    [Fact]
    public void Affinity_dispatcher_binds_each_actor_to_one_of_its_threads()
    {
        CreateSystem("""
            test.affinity { type = affinity, thread-count = 2, throughput = 5, thread-name-prefix = "aff" }
            """);
        var actors = Enumerable.Range(0, 6)
            .Select(_ => System.ActorOf(Props.Create(() => new ThreadRecordingActor()).WithDispatcher("test.affinity")))
            .ToList();

        var seen = RecordThreads(actors, messagesPerActor: 2_000);

        Assert.All(seen, threads => Assert.Single(threads.Ids));
        Assert.Equal(2, seen.Select(s => s.Ids.Single()).Distinct().Count());

        // Round-robin at creation: actors 0, 2, 4 share a thread, as do 1, 3, 5.
        Assert.Equal(seen[0].Ids, seen[2].Ids);
        Assert.Equal(seen[1].Ids, seen[3].Ids);
        Assert.NotEqual(seen[0].Ids, seen[1].Ids);
        Assert.Equal(new[] { "aff-0", "aff-1" }, seen.Select(s => s.Name).Distinct().Order());
    }

    [Theory]
    [InlineData("affinity")]
    [InlineData("event-loop")]
    public void Thread_affinity_binds_an_actor_to_the_thread_its_props_name(string type)
    {
        CreateSystem($$"""
            test.group { type = {{type}}, thread-count = 2, thread-name-prefix = "group" }
            """);
        var props = Props.Create(() => new ThreadRecordingActor()).WithDispatcher("test.group");
        // Indexes wrap around the group; actors without one still take the threads in turn.
        var actors = new[] { props.WithThreadAffinity(1), props.WithThreadAffinity(3), props.WithThreadAffinity(0), props, props }
            .Select(p => System.ActorOf(p))
            .ToList();

        var seen = RecordThreads(actors, messagesPerActor: 100);

        Assert.Equal(["group-1", "group-1", "group-0", "group-0", "group-1"], seen.Select(s => s.Name));
        Assert.Equal(seen[0].Ids, seen[1].Ids);
    }

    [Theory]
    [InlineData(1, "a1 b1 a2 b2 a3 b3 a4 b4")]
    [InlineData(2, "a1 a2 b1 b2 a3 a4 b3 b4")]
    [InlineData(10, "a1 a2 a3 a4 b1 b2 b3 b4")]
    public void Throughput_bounds_a_turn_so_actors_sharing_a_thread_take_fair_turns(int throughput, string expected)
    {
        CreateSystem($$"""
            test.single-thread { type = affinity, thread-count = 1, throughput = {{throughput}} }
            """);
        var log = new List<string>();
        var props = (string name) => Props.Create(() => new LoggingActor(name, log)).WithDispatcher("test.single-thread");
        var blocker = System.ActorOf(Props.Create(() => new BlockingActor()).WithDispatcher("test.single-thread"));
        var a = System.ActorOf(props("a"));
        var b = System.ActorOf(props("b"));
        Assert.Equal("started", a.Ask<string>("start", Timeout).Result);
        Assert.Equal("started", b.Ask<string>("start", Timeout).Result);

        // Hold the only thread while both mailboxes fill, so each turn starts with a full mailbox.
        using var entered = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        var blocked = blocker.Ask<string>(new Block(entered, release), Timeout);
        Assert.True(entered.Wait(Timeout));
        for (var i = 1; i <= 4; i++)
        {
            a.Tell(i);
            b.Tell(i);
        }

        release.Set();
        Assert.Equal("released", blocked.Result);
        Assert.Equal("done", a.Ask<string>("done?", Timeout).Result);
        Assert.Equal("done", b.Ask<string>("done?", Timeout).Result);

        lock (log)
        {
            Assert.Equal(expected, string.Join(' ', log));
        }
    }

    [Fact]
    public void A_dispatcher_can_live_at_any_config_path()
    {
        CreateSystem("""
            my-app.io-dispatcher { type = pinned, thread-name-prefix = "io" }
            """);
        var actor = System.ActorOf(Props.Create(() => new ThreadRecordingActor()).WithDispatcher("my-app.io-dispatcher"), "loop");

        var seen = RecordThreads([actor], messagesPerActor: 10);

        Assert.Equal("io-loop", seen[0].Name);
    }

    [Fact]
    public void An_unknown_dispatcher_is_rejected_when_the_actor_is_created()
    {
        var error = Assert.Throws<InvalidOperationException>(
            () => System.ActorOf(Props.Create(() => new ThreadRecordingActor()).WithDispatcher("no.such.dispatcher")));

        Assert.Contains("no.such.dispatcher", error.Message);
    }

    [Fact]
    public void Settings_come_from_reference_conf_and_can_be_overridden()
    {
        Assert.Equal(30, System.Settings.DefaultDispatcher.Throughput);
        Assert.Equal(DispatcherType.ThreadPool, System.Settings.DefaultDispatcher.Type);

        CreateSystem("akkakv.actors.default-dispatcher.throughput = 7");
        Assert.Equal(7, System.Settings.DefaultDispatcher.Throughput);
    }

    [Fact]
    public void The_systems_config_is_the_given_one_falling_back_to_reference_conf()
    {
        CreateSystem("my-app.answer = 42");

        Assert.Equal(42, System.Config.GetInt("my-app.answer"));
        Assert.Equal(10, System.Config.GetInt("akkakv.actors.log-dead-letters"));
    }

    [Fact]
    public void A_pinned_thread_exits_when_its_actor_stops()
    {
        var actor = System.ActorOf(Props.Create(() => new ThreadRecordingActor()).WithDispatcher(DispatcherIds.Pinned));
        var thread = actor.Ask<Thread>("thread?", Timeout).Result;

        System.Stop(actor);

        Assert.True(thread.Join(Timeout));
    }

    [Fact]
    public void Dedicated_threads_exit_on_terminate()
    {
        CreateSystem("test.affinity { type = affinity, thread-count = 2 }");
        var pinned = System.ActorOf(Props.Create(() => new ThreadRecordingActor()).WithDispatcher(DispatcherIds.Pinned));
        var affine = System.ActorOf(Props.Create(() => new ThreadRecordingActor()).WithDispatcher("test.affinity"));
        var threads = new[] { pinned.Ask<Thread>("thread?", Timeout).Result, affine.Ask<Thread>("thread?", Timeout).Result };

        Assert.True(System.Terminate().Wait(Timeout));

        Assert.All(threads, t => Assert.False(t.IsAlive));
    }

    [Fact]
    public void An_idle_dedicated_thread_sleeps_instead_of_spinning()
    {
        var actor = System.ActorOf(Props.Create(() => new ThreadRecordingActor()).WithDispatcher(DispatcherIds.Pinned));
        var thread = actor.Ask<Thread>("thread?", Timeout).Result;

        // Blocked in a wait (WaitSleepJoin) rather than Running, soon after its last message.
        Assert.True(SpinWait.SpinUntil(() => (thread.ThreadState & ThreadState.WaitSleepJoin) != 0, Timeout));
    }

    private static List<ThreadsSeen> RecordThreads(IReadOnlyList<IActorRef> actors, int messagesPerActor)
    {
        for (var i = 0; i < messagesPerActor; i++)
        {
            foreach (var actor in actors)
            {
                actor.Tell("record");
            }
        }

        return actors.Select(a => a.Ask<ThreadsSeen>("report", Timeout).Result).ToList();
    }

    private sealed record ThreadsSeen(HashSet<int> Ids, string? Name, bool IsBackground);

    private sealed class ThreadRecordingActor : ActorBase
    {
        private readonly HashSet<int> _ids = [];

        protected override void Receive(object message)
        {
            _ids.Add(Environment.CurrentManagedThreadId);
            switch (message)
            {
                case "report":
                    Sender.Tell(new ThreadsSeen(_ids, Thread.CurrentThread.Name, Thread.CurrentThread.IsBackground));
                    break;
                case "thread?":
                    Sender.Tell(Thread.CurrentThread);
                    break;
            }
        }
    }

    private sealed class LoggingActor(string name, List<string> log) : ActorBase
    {
        protected override void Receive(object message)
        {
            switch (message)
            {
                case "start":
                    Sender.Tell("started");
                    break;
                case "done?":
                    Sender.Tell("done");
                    break;
                default:
                    lock (log)
                    {
                        log.Add($"{name}{message}");
                    }

                    break;
            }
        }
    }

    private sealed record Block(ManualResetEventSlim Entered, ManualResetEventSlim Release);

    private sealed class BlockingActor : ActorBase
    {
        protected override void Receive(object message)
        {
            var block = (Block)message;
            block.Entered.Set();
            block.Release.Wait(Timeout);
            Sender.Tell("released");
        }
    }
}
