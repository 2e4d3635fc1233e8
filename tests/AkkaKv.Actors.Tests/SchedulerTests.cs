using System.Diagnostics;
using AkkaKv.Actors.Tests.TestSupport;

namespace AkkaKv.Actors.Tests;

public sealed class SchedulerTests : ActorTestBase
{
    [Fact]
    public void ScheduleTellOnce_delivers_once_after_the_delay()
    {
        var probe = new TestProbe();
        var clock = Stopwatch.StartNew();

        var scheduled = System.Scheduler.ScheduleTellOnce(TimeSpan.FromMilliseconds(50), probe, "tick");

        Assert.Equal("tick", probe.ExpectMsg<string>());
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(40), $"delivered after {clock.Elapsed}");
        probe.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        Assert.False(scheduled.IsCancellationRequested);
    }

    [Fact]
    public void ScheduleTellRepeatedly_delivers_until_cancelled()
    {
        var probe = new TestProbe();

        var scheduled = System.Scheduler.ScheduleTellRepeatedly(TimeSpan.Zero, TimeSpan.FromMilliseconds(10), probe, "tick");
        probe.ReceiveN<string>(3);
        scheduled.Cancel();

        Assert.True(scheduled.IsCancellationRequested);
        DrainFor(probe, TimeSpan.FromMilliseconds(30)); // a tick already in flight may still land
        probe.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void A_cancelled_once_schedule_never_delivers()
    {
        var probe = new TestProbe();

        var scheduled = System.Scheduler.ScheduleTellOnce(TimeSpan.FromMilliseconds(50), probe, "tick");
        scheduled.Cancel();
        scheduled.Cancel();

        Assert.True(scheduled.IsCancellationRequested);
        probe.ExpectNoMsg(TimeSpan.FromMilliseconds(150));
    }

    [Fact]
    public void A_scheduled_tell_reaches_an_actor_with_the_given_sender()
    {
        var probe = new TestProbe();
        var actor = System.ActorOf(Props.Create(() => new SenderReportingActor(probe)));
        var sender = new TestProbe();

        System.Scheduler.ScheduleTellOnce(TimeSpan.FromMilliseconds(1), actor, "tick", sender);

        Assert.Same(sender, probe.ExpectMsg<IActorRef>());
    }

    [Fact]
    public void Terminate_cancels_repeating_schedules()
    {
        var probe = new TestProbe();
        var scheduled = System.Scheduler.ScheduleTellRepeatedly(TimeSpan.Zero, TimeSpan.FromMilliseconds(10), probe, "tick");
        probe.ExpectMsg<string>();

        Assert.True(System.Terminate().Wait(TestProbe.DefaultTimeout));

        Assert.True(scheduled.IsCancellationRequested);
        DrainFor(probe, TimeSpan.FromMilliseconds(30));
        probe.ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    private static void DrainFor(TestProbe probe, TimeSpan duration)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < duration && probe.TryReceive(duration - clock.Elapsed, out _))
        {
        }
    }

    private sealed class SenderReportingActor(IActorRef probe) : ActorBase
    {
        protected override void Receive(object message) => probe.Tell(Sender);
    }
}
