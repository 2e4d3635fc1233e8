namespace AkkaKv.Actors;

/// <summary>An actor's constructor, PreStart or PostRestart threw; the default strategy stops such an actor.</summary>
public sealed class ActorInitializationException : Exception
{
    public ActorInitializationException(IActorRef? actor, string message, Exception? innerException)
        : base(message, innerException)
    {
        Actor = actor;
    }

    public IActorRef? Actor { get; }
}
