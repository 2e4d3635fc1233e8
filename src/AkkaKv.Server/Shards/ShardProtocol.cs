namespace AkkaKv.Server.Shards;

/// <summary>Messages a shard actor receives besides batches and transactions.</summary>
public static class ShardProtocol
{
    /// <summary>The periodic tick (hz per second) that runs the active expiry cycle.</summary>
    public sealed record ActiveExpireTick
    {
        public static ActiveExpireTick Instance { get; } = new();
    }
}
