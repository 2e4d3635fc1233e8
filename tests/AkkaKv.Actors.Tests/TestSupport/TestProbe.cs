using System.Collections.Concurrent;
using AkkaKv.Actors;

namespace AkkaKv.Actors.Tests.TestSupport;

/// <summary>An IActorRef that records what it is told, for tests to await from their own thread.</summary>
public sealed class TestProbe : IActorRef
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    private readonly BlockingCollection<(object Message, IActorRef? Sender)> _received = [];

    public string Path => "probe://test";

    public IActorRef? LastSender { get; private set; }

    public void Tell(object message, IActorRef? sender = null) => _received.Add((message, sender ?? ActorRefs.CurrentSelf));

    public T ExpectMsg<T>(TimeSpan? timeout = null)
    {
        if (!_received.TryTake(out var item, timeout ?? DefaultTimeout))
        {
            Assert.Fail($"Timed out waiting for a {typeof(T).Name}.");
        }

        LastSender = item.Sender;
        return Assert.IsType<T>(item.Message, exactMatch: false);
    }

    public T ExpectMsg<T>(T expected, TimeSpan? timeout = null)
    {
        var actual = ExpectMsg<T>(timeout);
        Assert.Equal(expected, actual);
        return actual;
    }

    public bool TryReceive(TimeSpan timeout, out object? message)
    {
        var taken = _received.TryTake(out var item, timeout);
        message = item.Message;
        return taken;
    }

    /// <summary>Waits <paramref name="duration"/> and fails if anything arrives meanwhile.</summary>
    public void ExpectNoMsg(TimeSpan duration)
    {
        if (_received.TryTake(out var item, duration))
        {
            Assert.Fail($"Expected no message but got {item.Message}.");
        }
    }

    public List<T> ReceiveN<T>(int count, TimeSpan? timeout = null)
    {
        var result = new List<T>(count);
        for (var i = 0; i < count; i++)
        {
            result.Add(ExpectMsg<T>(timeout));
        }

        return result;
    }
}
