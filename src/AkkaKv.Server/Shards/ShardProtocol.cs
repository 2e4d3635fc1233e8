namespace AkkaKv.Server.Shards;

/// <summary>Messages a shard actor receives besides batches and transactions.</summary>
public static class ShardProtocol
{
    /// <summary>The periodic tick (hz per second) that runs the active expiry cycle.</summary>
    public sealed record ActiveExpireTick
    {
        public static ActiveExpireTick Instance { get; } = new();
    }

    /// <summary>A client pause ended (UNPAUSE) or may have (its end time came): work it held may run.</summary>
    public sealed record PauseMayHaveEnded
    {
        public static PauseMayHaveEnded Instance { get; } = new();
    }
}
