namespace AkkaKv.Actors.Dispatch;

/// <summary>Gives actors threads: decides, per actor, which executor runs its mailbox.</summary>
internal abstract class MessageDispatcher(DispatcherSettings settings)
{
    public DispatcherSettings Settings { get; } = settings;

    /// <summary>
    /// Called when an actor is created; the result runs its mailbox for the actor's whole life. Dispatchers with a
    /// fixed group of threads honour <paramref name="threadAffinity"/> (an index, taken modulo the group's size).
    /// </summary>
    public abstract IMailboxExecutor Attach(string actorName, int? threadAffinity);

    /// <summary>Called once the actor has terminated, on the actor's own thread.</summary>
    public virtual void Detach(IMailboxExecutor executor)
    {
    }

    /// <summary>Asks this dispatcher's threads to exit and returns them, to be joined.</summary>
    public virtual IReadOnlyCollection<DedicatedThread> Shutdown() => [];
}
