using AkkaKv.Storage;

namespace AkkaKv.Server.Transactions;

/// <summary>
/// One shard's watched keys and who watches them (Redis's db->watched_keys). Touched only by the owning shard's
/// thread, or by a cross-shard step while the shard is parked, like the keyspace.
/// </summary>
public sealed class WatchRegistry
{
    private readonly Dictionary<byte[], List<(WatchState State, WatchedKey Key)>>[] _byDatabase;

    public WatchRegistry(int databases)
    {
        _byDatabase = new Dictionary<byte[], List<(WatchState, WatchedKey)>>[databases];
        for (var i = 0; i < databases; i++) _byDatabase[i] = new Dictionary<byte[], List<(WatchState, WatchedKey)>>(ByteArrayComparer.Instance);
    }

    /// <summary>Registrations here; 0 makes touching free.</summary>
    public int Count { get; private set; }

    public void Add(WatchState state, WatchedKey key)
    {
        var watchers = _byDatabase[key.Database];
        if (!watchers.TryGetValue(key.Key, out var list)) watchers[key.Key] = list = [];
        list.Add((state, key));
        Count++;
    }

    /// <summary>
    /// A write, deletion or flush reached the key: its watchers' transactions will fail. A key that was already expired
    /// when watched and is now simply gone changed nothing visible (Redis's touchWatchedKey).
    /// </summary>
    public void Touch(Database db, ReadOnlySpan<byte> key)
    {
        if (Count == 0 || !_byDatabase[db.Index].GetAlternateLookup<ReadOnlySpan<byte>>().TryGetValue(key, out var list)) return;
        foreach (var (state, watched) in list)
        {
            if (watched.ExpiredAtWatch && db.Peek(key) is null)
            {
                watched.ExpiredAtWatch = false;
                continue;
            }
            state.MarkDirty();
        }
    }

    /// <summary>The keys of <paramref name="db"/> watched here.</summary>
    public IEnumerable<byte[]> KeysWatchedIn(int db) => Count == 0 ? [] : _byDatabase[db].Keys;

    /// <summary>Forgets the client's keys registered here.</summary>
    public void Remove(WatchState state)
    {
        foreach (var key in state.Keys)
        {
            var watchers = _byDatabase[key.Database];
            if (!watchers.TryGetValue(key.Key, out var list)) continue;
            var removed = list.RemoveAll(w => ReferenceEquals(w.State, state));
            Count -= removed;
            if (list.Count == 0) watchers.Remove(key.Key);
        }
    }
}
