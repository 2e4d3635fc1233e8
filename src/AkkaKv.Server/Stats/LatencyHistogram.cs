using System.Numerics;

namespace AkkaKv.Server.Stats;

/// <summary>
/// Per-command latency distribution for INFO latencystats: log-linear buckets (8 per power of two, so a percentile is
/// within about 12% of the truth), allocated on a command's first call. Single writer unless shared.
/// </summary>
public sealed class LatencyHistogram
{
    private const int SubBucketBits = 3;
    private const int SubBuckets = 1 << SubBucketBits;
    private const int MaxExponent = 40;
    private const int BucketCount = (MaxExponent + 1) * SubBuckets;

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

    /// <summary>The summed counts of one command over several histograms, or null if it never ran.</summary>
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

    /// <summary>The value below which <paramref name="percent"/>% of the recorded calls fall (a bucket's upper edge).</summary>
    public static double Percentile(long[] counts, double percent)
    {
        var total = counts.Sum();
        var rank = (long)Math.Ceiling(total * percent / 100.0);
        long seen = 0;
        for (var bucket = 0; bucket < counts.Length; bucket++)
        {
            seen += counts[bucket];
            if (seen >= Math.Max(1, rank)) return UpperEdge(bucket);
        }
        return UpperEdge(counts.Length - 1);
    }

    private long[] Allocate(int commandId)
    {
        var counts = new long[BucketCount];
        return _shared ? Interlocked.CompareExchange(ref _counts[commandId], counts, null) ?? counts : _counts[commandId] = counts;
    }

    private static int BucketOf(long microseconds)
    {
        var value = (ulong)Math.Max(1, microseconds);
        var exponent = Math.Min(BitOperations.Log2(value), MaxExponent);
        var subBucket = exponent >= SubBucketBits
            ? (int)(value >> (exponent - SubBucketBits)) & (SubBuckets - 1)
            : (int)(value << (SubBucketBits - exponent)) & (SubBuckets - 1);
        return exponent * SubBuckets + subBucket;
    }

    private static double UpperEdge(int bucket)
    {
        var exponent = bucket / SubBuckets;
        var subBucket = bucket % SubBuckets;
        return Math.Pow(2, exponent) * (1 + (subBucket + 1) / (double)SubBuckets);
    }
}
