using AkkaKv.Storage;

namespace AkkaKv.Server.Tracking;

/// <summary>
/// One shard's part of the tracking table: each key read by tracking clients, with the ids of those clients. Keyed by
/// name alone, whatever the database, as Redis's table is. Only the shard's own thread (or a transaction holding the
/// shard) touches it. An entry goes when its key is invalidated; ids of clients that stopped tracking go with it.
/// </summary>
internal sealed class TrackedKeys
{
    private readonly Dictionary<byte[], List<long>> _readers = new(ByteArrayComparer.Instance);

    public int Count => _readers.Count;

    /// <summary>Remembers that <paramref name="clientId"/> may cache <paramref name="key"/>; returns (new key, new reader).</summary>
    public (bool NewKey, bool NewReader) Remember(ReadOnlySpan<byte> key, long clientId)
    {
        var lookup = _readers.GetAlternateLookup<ReadOnlySpan<byte>>();
        if (!lookup.TryGetValue(key, out var readers))
        {
            _readers.Add(key.ToArray(), [clientId]);
            return (true, true);
        }
        if (readers.Contains(clientId)) return (false, false);
        readers.Add(clientId);
        return (false, true);
    }

    /// <summary>Forgets <paramref name="key"/> and returns who read it, or null when nobody did.</summary>
    public List<long>? Take(ReadOnlySpan<byte> key) =>
        _readers.GetAlternateLookup<ReadOnlySpan<byte>>().Remove(key, out _, out var readers) ? readers : null;

    /// <summary>
    /// Forgets some key to make room (the first in the table's own order; Redis picks one at random); false when the
    /// table is empty.
    /// </summary>
    public bool TakeAny(out byte[] key, out List<long> readers)
    {
        foreach (var (any, ids) in _readers)
        {
            _readers.Remove(any);
            (key, readers) = (any, ids);
            return true;
        }
        (key, readers) = (Array.Empty<byte>(), []);
        return false;
    }

    /// <summary>Forgets everything; returns how many reader entries went.</summary>
    public long Clear()
    {
        long items = 0;
        foreach (var readers in _readers.Values) items += readers.Count;
        _readers.Clear();
        return items;
    }
}
