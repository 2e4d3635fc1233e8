namespace AkkaKv.Storage;

/// <summary>Trimming from the oldest end (Redis's streamTrim).</summary>
public sealed partial class StreamValue
{
    /// <summary>
    /// Removes old entries per <paramref name="trim"/> and returns how many. Whole nodes go first; an exact trim then
    /// marks entries deleted inside the first remaining node, an approximate one stops there. A node whose last entry
    /// (even a deleted one) is at or past MINID is kept, as in Redis.
    /// </summary>
    public long Trim(in StreamTrim trim)
    {
        if (trim.Strategy == StreamTrimStrategy.None) return 0;
        var byLength = trim.Strategy == StreamTrimStrategy.MaxLength;
        long deleted = 0;
        while (_nodeCount > 0)
        {
            if (byLength && Length <= trim.MaxLength) break;
            var node = NodeAt(0);
            long entries = node.Live;
            if (trim.Limit > 0 && deleted + entries > trim.Limit) break;

            var removeNode = byLength ? Length - entries >= trim.MaxLength : node.LastId < trim.MinId;
            if (removeNode)
            {
                RemoveNodeAt(0);
                Length -= entries;
                deleted += entries;
                continue;
            }

            if (trim.Approximate) break;

            for (var at = node.EntriesStart; at < node.Length;)
            {
                var entry = node.ReadEntry(at, out var next);
                var stop = byLength ? Length <= trim.MaxLength : entry.Id >= trim.MinId;
                if (stop) break;
                if (node.MarkDeleted(at))
                {
                    Length--;
                    deleted++;
                }

                at = next;
            }

            break;
        }

        if (Length == 0) FirstId = StreamId.Min;
        else if (deleted > 0) FirstId = FirstLiveId();
        return deleted;
    }
}
