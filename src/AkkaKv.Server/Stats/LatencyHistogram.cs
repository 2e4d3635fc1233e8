using System.Numerics;

namespace AkkaKv.Server.Stats;

/// <summary>
/// Per-command latency distribution for LATENCY HISTOGRAM and INFO latencystats, allocated on a command's first call.
/// Redis keeps an HDR histogram of nanoseconds (2 significant digits) and reports it at 1024 ns x 2^k, that is at
/// 1, 2, 4, 8, 16, 33, 66... microseconds; those levels are this histogram's coarse buckets, so LATENCY HISTOGRAM is
/// exact. Each level is split linearly into 16 sub-buckets for percentiles: exact (to Redis's digit) up to 33 µs, within
/// a sixteenth of a level above. Single writer unless shared.
/// </summary>
public sealed class LatencyHistogram
{
    private const int SubBuckets = 16;

    /// <summary>Redis records at most one second; a longer call counts as one second.</summary>
    private const long MaxMicros = 1_000_000;

    /// <summary>The levels Redis reports, in µs: each is the highest value HDR treats as equal to 1024 ns x 2^k.</summary>
    private static readonly long[] LevelMicros = BuildLevels();

    private static readonly int BucketCount = LevelMicros.Length * SubBuckets;

    private readonly long[]?[] _counts;
    private readonly bool _shared;

    public LatencyHistogram(int commandCount, bool shared)
    {
        _counts = new long[commandCount][];
        _shared = shared;
    }

    public void Record(int commandId, long microseconds)
    {
        var counts = _counts[commandId] ?? Allocate(commandId);
        var bucket = BucketOf(microseconds);
        if (_shared) Interlocked.Increment(ref counts[bucket]);
        else counts[bucket]++;
    }

    public void Reset()
    {
        foreach (var counts in _counts)
        {
            if (counts is not null) Array.Clear(counts);
        }
    }

    /// <summary>The summed counts of one command over several histograms, or null if it was not recorded since the last reset.</summary>
    public static long[]? Merge(IEnumerable<LatencyHistogram> histograms, int commandId)
    {
        long[]? merged = null;
        foreach (var counts in histograms.Select(h => h._counts[commandId]).OfType<long[]>())
        {
            merged ??= new long[BucketCount];
            for (var i = 0; i < BucketCount; i++) merged[i] += counts[i];
        }
        return merged is null || merged.Sum() == 0 ? null : merged;
    }

    /// <summary>
    /// Redis's hdr_value_at_percentile in µs: the highest value HDR treats as equal to the call at that rank (the rank
    /// rounded to the nearest call, at least the first); for the 0th percentile the lowest such value.
    /// </summary>
    public static double Percentile(long[] counts, double percent)
    {
        var rank = Math.Max(1, (long)(Math.Min(percent, 100) / 100 * counts.Sum() + 0.5));
        var bucket = 0;
        for (long seen = counts[0]; seen < rank && bucket < counts.Length - 1; seen += counts[bucket]) bucket++;
        return HdrEquivalentNanos(UpperMicros(bucket) * 1000, highest: percent != 0) / 1000.0;
    }

    /// <summary>LATENCY HISTOGRAM's buckets: each level (µs) with the calls at or below it, where that count grows.</summary>
    public static IEnumerable<(long Micros, long Calls)> CumulativeLevels(long[] counts)
    {
        long calls = 0, reported = 0;
        for (var level = 0; level < LevelMicros.Length; level++)
        {
            for (var sub = 0; sub < SubBuckets; sub++) calls += counts[level * SubBuckets + sub];
            if (calls == reported) continue;
            reported = calls;
            yield return (LevelMicros[level], calls);
        }
    }

    private long[] Allocate(int commandId)
    {
        var counts = new long[BucketCount];
        return _shared ? Interlocked.CompareExchange(ref _counts[commandId], counts, null) ?? counts : _counts[commandId] = counts;
    }

    private static int BucketOf(long microseconds)
    {
        var micros = Math.Clamp(microseconds, 0, MaxMicros);
        var level = LevelOf(micros);
        // Level 0 holds 0 and 1 µs, each in a sub-bucket of its own.
        if (level == 0) return (int)micros;
        var low = LevelMicros[level - 1];
        return level * SubBuckets + (int)((micros - low - 1) * SubBuckets / (LevelMicros[level] - low));
    }

    /// <summary>The first level at or above <paramref name="micros"/>: every level k lies in [2^k, 2^(k+1)), so it is k or k-1 for k = ceil(log2).</summary>
    private static int LevelOf(long micros)
    {
        if (micros <= 1) return 0;
        var k = 64 - BitOperations.LeadingZeroCount((ulong)(micros - 1));
        return micros <= LevelMicros[k - 1] ? k - 1 : k;
    }

    /// <summary>The largest µs value a bucket holds.</summary>
    private static long UpperMicros(int bucket)
    {
        var level = bucket / SubBuckets;
        var sub = bucket % SubBuckets;
        if (level == 0) return sub;
        var low = LevelMicros[level - 1];
        return low + 1 + ((sub + 1) * (LevelMicros[level] - low) - 1) / SubBuckets;
    }

    /// <summary>
    /// HDR's highest (or lowest) equivalent value for Redis's histogram: unit 1 ns, 2 significant digits, so values share
    /// a sub-bucket 2^b wide where b puts them below 256 x 2^b.
    /// </summary>
    private static long HdrEquivalentNanos(long nanos, bool highest)
    {
        var value = Math.Max(1, nanos);
        var bucket = 64 - BitOperations.LeadingZeroCount((ulong)(value | 255)) - 8;
        var lowest = (value >> bucket) << bucket;
        return highest ? lowest + (1L << bucket) - 1 : lowest;
    }

    private static long[] BuildLevels()
    {
        // 1024 ns x 2^k for k = 0..19 (HDR's sub-bucket there is 2^(k+3) wide); a recorded second sits past the last of
        // those, where Redis's iterator reports the histogram's very last value, 1073741823 ns.
        var levels = new long[21];
        for (var k = 0; k < 20; k++) levels[k] = ((1024L << k) + (1L << (k + 3)) - 1) / 1000;
        levels[20] = 1_073_741;
        return levels;
    }
}
