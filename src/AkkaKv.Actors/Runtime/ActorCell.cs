using System.Collections.Concurrent;
using AkkaKv.Actors.Dispatch;

namespace AkkaKv.Actors.Runtime;

/// <summary>
/// The kernel's representation of one actor: its mailbox, its lifecycle state and its place in the
/// hierarchy. The cell is also the actor's <see cref="IActorRef"/> (no indirection on Tell) and its
/// <see cref="IActorContext"/>. It outlives restarts; only the <see cref="ActorBase"/> instance is replaced.
/// Everything below the mailbox fields is touched only by the thread currently running the mailbox.
/// </summary>
internal sealed partial class ActorCell : IActorRef, IThreadPoolWorkItem
{
    // The cell whose mailbox this thread is running: the implicit sender of a Tell.
    [ThreadStatic]
    private static ActorCell? _current;

    // The cell an ActorBase constructor on this thread belongs to (set only around the Props factory).
    [ThreadStatic]
    private static ActorCell? _constructing;

    private readonly ActorSystem _system;
    private readonly ActorCell? _parent;
    private readonly ConcurrentQueue<Envelope> _mailbox = new();
    private MessageDispatcher? _dispatcher;
    private IMailboxExecutor _executor = ThreadPoolExecutor.Instance;
    private int _throughput = 1;

    // 1 from the moment a turn is requested until the turn ends; makes turns exclusive.
    private int _scheduled;
    private volatile bool _isTerminated;

    private ActorBase? _actor;
    private Action<object>? _behavior;
    private SupervisorStrategy? _supervisorStrategy;

    // No user messages are processed while suspended: before creation, after a failure, while stopping.
    private bool _suspended = true;
    private bool _terminating;
    private object? _currentMessage;
    private IActorRef? _currentSender;

    public ActorCell(ActorSystem system, Props props, ActorCell? parent, string name)
    {
        _system = system;
        _parent = parent;
        Props = props;
        Name = name;
        Path = parent is null ? $"akka://{system.Name}/{name}" : $"{parent.Path}/{name}";
    }

    public string Name { get; }

    public string Path { get; }

    public Props Props { get; }

    public ActorSystem System => _system;

    public bool IsTerminated => _isTerminated;

    /// <summary>Owned by the parent: how often this child has been restarted.</summary>
    internal ChildRestartStats RestartStats { get; } = new();

    internal IActorRef CurrentSender => _currentSender ?? _system.DeadLetters;

    internal static ActorCell? Current => _current;

    internal static ActorCell? TakeConstructingCell()
    {
        var cell = _constructing;
        _constructing = null;
        return cell;
    }

    public void Tell(object message, IActorRef? sender = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        sender ??= _current;
        if (_isTerminated)
        {
            _system.DeadLetterRef.Publish(new DeadLetter(message, sender, this));
            return;
        }

        _mailbox.Enqueue(new Envelope(message, sender));

        // A busy actor is already scheduled: the enqueue was all there is to do.
        if (Volatile.Read(ref _scheduled) == 0)
        {
            TrySchedule();
        }
    }

    public override string ToString() => Path;
}
