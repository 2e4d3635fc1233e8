using AkkaKv.Storage;

namespace AkkaKv.Server.Tracking;

/// <summary>
/// One shard's part of the tracking table: each key read by tracking clients, with the ids of those clients. Keyed by
/// name alone, whatever the database, as Redis's table is. Only the shard's own thread (or a transaction holding the
/// shard) touches it. An entry goes when its key is invalidated; ids of clients that stopped tracking go with it.
/// Keys are also queued in the order they were first remembered, so the table can make room by forgetting its oldest
/// (Redis forgets random ones); keys invalidated meanwhile leave stale places that are skipped, and compacted away
/// before they outnumber the table.
/// </summary>
internal sealed class TrackedKeys
{
    private readonly Dictionary<byte[], List<long>> _readers = new(ByteArrayComparer.Instance);
    private Queue<byte[]> _order = new();

    public int Count => _readers.Count;

    /// <summary>Remembers that <paramref name="clientId"/> may cache <paramref name="key"/>; returns (new key, new reader).</summary>
    public (bool NewKey, bool NewReader) Remember(ReadOnlySpan<byte> key, long clientId)
    {
        var lookup = _readers.GetAlternateLookup<ReadOnlySpan<byte>>();
        if (!lookup.TryGetValue(key, out var readers))
        {
            var name = key.ToArray();
            _readers.Add(name, [clientId]);
            _order.Enqueue(name);
            if (_order.Count > 2 * _readers.Count + 64) _order = new Queue<byte[]>(_order.Where(k => _readers.ContainsKey(k)).Distinct(ByteArrayComparer.Instance));
            return (true, true);
        }
        if (readers.Contains(clientId)) return (false, false);
        readers.Add(clientId);
        return (false, true);
    }

    /// <summary>Forgets <paramref name="key"/> and returns who read it, or null when nobody did.</summary>
    public List<long>? Take(ReadOnlySpan<byte> key) =>
        _readers.GetAlternateLookup<ReadOnlySpan<byte>>().Remove(key, out _, out var readers) ? readers : null;

    /// <summary>Forgets the oldest key still remembered, to make room; false when the table is empty.</summary>
    public bool TakeOldest(out byte[] key, out List<long> readers)
    {
        while (_order.TryDequeue(out var oldest))
        {
            if (!_readers.Remove(oldest, out var ids)) continue;
            (key, readers) = (oldest, ids);
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
        _order.Clear();
        return items;
    }
}
