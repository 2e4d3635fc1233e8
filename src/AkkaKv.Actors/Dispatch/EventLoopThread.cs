using System.Runtime.InteropServices;

namespace AkkaKv.Actors.Dispatch;

/// <summary>
/// A dedicated thread that is also an epoll loop (Redis's ae, one per thread as in KeyDB): it sleeps in epoll_wait,
/// woken either by a watched descriptor or, through an eventfd, by work scheduled from another thread. A ready
/// descriptor becomes a message to the actor watching it, which then runs on this same thread.
/// </summary>
internal sealed unsafe class EventLoopThread : DedicatedThread, IEventLoop
{
    private const int MaxEvents = 256;
    private const ulong WakeId = 0;
    private const uint WatchedEvents = LinuxEvents.In | LinuxEvents.Out | LinuxEvents.PeerClosed | LinuxEvents.EdgeTriggered;

    [ThreadStatic]
    private static EventLoopThread? _current;

    private readonly int _poll;
    private readonly int _wakeEvent;
    private readonly Dictionary<ulong, IoRegistration> _registrations = [];
    private readonly byte* _events;
    private readonly Lock _wakeLock = new();
    private bool _wakeClosed;
    private ulong _nextId = WakeId;

    // No idle spin: spinning would watch the mailboxes only, while the sockets wait.
    public EventLoopThread(string name, int index, Action<string> log)
        : base(name, TimeSpan.Zero, log)
    {
        Index = index;
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("The event-loop dispatcher needs Linux (epoll); use type = affinity elsewhere.");
        }
        _poll = LinuxEvents.CreatePoll();
        _wakeEvent = LinuxEvents.CreateWakeEvent();
        // Level-triggered: a signal stays visible until the loop clears it.
        LinuxEvents.Add(_poll, _wakeEvent, LinuxEvents.In, WakeId);
        _events = (byte*)NativeMemory.Alloc((nuint)(MaxEvents * LinuxEvents.EventSize));
    }

    internal static EventLoopThread? Current => _current;

    public int Index { get; }

    public IoRegistration Watch(SafeHandle handle, IActorRef target, object ready, object peerClosed)
    {
        if (_current != this) throw new InvalidOperationException("An event loop watches descriptors only for actors on its own thread.");
        var added = false;
        handle.DangerousAddRef(ref added);
        var registration = new IoRegistration(this, handle, ++_nextId, target, ready, peerClosed);
        try
        {
            LinuxEvents.Add(_poll, (int)handle.DangerousGetHandle(), WatchedEvents, registration.Id);
        }
        catch
        {
            handle.DangerousRelease();
            throw;
        }
        _registrations.Add(registration.Id, registration);
        return registration;
    }

    public void RunOthersWhileBusy(IReadOnlyList<IActorRef> notThese)
    {
        if (_current == this) RunReadyExcept(notThese);
    }

    internal void Unwatch(IoRegistration registration, SafeHandle handle)
    {
        // Off the loop (its thread exited at shutdown, and its actors finish on the pool) the epoll set is gone already.
        if (_current == this && _registrations.Remove(registration.Id)) LinuxEvents.Remove(_poll, (int)handle.DangerousGetHandle());
        handle.DangerousRelease();
    }

    protected override void OnStarted() => _current = this;

    protected override void OnExiting()
    {
        _current = null;
        LinuxEvents.Close(_poll);
        // A late Wake (RequestStop at shutdown) must not write to the number once it may belong to another descriptor.
        lock (_wakeLock)
        {
            _wakeClosed = true;
            LinuxEvents.Close(_wakeEvent);
        }
        NativeMemory.Free(_events);
    }

    protected override void PollWithoutWaiting() => Dispatch(LinuxEvents.Wait(_poll, _events, MaxEvents, 0));

    protected override void Park() => Dispatch(LinuxEvents.Wait(_poll, _events, MaxEvents, -1));

    // Only a sleeping loop is woken, so the lock is rare.
    protected override void Wake()
    {
        lock (_wakeLock)
        {
            if (!_wakeClosed) LinuxEvents.Signal(_wakeEvent);
        }
    }

    private void Dispatch(int count)
    {
        for (var i = 0; i < count; i++)
        {
            var id = LinuxEvents.DataAt(_events, i);
            if (id == WakeId)
            {
                LinuxEvents.ClearSignal(_wakeEvent);
            }
            else if (_registrations.TryGetValue(id, out var registration))
            {
                var closed = (LinuxEvents.EventsAt(_events, i) & (LinuxEvents.PeerClosed | LinuxEvents.HangUp | LinuxEvents.Error)) != 0;
                registration.Target.Tell(closed ? registration.PeerClosed : registration.Ready);
            }
        }
    }
}
