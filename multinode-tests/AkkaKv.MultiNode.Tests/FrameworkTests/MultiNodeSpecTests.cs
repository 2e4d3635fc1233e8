using System.Collections.Concurrent;
using System.Diagnostics;
using AkkaKv.MultiNode.Tests.Framework;
using AkkaKv.Testing;
using Xunit.Abstractions;

namespace AkkaKv.MultiNode.Tests.FrameworkTests;

/// <summary>The spec framework itself: steps, barriers, failures that must not hang, processes that must not leak.</summary>
public sealed class MultiNodeSpecTests(ITestOutputHelper output)
{
    private static readonly RoleName A = new("a");
    private static readonly RoleName B = new("b");

    /// <summary>A spec whose body the test supplies, with the protected API opened up.</summary>
    private sealed class ProbeSpec(ITestOutputHelper output, TimeSpan barrierTimeout) : MultiNodeSpec(output, A, B)
    {
        protected override TimeSpan BarrierTimeout => barrierTimeout;

        public RoleName Me => Myself;

        public void Run(Action<ProbeSpec> body) => RunSpec(() => body(this), TimeSpan.FromSeconds(30));

        public void On(RoleName role, Action action) => RunOn(role, action);

        public void Barrier(string name) => EnterBarrier(name);

        public ServerProcess Start(RoleName role) => StartNode(role);
    }

    private ProbeSpec Spec(double barrierSeconds = 20) => new(output, TimeSpan.FromSeconds(barrierSeconds));

    [Fact]
    public void Steps_run_only_on_their_role_and_barriers_keep_them_in_order()
    {
        using var spec = Spec();
        var events = new ConcurrentQueue<string>();

        spec.Run(s =>
        {
            s.On(A, () => { Thread.Sleep(100); events.Enqueue("a:1"); });
            s.On(B, () => events.Enqueue("b:1"));
            s.Barrier("after-1");
            s.On(A, () => events.Enqueue("a:2"));
            s.On(B, () => { Thread.Sleep(100); events.Enqueue("b:2"); });
            s.Barrier("after-2");
            events.Enqueue($"{s.Me}:3");
        });

        var order = events.ToList();
        Assert.Equal(6, order.Count);
        Assert.Equal(["a:1", "b:1"], order.Take(2).Order());
        Assert.Equal(["a:2", "b:2"], order.Skip(2).Take(2).Order());
        Assert.Equal(["a:3", "b:3"], order.Skip(4).Order());
    }

    [Fact]
    public void A_failing_role_breaks_the_barrier_for_the_others_at_once()
    {
        using var spec = Spec();
        var clock = Stopwatch.StartNew();

        var error = Assert.Throws<AggregateException>(() => spec.Run(s =>
        {
            s.On(A, () => throw new InvalidOperationException("boom"));
            s.Barrier("after-1");
        }));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"took {clock.Elapsed}");
        Assert.Equal("boom", error.InnerExceptions[0].Message);
        Assert.Contains(error.InnerExceptions, e => e is BarrierFailedException && e.Message.Contains("boom", StringComparison.Ordinal));
    }

    [Fact]
    public void Roles_entering_differently_named_barriers_fail()
    {
        using var spec = Spec();

        var error = Assert.Throws<AggregateException>(() => spec.Run(s => s.Barrier(s.Me == A ? "x" : "y")));

        Assert.All(error.InnerExceptions, e => Assert.IsType<BarrierFailedException>(e));
        Assert.Contains("'x'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'y'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_barrier_times_out_when_a_role_never_arrives()
    {
        using var spec = Spec(barrierSeconds: 0.3);

        var error = Assert.Throws<AggregateException>(() => spec.Run(s => s.On(A, () => s.Barrier("lonely"))));

        var timeout = Assert.IsType<BarrierFailedException>(Assert.Single(error.InnerExceptions));
        Assert.Contains("b never arrived", timeout.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Dispose_kills_servers_left_running_by_a_failed_spec()
    {
        ServerProcess? started = null;
        var spec = Spec();
        try
        {
            Assert.Throws<AggregateException>(() => spec.Run(s => s.On(A, () =>
            {
                started = s.Start(A);
                Assert.True(started.IsAnswering(TimeSpan.FromSeconds(5)));
                throw new InvalidOperationException("fails while its node runs");
            })));
            Assert.NotNull(started);
            Assert.False(started.HasExited);
        }
        finally
        {
            spec.Dispose();
        }

        Assert.False(IsRunning(started.ProcessId), $"pid {started.ProcessId} outlived the spec");
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
