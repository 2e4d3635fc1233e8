using System.Runtime.InteropServices;

namespace AkkaKv.Actors;

/// <summary>
/// The I/O side of a <c>type = event-loop</c> dispatcher's thread: the thread that runs an actor's mailbox also waits
/// for its sockets, so reading a request, running it and writing the reply need no other thread.
/// </summary>
public interface IEventLoop
{
    /// <summary>This loop's place in its dispatcher's group of threads, from 0.</summary>
    int Index { get; }

    /// <summary>
    /// Watches a descriptor (a socket's handle) for as long as the registration lives: whenever it becomes readable or
    /// writable, <paramref name="target"/> is told <paramref name="ready"/>, or <paramref name="peerClosed"/> once the
    /// peer closed its side or the connection failed. Notices are edge-triggered: after one, the actor reads (and writes
    /// what it has) until a call would block or takes less than offered, or it may get no other; after
    /// <paramref name="peerClosed"/>, it reads until the end of the stream. Call on the loop's own thread, from an actor
    /// it runs.
    /// </summary>
    IoRegistration Watch(SafeHandle handle, IActorRef target, object ready, object peerClosed);

    /// <summary>
    /// For an actor that must run long (a script past busy-reply-threshold), as Redis's processEventsWhileBlocked:
    /// looks for I/O and runs the other mailboxes ready on this thread, once, without waiting, so the thread's other
    /// connections are answered meanwhile. Never runs a mailbox already running, nor those of <paramref name="notThese"/>;
    /// does nothing when called again from within.
    /// </summary>
    void RunOthersWhileBusy(IReadOnlyList<IActorRef> notThese);
}
