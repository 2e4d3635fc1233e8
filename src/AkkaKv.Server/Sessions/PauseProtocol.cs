namespace AkkaKv.Server.Sessions;

/// <summary>Messages about CLIENT PAUSE for a paused client's connection, or a shard holding work for the pause.</summary>
public static class PauseProtocol
{
    /// <summary>The pause may be over (CLIENT UNPAUSE, or its end came): the client (or shard) looks again and runs what waits if it may.</summary>
    public sealed record PauseMayHaveEnded
    {
        public static PauseMayHaveEnded Instance { get; } = new();
    }
}
