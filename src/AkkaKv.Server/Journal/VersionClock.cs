namespace AkkaKv.Server.Journal;

/// <summary>
/// KeyDB's write version: milliseconds since the epoch shifted left 20 bits, plus a counter for writes within the
/// same millisecond. Strictly increasing across all shards of the node, so replicas can order and deduplicate.
/// </summary>
public sealed class VersionClock
{
    private long _last;

    /// <summary>
    /// The next version, at <paramref name="nowMs"/> or later: shards pass the time they read once per batch rather than
    /// reading the clock per write, and a shard whose reading is behind another's continues after the other's versions.
    /// </summary>
    public long Next(long nowMs)
    {
        var floor = nowMs << 20;
        while (true)
        {
            var last = Volatile.Read(ref _last);
            // Within a millisecond already used: one atomic increment, which no other shard can make fail.
            if (last >= floor) return Interlocked.Increment(ref _last);
            if (Interlocked.CompareExchange(ref _last, floor, last) == last) return floor;
        }
    }

    /// <summary>The millisecond timestamp a version was taken at.</summary>
    public static long TimestampOf(long version) => version >> 20;
}
