namespace AkkaKv.Actors;

/// <summary>An ordinary message that stops the actor when it is processed, after everything sent before it.</summary>
public sealed class PoisonPill
{
    private PoisonPill()
    {
    }

    public static PoisonPill Instance { get; } = new();
}
