namespace AkkaKv.Server.Commands;

/// <summary>Where a command runs.</summary>
public enum CommandRouting
{
    /// <summary>In the client's session on its I/O thread: connection state, introspection.</summary>
    Session,
    /// <summary>On the shard owning its keys; across shards as one atomic step when the keys span several.</summary>
    Keys,
    /// <summary>Across every shard at once, atomically (FLUSHDB, DBSIZE, KEYS, SWAPDB, DEBUG DIGEST...).</summary>
    AllShards,
    /// <summary>On one shard chosen from the arguments rather than a key (SCAN's cursor names its shard).</summary>
    ChosenShard,
    /// <summary>EXEC: the client's queued commands, across all their shards as one step.</summary>
    Transaction,
}
