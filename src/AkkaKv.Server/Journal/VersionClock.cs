namespace AkkaKv.Server.Journal;

/// <summary>
/// KeyDB's write version: milliseconds since the epoch shifted left 20 bits, plus a counter for writes within the
/// same millisecond. Strictly increasing across all shards of the node, so replicas can order and deduplicate.
/// </summary>
public sealed class VersionClock
{
    private long _last;

    public long Next()
    {
        while (true)
        {
            var last = Volatile.Read(ref _last);
            var candidate = Math.Max(last + 1, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() << 20);
            if (Interlocked.CompareExchange(ref _last, candidate, last) == last) return candidate;
        }
    }

    /// <summary>The millisecond timestamp a version was taken at.</summary>
    public static long TimestampOf(long version) => version >> 20;
}
