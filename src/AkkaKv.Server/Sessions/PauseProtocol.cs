namespace AkkaKv.Server.Sessions;

/// <summary>Messages about CLIENT PAUSE for a paused client's connection.</summary>
public static class PauseProtocol
{
    /// <summary>The pause may be over (CLIENT UNPAUSE, or its end came): the client looks again and runs its waiting command if it may.</summary>
    public sealed record PauseMayHaveEnded
    {
        public static PauseMayHaveEnded Instance { get; } = new();
    }
}
