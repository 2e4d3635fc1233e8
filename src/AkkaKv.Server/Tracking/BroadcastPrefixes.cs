using AkkaKv.Server.Sessions;
using AkkaKv.Storage;

namespace AkkaKv.Server.Tracking;

/// <summary>
/// Every prefix some BCAST client tracks (Redis's PrefixTable), in byte order, so one change's invalidations go out
/// prefix by prefix in the order Redis sends them. Sessions register under a lock; shards read the current array.
/// </summary>
public sealed class BroadcastPrefixes
{
    private readonly Lock _lock = new();
    private volatile BroadcastPrefix[] _all = [];

    /// <summary>The prefixes now tracked, in byte order.</summary>
    public BroadcastPrefix[] All => _all;

    public void Add(ClientSession client, byte[] prefix)
    {
        lock (_lock)
        {
            var at = Array.FindIndex(_all, p => p.Prefix.AsSpan().SequenceEqual(prefix));
            if (at < 0)
            {
                var entry = new BroadcastPrefix(prefix);
                entry.SetClients([client]);
                _all = [.. _all.Append(entry).OrderBy(p => p.Prefix, BytewiseComparer.Instance)];
                return;
            }
            var existing = _all[at];
            if (!existing.Clients.Contains(client)) existing.SetClients([.. existing.Clients, client]);
        }
    }

    /// <summary>Takes the client off every prefix; a prefix nobody tracks any more goes.</summary>
    public void Remove(ClientSession client)
    {
        lock (_lock)
        {
            foreach (var entry in _all) entry.SetClients(Array.FindAll(entry.Clients, c => !ReferenceEquals(c, client)));
            if (Array.Exists(_all, p => p.Clients.Length == 0)) _all = Array.FindAll(_all, p => p.Clients.Length > 0);
        }
    }
}
