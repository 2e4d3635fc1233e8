using AkkaKv.Server.Config;
using AkkaKv.Server.Sessions;

namespace AkkaKv.Server.Tracking;

/// <summary>
/// Server-assisted client-side caching for the node (Redis's tracking.c). Shards remember which tracking clients read
/// which keys, each in its own part of the table, and when a key changes they tell those clients' connections, which
/// write the invalidation as a RESP3 push (or, redirected to a RESP2 subscriber, as a message on __redis__:invalidate).
/// BCAST clients register prefixes instead and hear of every change under them. Everything but the counters is
/// touched only by the shard owning a key, so the table needs no lock; <see cref="InUse"/> keeps it off the hot path.
/// </summary>
public sealed class ClientTracking
{
    private readonly ClientRegistry _clients;
    private readonly ServerSettings _settings;
    private readonly TrackedKeys[] _tables;
    private int _trackingClients;
    private long _keys;
    private long _items;

    // Calls in a row each shard found the table over its limit (touched by the shard's own thread only).
    private readonly int[] _effort;
    private const int EvictionsPerCall = 100;
    private const int MaxEffort = 1000;

    public ClientTracking(int shards, ClientRegistry clients, ServerSettings settings)
    {
        _clients = clients;
        _settings = settings;
        _tables = new TrackedKeys[shards];
        _effort = new int[shards];
        for (var i = 0; i < shards; i++) _tables[i] = new TrackedKeys();
    }

    public BroadcastPrefixes Prefixes { get; } = new();

    /// <summary>Some client tracks keys: only then do writes look anything up.</summary>
    public bool InUse => Volatile.Read(ref _trackingClients) > 0;

    /// <summary>INFO tracking_clients.</summary>
    public int ClientCount => Volatile.Read(ref _trackingClients);

    /// <summary>INFO tracking_total_keys: keys in the table.</summary>
    public long KeyCount => Interlocked.Read(ref _keys);

    /// <summary>INFO tracking_total_items: (key, client) pairs in the table.</summary>
    public long ItemCount => Interlocked.Read(ref _items);

    internal void ClientStarted() => Interlocked.Increment(ref _trackingClients);

    internal void ClientStopped() => Interlocked.Decrement(ref _trackingClients);

    /// <summary>A tracking client read <paramref name="key"/> (on <paramref name="shard"/>'s thread).</summary>
    internal void Remember(int shard, ReadOnlySpan<byte> key, long clientId)
    {
        var (newKey, newReader) = _tables[shard].Remember(key, clientId);
        if (newKey) Interlocked.Increment(ref _keys);
        if (newReader) Interlocked.Increment(ref _items);
        EnforceLimit(shard);
    }

    /// <summary>
    /// Redis bounds the table by forgetting keys, telling their readers as if the keys changed. Each shard forgets its own
    /// oldest keys while the node is over the limit, a bounded number per call that grows while the table stays over
    /// (as Redis's effort does), so lowering the limit never stalls one command; the expiry tick carries on. A shard
    /// whose part is empty leaves the rest to the others.
    /// </summary>
    internal void EnforceLimit(int shard)
    {
        var max = _settings.TrackingTableMaxKeys;
        if (max <= 0 || Interlocked.Read(ref _keys) <= max)
        {
            _effort[shard] = 0;
            return;
        }
        var budget = EvictionsPerCall * (_effort[shard] = Math.Min(_effort[shard] + 1, MaxEffort));
        while (budget-- > 0 && Interlocked.Read(ref _keys) > max && _tables[shard].TakeOldest(out var forgotten, out var readers))
        {
            Tell(readers, forgotten, changedBy: 0);
        }
    }

    /// <summary>
    /// <paramref name="key"/> changed: the clients that read it are told, and forgotten until they read it again. A NOLOOP
    /// client is not told of its own change (<paramref name="changedBy"/>: the id of the client being served, 0 for none).
    /// </summary>
    internal void Invalidate(int shard, ReadOnlySpan<byte> key, long changedBy)
    {
        if (_tables[shard].Take(key) is { } readers) Tell(readers, key, changedBy);
    }

    /// <summary>
    /// A flush: every tracking client is told that all keys changed (a null invalidation), and the table empties.
    /// Runs with every shard held.
    /// </summary>
    internal void InvalidateAll()
    {
        foreach (var table in _tables) Interlocked.Add(ref _items, -table.Clear());
        Interlocked.Exchange(ref _keys, 0);
        if (!InUse) return;
        foreach (var session in _clients.All)
        {
            if (session.Tracking is { } client) Send(session, client, null);
        }
    }

    /// <summary>
    /// Delivers an invalidation for <paramref name="client"/> (of <paramref name="session"/>): to the client it redirects
    /// to, or itself. A redirection target that is gone marks the redirection broken and tells the client instead.
    /// </summary>
    internal void Send(ClientSession session, TrackingClient client, byte[][]? keys)
    {
        if (client.RedirectId == 0)
        {
            session.Connection.Self.Tell(new TrackingProtocol.KeysInvalidated(keys, Redirected: false));
            return;
        }
        if (_clients.Find(client.RedirectId) is { } target)
        {
            target.Connection.Self.Tell(new TrackingProtocol.KeysInvalidated(keys, Redirected: true));
            return;
        }
        client.MarkRedirectBroken();
        session.Connection.Self.Tell(new TrackingProtocol.RedirectBroken(client.RedirectId));
    }

    private void Tell(List<long> readers, ReadOnlySpan<byte> key, long changedBy)
    {
        Interlocked.Decrement(ref _keys);
        Interlocked.Add(ref _items, -readers.Count);
        byte[][]? keys = null;
        foreach (var id in readers)
        {
            // A client gone, no longer tracking, or now in BCAST mode (which reports by prefix) is skipped.
            if (_clients.Find(id) is not { Tracking: { IsBroadcast: false } client } session) continue;
            if (client.NoLoop && id == changedBy) continue;
            Send(session, client, keys ??= [key.ToArray()]);
        }
    }
}
