namespace AkkaKv.Storage;

/// <summary>RANDOMKEY, SCAN and KEYS over one database.</summary>
public sealed partial class Database
{
    /// <summary>
    /// A key picked uniformly among the live ones; expired keys met on the way are reclaimed. Null when empty. While
    /// expired keys are kept (<see cref="KeepsExpiredKeys"/>) they are skipped instead, and after 100 expired picks in a
    /// row one of them is returned, as Redis's dbRandomKey does rather than loop forever over a database of them.
    /// </summary>
    public KeyEntry? RandomEntry(Random random, long nowMs)
    {
        var tries = 100;
        while (_keys.Count > 0)
        {
            var entry = _keys[random.Next(_keys.Count)];
            if (!entry.IsExpiredAt(nowMs))
            {
                return entry;
            }

            if (KeepsExpiredKeys?.Invoke() == true)
            {
                if (--tries == 0)
                {
                    return entry;
                }

                continue;
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
    public long Scan(long cursor, int count, List<KeyEntry> into) => _keys.Scan(cursor, count, into);

    /// <summary>
    /// A snapshot of every entry (expired ones included: callers filter with their clock), safe to use
    /// while the database changes.
    /// </summary>
    public IEnumerable<KeyEntry> Entries => _keys.ToArray();
}
