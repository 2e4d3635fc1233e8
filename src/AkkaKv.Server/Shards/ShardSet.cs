using AkkaKv.Actors;
using AkkaKv.Server.Blocking;
using AkkaKv.Storage;

namespace AkkaKv.Server.Shards;

/// <summary>
/// The node's shards. Each owns a contiguous range of hash slots in every database, so the partitioning lines
/// up with Redis Cluster's slot ranges.
/// </summary>
public sealed class ShardSet
{
    public ShardSet(int count, int databases)
    {
        Count = count;
        Keyspaces = new Keyspace[count];
        for (var i = 0; i < count; i++) Keyspaces[i] = new Keyspace(databases);
        Actors = new IActorRef[count];
        Blocking = new BlockingRegistry[count];
        for (var i = 0; i < count; i++) Blocking[i] = new BlockingRegistry(databases);
    }

    public int Count { get; }

    /// <summary>Touched only by the owning shard's thread, or by a cross-shard step while that shard is parked.</summary>
    public Keyspace[] Keyspaces { get; }

    public IActorRef[] Actors { get; }

    /// <summary>Each shard's blocked clients by key; touched like <see cref="Keyspaces"/>.</summary>
    public BlockingRegistry[] Blocking { get; }

    public int ShardOfSlot(int slot) => (int)((long)slot * Count / HashSlot.Count);

    public int ShardOf(ReadOnlySpan<byte> key) => ShardOfSlot(HashSlot.Of(key));
}
