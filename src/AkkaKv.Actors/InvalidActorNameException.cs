namespace AkkaKv.Actors;

/// <summary>An actor name is malformed or already taken by a sibling.</summary>
public sealed class InvalidActorNameException : ArgumentException
{
    public InvalidActorNameException(string message)
        : base(message)
    {
    }
}
