using AkkaKv.Server.Shards;

namespace AkkaKv.Server.Transactions;

/// <summary>
/// A client's WATCHed keys and whether one of them changed since (Redis's CLIENT_DIRTY_CAS). Shards register keys and
/// mark the state dirty from their own threads; the client reads it when EXEC runs.
/// </summary>
public sealed class WatchState
{
    private readonly List<WatchedKey> _keys = [];
    private readonly Lock _lock = new();
    private volatile bool _dirty;

    /// <summary>A watched key was written, deleted or flushed: EXEC will not run.</summary>
    public bool IsDirty => _dirty;

    public void MarkDirty() => _dirty = true;

    private bool _closed;

    /// <summary>
    /// Adds a key unless the client already unwatched (a pipelined UNWATCH can run before the WATCH ahead of it reaches
    /// its shard). Pipelined WATCHes of keys on different shards add concurrently.
    /// </summary>
    public bool TryAdd(WatchedKey key)
    {
        lock (_lock)
        {
            if (_closed) return false;
            _keys.Add(key);
            return true;
        }
    }

    /// <summary>The client unwatched: no key is added from now on; returns those added so far, to forget them.</summary>
    public WatchedKey[] Close()
    {
        lock (_lock)
        {
            _closed = true;
            return [.. _keys];
        }
    }

    public bool IsWatching(int database, ReadOnlySpan<byte> key)
    {
        lock (_lock)
        {
            foreach (var watched in _keys)
            {
                if (watched.Database == database && key.SequenceEqual(watched.Key)) return true;
            }
        }
        return false;
    }

    public WatchedKey[] Keys
    {
        get
        {
            lock (_lock) return [.. _keys];
        }
    }

    /// <summary>
    /// Whether EXEC must fail: a watched key changed, or expired since it was watched (Redis's isWatchedKeyExpired).
    /// Runs on the shard executing EXEC, with every watched key's shard parked.
    /// </summary>
    public bool HasChanged(ShardSet shards, long nowMs)
    {
        if (_dirty) return true;
        foreach (var watched in Keys)
        {
            if (watched.ExpiredAtWatch) continue;
            var entry = shards.Keyspaces[shards.ShardOf(watched.Key)][watched.Database].Peek(watched.Key);
            if (entry is not null && entry.IsExpiredAt(nowMs)) return true;
        }
        return false;
    }
}
