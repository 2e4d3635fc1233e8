namespace AkkaKv.Actors;

/// <summary>An immutable recipe for an actor: how to build it, where it runs, how it supervises its children.</summary>
public sealed class Props
{
    private readonly Func<ActorBase> _factory;

    private Props(Type actorType, Func<ActorBase> factory, string? dispatcher, SupervisorStrategy? supervisorStrategy, int? threadAffinity)
    {
        ActorType = actorType;
        _factory = factory;
        Dispatcher = dispatcher;
        SupervisorStrategy = supervisorStrategy;
        ThreadAffinity = threadAffinity;
    }

    public Type ActorType { get; }

    /// <summary>The config path of the dispatcher; null means <see cref="DispatcherIds.Default"/>.</summary>
    public string? Dispatcher { get; }

    /// <summary>
    /// When set, overrides the actor's own <c>SupervisorStrategy()</c>: it decides about the actor's
    /// children (as in Akka), not about the actor itself.
    /// </summary>
    public SupervisorStrategy? SupervisorStrategy { get; }

    /// <summary>Which thread of an affinity or event-loop dispatcher's group runs the actor; null = round-robin.</summary>
    public int? ThreadAffinity { get; }

    /// <summary>The factory runs on the actor's thread, once at start and again on every restart.</summary>
    public static Props Create<TActor>(Func<TActor> factory)
        where TActor : ActorBase
    {
        ArgumentNullException.ThrowIfNull(factory);
        return new Props(typeof(TActor), factory, null, null, null);
    }

    /// <summary>Runs the actor on the dispatcher configured at <paramref name="dispatcherId"/>, a config path.</summary>
    public Props WithDispatcher(string dispatcherId)
    {
        ArgumentException.ThrowIfNullOrEmpty(dispatcherId);
        return new Props(ActorType, _factory, dispatcherId, SupervisorStrategy, ThreadAffinity);
    }

    public Props WithSupervisorStrategy(SupervisorStrategy strategy)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        return new Props(ActorType, _factory, Dispatcher, strategy, ThreadAffinity);
    }

    /// <summary>
    /// Binds the actor to thread <paramref name="index"/> (modulo the group's size) of its affinity or event-loop
    /// dispatcher, so actors that work together can share a thread and call each other without a hop.
    /// </summary>
    public Props WithThreadAffinity(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        return new Props(ActorType, _factory, Dispatcher, SupervisorStrategy, index);
    }

    internal ActorBase NewActor() => _factory();
}
