using System.Diagnostics;

namespace AkkaKv.Storage;

/// <summary>Active expiry: Redis's activeExpireCycle, sampling the keys that have a TTL.</summary>
/// <remarks>
/// Redis 7 walks its expires dictionary with a cursor, which samples at random because a hash table's
/// bucket order is random. Our dense array is in insertion order, where neighbours tend to expire
/// together, so a cursor would bias the stale-fraction estimate; uniform random picks keep it honest.
/// </remarks>
public sealed partial class Database
{
    /// <summary>Keys sampled per round, as Redis's ACTIVE_EXPIRE_CYCLE_KEYS_PER_LOOP at the default effort.</summary>
    public const int ActiveExpireSampleSize = 20;

    /// <summary>Another round follows while more than this percentage of a sample had expired.</summary>
    public const int ActiveExpireAcceptableStalePercent = 10;

    private Random _sampler = new();

    /// <summary>
    /// Redis's running estimate of the TTL of keys with an expiry (INFO keyspace avg_ttl), in ms; 0 if unknown.
    /// </summary>
    public long AverageTtlMs { get; private set; }

    /// <summary>Replaces the random source of the expiry sampling, so tests can be deterministic.</summary>
    internal Random ExpirySampler
    {
        set => _sampler = value;
    }

    /// <summary>
    /// Samples <see cref="ActiveExpireSampleSize"/> keys with a TTL at random and deletes the expired ones,
    /// repeating while more than <see cref="ActiveExpireAcceptableStalePercent"/>% of a sample had expired
    /// and <paramref name="timeBudget"/> is not spent. Reclaims keys nobody reads any more.
    /// </summary>
    public ActiveExpireResult ActiveExpireCycle(long nowMs, TimeSpan timeBudget)
    {
        var started = Stopwatch.GetTimestamp();
        ActiveMemberExpireCycle(nowMs, started, timeBudget);
        var totalSampled = 0;
        var totalExpired = 0;
        while (true)
        {
            if (_volatileKeys.Count == 0)
            {
                AverageTtlMs = 0;
                return new ActiveExpireResult(totalSampled, totalExpired, false);
            }

            var (sampled, expired) = SampleForExpiry(nowMs);
            totalSampled += sampled;
            totalExpired += expired;
            if (Stopwatch.GetElapsedTime(started) > timeBudget)
            {
                return new ActiveExpireResult(totalSampled, totalExpired, true);
            }

            if (expired * 100 / sampled <= ActiveExpireAcceptableStalePercent)
            {
                return new ActiveExpireResult(totalSampled, totalExpired, false);
            }
        }
    }

    private (int Sampled, int Expired) SampleForExpiry(long nowMs)
    {
        var sampleSize = Math.Min(_volatileKeys.Count, ActiveExpireSampleSize);
        var sampled = 0;
        var expired = 0;
        long ttlSum = 0;
        var ttlSamples = 0;
        while (sampled < sampleSize && _volatileKeys.Count > 0)
        {
            var entry = _volatileKeys[_sampler.Next(_volatileKeys.Count)];
            var ttl = entry.ExpireAtMs - nowMs;
            sampled++;
            if (entry.IsExpiredAt(nowMs))
            {
                RemoveExpired(entry);
                expired++;
            }
            else if (ttl > 0)
            {
                ttlSum += ttl;
                ttlSamples++;
            }
        }

        if (ttlSamples > 0)
        {
            UpdateAverageTtl(ttlSum / ttlSamples);
        }

        return (sampled, expired);
    }

    // Redis's estimate: the previous value weighs 98%, the new sample's mean 2%.
    private void UpdateAverageTtl(long sampleMean)
    {
        if (AverageTtlMs == 0)
        {
            AverageTtlMs = sampleMean;
        }

        AverageTtlMs = AverageTtlMs / 50 * 49 + sampleMean / 50;
    }
}
