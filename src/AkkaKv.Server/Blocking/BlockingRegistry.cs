using AkkaKv.Server.Commands;
using AkkaKv.Storage;

namespace AkkaKv.Server.Blocking;

/// <summary>
/// One shard's blocked clients by the keys they wait on, first blocked first: Redis's db->blocking_keys. Touched only
/// by the owning shard's thread or by a cross-shard step while the shard is parked, like the keyspace.
/// </summary>
public sealed class BlockingRegistry
{
    private readonly Dictionary<byte[], LinkedList<BlockedClient>>[] _byDatabase;

    public BlockingRegistry(int databases)
    {
        _byDatabase = new Dictionary<byte[], LinkedList<BlockedClient>>[databases];
        for (var i = 0; i < databases; i++) _byDatabase[i] = new Dictionary<byte[], LinkedList<BlockedClient>>(ByteArrayComparer.Instance);
    }

    /// <summary>Registrations here (a client waiting on two keys of this shard counts twice); 0 makes signalling free.</summary>
    public int Count { get; private set; }

    public bool HasWaiters(int db, ReadOnlySpan<byte> key) =>
        Count > 0 && _byDatabase[db].GetAlternateLookup<ReadOnlySpan<byte>>().ContainsKey(key);

    /// <summary>The keys of <paramref name="db"/> that clients wait on here.</summary>
    public IEnumerable<byte[]> KeysWaitedOn(int db) => Count == 0 ? [] : _byDatabase[db].Keys;

    /// <summary>Queues the client behind those already waiting on the same key.</summary>
    public void Add(ReadyKey key, BlockedClient client)
    {
        var clients = _byDatabase[key.Database];
        if (!clients.TryGetValue(key.Key, out var queue)) clients[key.Key] = queue = new LinkedList<BlockedClient>();
        queue.AddLast(client);
        Count++;
    }

    /// <summary>The first client waiting on a key; null when none.</summary>
    public LinkedListNode<BlockedClient>? FirstWaitingOn(ReadyKey key) => _byDatabase[key.Database].GetValueOrDefault(key.Key)?.First;

    /// <summary>Forgets the client on every one of its keys registered here.</summary>
    public void Remove(BlockedClient client)
    {
        foreach (var key in client.Keys)
        {
            var clients = _byDatabase[key.Database];
            if (!clients.TryGetValue(key.Key, out var queue) || !queue.Remove(client)) continue;
            Count--;
            if (queue.Count == 0) clients.Remove(key.Key);
        }
    }
}
