namespace AkkaKv.Actors;

/// <summary>The failure a <see cref="Kill"/> message causes; the default strategy stops the actor.</summary>
public sealed class ActorKilledException : Exception
{
    public ActorKilledException(string message)
        : base(message)
    {
    }
}
