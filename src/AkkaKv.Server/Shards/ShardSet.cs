using AkkaKv.Actors;
using AkkaKv.Server.Blocking;
using AkkaKv.Server.Transactions;
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
        Instances = new ShardActor?[count];
        Blocking = new BlockingRegistry[count];
        for (var i = 0; i < count; i++) Blocking[i] = new BlockingRegistry(databases);
        Watches = new WatchRegistry[count];
        for (var i = 0; i < count; i++) Watches[i] = new WatchRegistry(databases);
    }

    public int Count { get; }

    /// <summary>Touched only by the owning shard's thread, or by a cross-shard step while that shard is parked.</summary>
    public Keyspace[] Keyspaces { get; }

    public IActorRef[] Actors { get; }

    /// <summary>
    /// The shard actors themselves, set as each starts: a connection on a shard's own thread runs batches for it
    /// inline (<see cref="ShardActor.CanRunInline"/>); everyone else tells <see cref="Actors"/>.
    /// </summary>
    public ShardActor?[] Instances { get; }

    /// <summary>Each shard's blocked clients by key; touched like <see cref="Keyspaces"/>.</summary>
    public BlockingRegistry[] Blocking { get; }

    /// <summary>Each shard's WATCHed keys; touched like <see cref="Keyspaces"/>.</summary>
    public WatchRegistry[] Watches { get; }

    private int _watchingClients;

    /// <summary>Whether any client watches keys: writes skip looking for watchers otherwise.</summary>
    public bool AnyWatches => Volatile.Read(ref _watchingClients) > 0;

    /// <summary>A client started watching (before its first WATCH is sent) or stopped.</summary>
    public void CountWatchingClient(int delta) => Interlocked.Add(ref _watchingClients, delta);

    public int ShardOfSlot(int slot) => (int)((long)slot * Count / HashSlot.Count);

    /// <summary>The shard owning the key; a single shard owns every key without hashing it.</summary>
    public int ShardOf(ReadOnlySpan<byte> key) => Count == 1 ? 0 : ShardOfSlot(HashSlot.Of(key));
}
