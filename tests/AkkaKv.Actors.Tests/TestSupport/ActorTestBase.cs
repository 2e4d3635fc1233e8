using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using AkkaKv.Actors;
using AkkaKv.Hocon;

namespace AkkaKv.Actors.Tests.TestSupport;

/// <summary>A fresh actor system per test (xunit makes a class instance per test), disposed after it.</summary>
public abstract class ActorTestBase : IDisposable
{
    private ActorSystem? _system;

    protected ActorSystem System => _system ??= CreateSystem();

    /// <summary>What the kernel logged (failures, dead letters); kept off the console.</summary>
    protected ConcurrentQueue<string> LogLines { get; } = new();

    public void Dispose()
    {
        _system?.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>Creates the test's system (call before using <see cref="System"/>) with extra HOCON.</summary>
    protected ActorSystem CreateSystem(string? hocon = null, [CallerMemberName] string name = "test")
    {
        _system?.Dispose();
        var config = hocon is null ? null : Config.ParseString(hocon);
        _system = ActorSystem.Create(name, config);
        _system.Log = LogLines.Enqueue;
        return _system;
    }

    /// <summary>Forwards <see cref="Terminated"/> of <paramref name="subject"/> to the returned probe.</summary>
    protected TestProbe WatchWithProbe(IActorRef subject)
    {
        var probe = new TestProbe();
        var watcher = System.ActorOf(Props.Create(() => new WatchingActor(subject, probe)));
        Assert.Equal("watching", watcher.Ask<string>("ready?", TestProbe.DefaultTimeout).Result);
        return probe;
    }

    private sealed class WatchingActor(IActorRef subject, IActorRef probe) : ActorBase
    {
        protected override void PreStart() => Context.Watch(subject);

        protected override void Receive(object message)
        {
            switch (message)
            {
                case "ready?":
                    Sender.Tell("watching");
                    break;
                case Terminated terminated:
                    probe.Tell(terminated);
                    break;
            }
        }
    }
}
