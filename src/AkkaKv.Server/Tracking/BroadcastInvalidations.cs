using AkkaKv.Storage;

namespace AkkaKv.Server.Tracking;

/// <summary>
/// Keys changed under BCAST prefixes during one shard step, sent when the step ends: one message per prefix and client,
/// prefixes and keys in byte order, as Redis sends what changed in one event-loop cycle. Each key remembers its last
/// changer, so a NOLOOP client is not told of its own changes.
/// </summary>
internal sealed class BroadcastInvalidations
{
    private readonly SortedDictionary<byte[], (BroadcastPrefix Prefix, SortedDictionary<byte[], long> ChangedBy)> _pending =
        new(BytewiseComparer.Instance);

    public bool IsEmpty => _pending.Count == 0;

    public void Add(BroadcastPrefix[] prefixes, ReadOnlySpan<byte> key, long changedBy)
    {
        byte[]? copy = null;
        foreach (var prefix in prefixes)
        {
            if (!prefix.Covers(key)) continue;
            if (!_pending.TryGetValue(prefix.Prefix, out var pending))
            {
                _pending.Add(prefix.Prefix, pending = (prefix, new SortedDictionary<byte[], long>(BytewiseComparer.Instance)));
            }
            pending.ChangedBy[copy ??= key.ToArray()] = changedBy;
        }
    }

    public void Flush(ClientTracking tracking)
    {
        foreach (var (prefix, changedBy) in _pending.Values)
        {
            byte[][]? all = null;
            foreach (var session in prefix.Clients)
            {
                if (session.Tracking is not { IsBroadcast: true } client) continue;
                var keys = client.NoLoop ? NotChangedBy(changedBy, client.ClientId) : all ??= [.. changedBy.Keys];
                if (keys.Length > 0) tracking.Send(session, client, keys);
            }
        }
        _pending.Clear();
    }

    private static byte[][] NotChangedBy(SortedDictionary<byte[], long> changedBy, long clientId) =>
        [.. changedBy.Where(k => k.Value != clientId).Select(k => k.Key)];
}
