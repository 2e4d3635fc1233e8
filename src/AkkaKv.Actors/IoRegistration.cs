using System.Runtime.InteropServices;
using AkkaKv.Actors.Dispatch;

namespace AkkaKv.Actors;

/// <summary>A descriptor an <see cref="IEventLoop"/> watches; disposing it (on the loop's thread) stops the notices.</summary>
public sealed class IoRegistration : IDisposable
{
    private readonly EventLoopThread _loop;
    private readonly SafeHandle _handle;
    private bool _disposed;

    internal IoRegistration(EventLoopThread loop, SafeHandle handle, ulong id, IActorRef target, object ready, object peerClosed)
    {
        _loop = loop;
        _handle = handle;
        Id = id;
        Target = target;
        Ready = ready;
        PeerClosed = peerClosed;
    }

    internal ulong Id { get; }
    internal IActorRef Target { get; }
    internal object Ready { get; }
    internal object PeerClosed { get; }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _loop.Unwatch(this, _handle);
    }
}
