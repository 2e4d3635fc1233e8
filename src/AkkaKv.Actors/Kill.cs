namespace AkkaKv.Actors;

/// <summary>An ordinary message that makes the actor fail with <see cref="ActorKilledException"/> when processed.</summary>
public sealed class Kill
{
    private Kill()
    {
    }

    public static Kill Instance { get; } = new();
}
