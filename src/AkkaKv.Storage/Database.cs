namespace AkkaKv.Storage;

/// <summary>
/// One numbered database (as SELECT picks it) within one shard's partition of the keyspace.
/// Only the owning shard thread touches it, so nothing here is synchronized.
/// </summary>
public sealed partial class Database
{
    private readonly DenseTable<KeyEntry, KeyEntryKey> _keys = new(16);
    private readonly VolatileKeySet _volatileKeys = new();

    public Database(int index)
    {
        Index = index;
    }

    public int Index { get; internal set; }

    /// <summary>Keys present, including logically expired ones not yet reclaimed (as DBSIZE counts them).</summary>
    public int Count => _keys.Count;

    /// <summary>Keys that have a TTL.</summary>
    public int ExpiresCount => _volatileKeys.Count;

    /// <summary>Invoked after a key was removed because it expired (lazily or actively).</summary>
    public Action<Database, KeyEntry>? KeyExpired { get; set; }

    /// <summary>
    /// While this answers true, a lookup treats an expired key as missing but leaves it in place, and due members stay
    /// (visible) until it answers false again: Redis deletes nothing lazily while clients are paused, so the dataset
    /// (and what is propagated) stays still.
    /// </summary>
    public Func<bool>? KeepsExpiredKeys { get; set; }

    /// <summary>
    /// A key's value is going: deleted, expired, or about to be overwritten (called before the new value is stored).
    /// Readers blocked on it may have to be told (XREADGROUP fails once its stream is gone).
    /// </summary>
    public Action<Database, KeyEntry>? KeyUnlinked { get; set; }

    /// <summary>
    /// Finds a live key. An expired key is deleted (firing <see cref="KeyExpired"/>, unless <see cref="KeepsExpiredKeys"/>)
    /// and null returned; <paramref name="touch"/> records the access for OBJECT IDLETIME.
    /// </summary>
    public KeyEntry? Lookup(ReadOnlySpan<byte> key, long nowMs, bool touch = true)
    {
        var entry = Find(key);
        if (entry is null)
        {
            return null;
        }

        if (entry.IsExpiredAt(nowMs))
        {
            if (KeepsExpiredKeys?.Invoke() != true) RemoveExpired(entry);
            return null;
        }

        if (entry.Value is not byte[] && RemoveDueMembers(entry, nowMs, int.MaxValue))
        {
            return null;
        }

        if (touch)
        {
            entry.LastAccessMs = nowMs;
        }

        return entry;
    }

    /// <summary>Finds a key without checking expiry or recording the access.</summary>
    public KeyEntry? Peek(ReadOnlySpan<byte> key) => Find(key);

    private KeyEntry? Find(ReadOnlySpan<byte> key)
    {
        var index = _keys.IndexOf(key);
        return index < 0 ? null : _keys[index];
    }

    /// <summary>
    /// Inserts or overwrites. Overwriting keeps the entry object, replaces the value and clears the TTL
    /// unless <paramref name="keepTtl"/>; a non-negative <paramref name="expireAtMs"/> sets the TTL in any
    /// case. A key already expired at <paramref name="nowMs"/> is first reclaimed as such, so its TTL is
    /// never kept. The value is owned by the database from now on: never mutate it (the database itself may, when
    /// a later <see cref="SetString"/> of the same length overwrites a string in place).
    /// </summary>
    public KeyEntry Set(ReadOnlySpan<byte> key, object value, long expireAtMs = -1, bool keepTtl = false, long nowMs = 0) =>
        Store(key, Find(key), value, expireAtMs, keepTtl, nowMs);

    /// <summary>
    /// <see cref="Set"/> for a string given as bytes, copied. A live string of the same length is overwritten in its
    /// own array: nothing is allocated, and the old value does not become garbage in the oldest generation, where a
    /// big dataset's overwritten values would pile up until a full collection. So the caller must not hold the old
    /// value across this call (SET ... GET must pass a new array to <see cref="Set"/> instead).
    /// </summary>
    public KeyEntry SetString(ReadOnlySpan<byte> key, ReadOnlySpan<byte> value, long expireAtMs = -1, bool keepTtl = false, long nowMs = 0)
    {
        var entry = Find(key);
        if (entry is { Value: byte[] stored } && stored.Length == value.Length && !entry.IsExpiredAt(nowMs))
        {
            value.CopyTo(stored);
            return Store(key, entry, stored, expireAtMs, keepTtl, nowMs);
        }

        return Store(key, entry, value.ToArray(), expireAtMs, keepTtl, nowMs);
    }

    private KeyEntry Store(ReadOnlySpan<byte> key, KeyEntry? entry, object value, long expireAtMs, bool keepTtl, long nowMs)
    {
        if (entry is not null && entry.IsExpiredAt(nowMs))
        {
            RemoveExpired(entry);
            entry = null;
        }

        if (entry is null)
        {
            entry = new KeyEntry(key.ToArray(), value) { LastAccessMs = nowMs };
            _keys.Add(entry);
            if (expireAtMs >= 0)
            {
                SetExpire(entry, expireAtMs);
            }
        }
        else
        {
            if (!ReferenceEquals(entry.Value, value)) KeyUnlinked?.Invoke(this, entry);
            entry.Value = value;
            entry.LastAccessMs = nowMs;
            if (expireAtMs >= 0 || !keepTtl)
            {
                SetExpire(entry, expireAtMs);
            }
        }

        // A value moved here with member deadlines (RENAME, MOVE, COPY) keeps expiring them.
        if (value is IExpiringMembers { Deadlines.Count: > 0 })
        {
            TrackMemberDeadlines(entry);
        }

        return entry;
    }

    /// <summary>Deletes the key if present, expired or not (callers Lookup first when that matters).</summary>
    public bool Delete(ReadOnlySpan<byte> key)
    {
        var entry = Find(key);
        if (entry is null)
        {
            return false;
        }

        Delete(entry);
        return true;
    }

    /// <summary>Deletes this entry; nothing happens if it is no longer in the database.</summary>
    public void Delete(KeyEntry entry)
    {
        var index = _keys.IndexOf(entry.Key);
        if (index < 0 || !ReferenceEquals(_keys[index], entry))
        {
            return;
        }

        _keys.RemoveAt(index);
        if (entry.VolatileIndex >= 0)
        {
            _volatileKeys.Remove(entry);
        }

        UntrackMemberDeadlines(entry);
        KeyUnlinked?.Invoke(this, entry);
    }

    /// <summary>Sets the absolute expiry time in ms; a negative value (-1) removes the TTL.</summary>
    public void SetExpire(KeyEntry entry, long expireAtMs)
    {
        if (expireAtMs < 0)
        {
            if (entry.VolatileIndex >= 0)
            {
                _volatileKeys.Remove(entry);
            }

            entry.ExpireAtMs = -1;
            return;
        }

        if (entry.VolatileIndex < 0)
        {
            _volatileKeys.Add(entry);
        }

        entry.ExpireAtMs = expireAtMs;
    }

    /// <summary>Removes every key (FLUSHDB) and forgets the TTL statistics.</summary>
    public void Clear()
    {
        _keys.Clear();
        _volatileKeys.Clear();
        _keysWithMemberDeadlines.Clear();
        AverageTtlMs = 0;
    }

    private void RemoveExpired(KeyEntry entry)
    {
        Delete(entry);
        KeyExpired?.Invoke(this, entry);
    }
}
