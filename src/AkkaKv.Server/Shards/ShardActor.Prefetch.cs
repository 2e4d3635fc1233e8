using System.Runtime.InteropServices;
using AkkaKv.Storage;

namespace AkkaKv.Server.Shards;

// A batch runs in windows: before a window's commands run, their first keys are prefetched together (see
// Database.Prefetch), so the cache misses of a pipeline over a big keyspace overlap instead of queueing.
public sealed partial class ShardActor
{
    // Enough keys to cover a memory access with the work of the others, few enough that their lines stay in L1.
    private const int PrefetchWindow = 16;

    /// <summary>Prefetches the keys of the requests from <paramref name="from"/> on, a window at a time; returns where the window ends.</summary>
    private int PrefetchKeys(List<ShardRequest> requests, int from)
    {
        var end = Math.Min(requests.Count, from + PrefetchWindow);
        // A lone command gains nothing: its misses have nothing to overlap with.
        if (end - from < 2) return end;
        var window = CollectionsMarshal.AsSpan(requests)[from..end];
        var database = _keyspace[window[0].Database];
        if (!database.PrefetchPays) return end;
        Span<int> hashes = stackalloc int[PrefetchWindow];
        var count = 0;
        foreach (ref readonly var request in window)
        {
            var key = request.Command.FirstKey;
            // Another database's keys (after a SELECT in the pipeline) are rare enough to go without.
            if (key > 0 && key < request.Args.Count && request.Database == database.Index)
            {
                hashes[count++] = Database.PrefetchHash(request.Args[key]);
            }
        }
        if (count > 1) database.Prefetch(hashes[..count]);
        return end;
    }
}
