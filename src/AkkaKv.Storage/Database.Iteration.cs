namespace AkkaKv.Storage;

/// <summary>RANDOMKEY, SCAN and KEYS over one database.</summary>
public sealed partial class Database
{
    /// <summary>
    /// A key picked uniformly among the live ones; expired keys met on the way are reclaimed. Null when empty.
    /// </summary>
    public KeyEntry? RandomEntry(Random random, long nowMs)
    {
        while (_keys.Count > 0)
        {
            var entry = _keys[random.Next(_keys.Count)];
            if (!entry.IsExpiredAt(nowMs))
            {
                return entry;
            }

            RemoveExpired(entry);
        }

        return null;
    }

    /// <summary>
    /// Adds about <paramref name="count"/> entries to <paramref name="into"/> and returns the cursor of the
    /// next call, 0 when the scan is complete. Start with cursor 0. Every key present for the whole scan is
    /// returned at least once, however the database grows or shrinks between calls; keys added or removed
    /// meanwhile may or may not be returned, and a key may be returned twice. Entries are not checked for
    /// expiry.
    /// </summary>
    /// <remarks>
    /// The cursor walks the dense entry array downwards and is encoded as next index + 1. Deletion moves
    /// the last entry into the hole, so an entry's index only ever decreases: one not yet visited stays
    /// below the cursor, and inserts land above it.
    /// </remarks>
    public long Scan(long cursor, int count, List<KeyEntry> into)
    {
        ArgumentNullException.ThrowIfNull(into);
        var size = _keys.Count;
        if (size == 0)
        {
            return 0;
        }

        var next = cursor <= 0 ? size - 1 : (int)Math.Min(cursor - 1, size - 1);
        var budget = Math.Max(1, count);
        while (next >= 0 && budget > 0)
        {
            into.Add(_keys[next]);
            next--;
            budget--;
        }

        return next < 0 ? 0 : next + 1;
    }

    /// <summary>
    /// A snapshot of every entry (expired ones included: callers filter with their clock), safe to use
    /// while the database changes.
    /// </summary>
    public IEnumerable<KeyEntry> Entries => _keys.Snapshot();
}
