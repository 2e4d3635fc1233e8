using System.Diagnostics;
using AkkaKv.Actors.Tests.TestSupport;

namespace AkkaKv.Actors.Tests;

public sealed class AskTests : ActorTestBase
{
    private static readonly TimeSpan Timeout = TestProbe.DefaultTimeout;

    [Fact]
    public async Task Ask_completes_with_the_reply()
    {
        var actor = System.ActorOf(Props.Create(() => new ReplyingActor()).WithDispatcher(DispatcherIds.Pinned));

        Assert.Equal("pong", await actor.Ask<string>("ping", Timeout));
        Assert.Equal(42, await actor.Ask<int>(41, Timeout));
    }

    [Fact]
    public async Task Ask_continuations_never_run_on_the_replying_actors_thread()
    {
        var actor = System.ActorOf(Props.Create(() => new ReplyingActor()).WithDispatcher(DispatcherIds.Pinned), "replier");

        for (var i = 0; i < 20; i++)
        {
            await actor.Ask<string>("ping", Timeout);
            Assert.NotEqual("akkakv-pinned-replier", Thread.CurrentThread.Name);
        }
    }

    [Fact]
    public async Task Ask_throws_AskTimeoutException_when_no_reply_comes_in_time()
    {
        var actor = System.ActorOf(Props.Create(() => new ReplyingActor()));
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<AskTimeoutException>(() => actor.Ask<string>("ignore me", TimeSpan.FromMilliseconds(100)));

        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(90), TimeSpan.FromSeconds(5));
        Assert.Contains(actor.Path, error.Message);
    }

    [Fact]
    public async Task A_Status_Failure_reply_faults_the_task_with_its_cause()
    {
        var actor = System.ActorOf(Props.Create(() => new ReplyingActor()));

        var error = await Assert.ThrowsAsync<ArgumentException>(() => actor.Ask<string>("fail", Timeout));

        Assert.Equal("bad request", error.Message);
    }

    [Fact]
    public async Task A_Status_Success_reply_completes_with_its_value()
    {
        var actor = System.ActorOf(Props.Create(() => new ReplyingActor()));

        Assert.Equal("done", await actor.Ask<string>("succeed", Timeout));
    }

    [Fact]
    public async Task A_reply_of_the_wrong_type_faults_with_InvalidCastException()
    {
        var actor = System.ActorOf(Props.Create(() => new ReplyingActor()));

        await Assert.ThrowsAsync<InvalidCastException>(() => actor.Ask<int>("ping", Timeout));
    }

    [Fact]
    public async Task An_actor_can_reply_on_behalf_of_another_with_Forward()
    {
        var replier = System.ActorOf(Props.Create(() => new ReplyingActor()));
        var forwarder = System.ActorOf(Props.Create(() => new ForwardingActor(replier)));

        Assert.Equal("pong", await forwarder.Ask<string>("ping", Timeout));
    }

    [Fact]
    public async Task Asking_a_stopped_actor_times_out()
    {
        var actor = System.ActorOf(Props.Create(() => new ReplyingActor()));
        var terminated = WatchWithProbe(actor);
        System.Stop(actor);
        terminated.ExpectMsg<Terminated>();

        await Assert.ThrowsAsync<AskTimeoutException>(() => actor.Ask<string>("ping", TimeSpan.FromMilliseconds(50)));
    }

    private sealed class ReplyingActor : ActorBase
    {
        protected override void Receive(object message)
        {
            switch (message)
            {
                case "ping":
                    Sender.Tell("pong");
                    break;
                case int n:
                    Sender.Tell(n + 1);
                    break;
                case "fail":
                    Sender.Tell(new Status.Failure(new ArgumentException("bad request")));
                    break;
                case "succeed":
                    Sender.Tell(new Status.Success("done"));
                    break;
            }
        }
    }

    private sealed class ForwardingActor(IActorRef target) : ActorBase
    {
        protected override void Receive(object message) => target.Forward(message, Context);
    }
}
