using AkkaKv.Actors.Dispatch;
using AkkaKv.Actors.Runtime;
using AkkaKv.Actors.Scheduling;
using AkkaKv.Hocon;

namespace AkkaKv.Actors;

/// <summary>
/// A hierarchy of actors with its dispatchers, scheduler and dead letters. Top-level actors are children
/// of the /user guardian, which supervises them with <see cref="SupervisorStrategy.Default"/>.
/// </summary>
public sealed class ActorSystem : IDisposable
{
    private static readonly Lazy<Config> Reference = new(
        () => Config.ParseResource(typeof(ActorSystem).Assembly, "AkkaKv.Actors.reference.conf"));

    private readonly ActorCell _guardian;
    private readonly TimerScheduler _scheduler = new();
    private readonly TaskCompletionSource _whenTerminated = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile Action<string> _log = static text => Console.Error.WriteLine(text);
    private int _terminateRequested;

    private ActorSystem(string name, Config config)
    {
        Name = name;
        Config = config;
        Settings = new ActorSystemSettings(config);
        EventStream = new EventStream();
        DeadLetterRef = new DeadLetterActorRef(this);
        Dispatchers = new Dispatchers(config, text => Log(text));
        _guardian = new ActorCell(this, Props.Create(() => new GuardianActor()), parent: null, "user");
        _guardian.StartRoot(Dispatchers.Lookup(DispatcherIds.Default));
    }

    public string Name { get; }

    public ActorSystemSettings Settings { get; }

    /// <summary>The configuration the system was created with, falling back to the kernel's reference.conf.</summary>
    public Config Config { get; }

    public IScheduler Scheduler => _scheduler;

    public IActorRef DeadLetters => DeadLetterRef;

    public EventStream EventStream { get; }

    /// <summary>Where the kernel reports actor failures and dead letters; writes to standard error by default.</summary>
    public Action<string> Log
    {
        get => _log;
        set => _log = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>Completes once every actor has stopped and every dedicated thread has exited.</summary>
    public Task WhenTerminated => _whenTerminated.Task;

    internal bool IsTerminating => Volatile.Read(ref _terminateRequested) != 0;

    internal DeadLetterActorRef DeadLetterRef { get; }

    internal Dispatchers Dispatchers { get; }

    /// <param name="name">Letters, digits, '-' and '_'; it appears in actor paths.</param>
    /// <param name="config">Settings that take precedence over the kernel's reference.conf.</param>
    public static ActorSystem Create(string name, Config? config = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (!name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            throw new ArgumentException($"Invalid actor system name '{name}': use letters, digits, '-' and '_'.", nameof(name));
        }

        var effective = config is null ? Reference.Value : config.WithFallback(Reference.Value);
        return new ActorSystem(name, effective);
    }

    /// <summary>Creates a top-level actor. Thread-safe; throws on a duplicate name or an unknown dispatcher.</summary>
    public IActorRef ActorOf(Props props, string? name = null) => _guardian.CreateChild(props, name);

    /// <summary>Stops the actor after the message it is processing (asynchronously; watch it to know when).</summary>
    public void Stop(IActorRef actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (actor is ActorCell cell)
        {
            cell.SendSystemMessage(new TerminateActor());
        }
    }

    /// <summary>Stops every actor (children before parents, PostStop runs), cancels timers and joins dedicated threads.</summary>
    public Task Terminate()
    {
        if (Interlocked.Exchange(ref _terminateRequested, 1) == 0)
        {
            _guardian.SendSystemMessage(new TerminateActor());
        }

        return WhenTerminated;
    }

    /// <summary>Terminates and waits up to <see cref="ActorSystemSettings.TerminateTimeout"/>.</summary>
    public void Dispose()
    {
        Terminate().Wait(Settings.TerminateTimeout);
    }

    public override string ToString() => $"akka://{Name}";

    internal void ReportFailure(string text)
    {
        try
        {
            _log(text);
        }
        catch
        {
            // A broken log must not take the kernel down with it.
        }
    }

    /// <summary>Called on the guardian's thread once it (and so every actor) has terminated.</summary>
    internal void OnGuardianTerminated()
    {
        Interlocked.Exchange(ref _terminateRequested, 1);
        _scheduler.Shutdown();

        // Joining waits for threads that may be finishing this very turn, so it happens elsewhere.
        ThreadPool.UnsafeQueueUserWorkItem(
            static system =>
            {
                system.Dispatchers.Shutdown(system.Settings.TerminateTimeout);
                system._whenTerminated.TrySetResult();
            },
            this,
            preferLocal: false);
    }
}
