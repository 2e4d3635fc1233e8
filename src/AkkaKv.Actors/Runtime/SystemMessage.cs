namespace AkkaKv.Actors.Runtime;

/// <summary>
/// Lifecycle traffic between cells. Processed before user messages, even while the actor is suspended.
/// Each instance is a node of one cell's lock-free stack, so it must be sent exactly once.
/// </summary>
internal abstract class SystemMessage
{
    /// <summary>Marks the stack of a terminated cell: senders must handle their message as "after death".</summary>
    public static readonly SystemMessage Closed = new ClosedMarker();

    public SystemMessage? Next { get; set; }

    private sealed class ClosedMarker : SystemMessage;
}

/// <summary>Build the first instance and run PreStart.</summary>
internal sealed class CreateActor : SystemMessage;

/// <summary>Replace the failed instance (the supervisor decided Restart).</summary>
internal sealed class RecreateActor(Exception cause) : SystemMessage
{
    public Exception Cause { get; } = cause;
}

/// <summary>Continue with the current instance (the supervisor decided Resume).</summary>
internal sealed class ResumeActor : SystemMessage;

/// <summary>Stop: children first, then PostStop, then tell watchers and the parent.</summary>
internal sealed class TerminateActor : SystemMessage;

/// <summary>To a parent: its child failed and waits, suspended, for a directive.</summary>
internal sealed class ChildFailed(ActorCell child, Exception cause) : SystemMessage
{
    public ActorCell Child { get; } = child;

    public Exception Cause { get; } = cause;
}

/// <summary>To a parent: its child has terminated.</summary>
internal sealed class ChildTerminated(ActorCell child) : SystemMessage
{
    public ActorCell Child { get; } = child;
}

/// <summary>To the watched actor: remember <see cref="Watcher"/>.</summary>
internal sealed class WatchActor(ActorCell watcher) : SystemMessage
{
    public ActorCell Watcher { get; } = watcher;
}

/// <summary>To the watched actor: forget <see cref="Watcher"/>.</summary>
internal sealed class UnwatchActor(ActorCell watcher) : SystemMessage
{
    public ActorCell Watcher { get; } = watcher;
}

/// <summary>To a watcher: <see cref="Subject"/> has terminated.</summary>
internal sealed class DeathWatchNotification(ActorCell subject) : SystemMessage
{
    public ActorCell Subject { get; } = subject;
}
