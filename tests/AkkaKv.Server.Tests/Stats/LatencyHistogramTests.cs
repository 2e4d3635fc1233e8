using AkkaKv.Server.Stats;

namespace AkkaKv.Server.Tests.Stats;

/// <summary>
/// The histogram reports what Redis's HDR histogram (1 ns unit, 2 significant digits, read at 1024 ns x 2^k) reports for
/// the same calls. The expected values were computed with HDR's arithmetic and checked against redis-server 7.0's
/// LATENCY HISTOGRAM and INFO latencystats (6 µs reads back as p50=6.015, 19 µs as 19.071).
/// </summary>
public sealed class LatencyHistogramTests
{
    private static long[] Counts(params long[] micros)
    {
        var histogram = new LatencyHistogram(1, shared: false);
        foreach (var m in micros) histogram.Record(0, m);
        return LatencyHistogram.Merge([histogram], 0)!;
    }

    [Fact]
    public void Levels_are_the_ones_redis_reports()
    {
        // One call at each level's edge and one just above it.
        long[] levels = [1, 2, 4, 8, 16, 33, 66, 132, 264, 528, 1056, 2113, 4227, 8454, 16908, 33816, 67633, 135266, 270532, 541065];
        var calls = levels.SelectMany(l => new[] { l, l + 1 }).ToArray();
        var reported = LatencyHistogram.CumulativeLevels(Counts(calls)).ToList();
        // The edge falls in its own level, the one above in the next; past the last level is a second's bucket.
        long[] expectedLevels = [.. levels, 1_073_741];
        Assert.Equal(expectedLevels, reported.Select(r => r.Micros));
        // Level 0 holds one call, every further level two (its edge and the previous edge + 1), the last one call.
        long[] expectedCalls = [.. Enumerable.Range(0, levels.Length).Select(i => 2L * i + 1), calls.Length];
        Assert.Equal(expectedCalls, reported.Select(r => r.Calls));
    }

    [Fact]
    public void Levels_without_new_calls_are_left_out_and_counts_are_cumulative()
    {
        var reported = LatencyHistogram.CumulativeLevels(Counts(0, 3, 3, 40, 2_000_000)).ToList();
        Assert.Equal([(1L, 1L), (4L, 3L), (66L, 4L), (1_073_741L, 5L)], reported);
    }

    [Theory]
    [InlineData(6, 6.015)]
    [InlineData(19, 19.071)]
    [InlineData(9, 9.023)]
    [InlineData(0, 0.001)]
    public void A_single_call_reads_back_as_hdr_reports_it(long micros, double expected)
    {
        var counts = Counts(micros);
        Assert.Equal(expected, LatencyHistogram.Percentile(counts, 50));
        Assert.Equal(expected, LatencyHistogram.Percentile(counts, 99.9));
    }

    [Fact]
    public void Percentiles_round_the_rank_to_the_nearest_call()
    {
        // 10 calls: p50 is the 5th, p99 the 10th (9.9 rounds up), p0 the lowest value HDR treats as the first.
        var counts = Counts(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        Assert.Equal(5.023, LatencyHistogram.Percentile(counts, 50));
        Assert.Equal(10.047, LatencyHistogram.Percentile(counts, 99));
        Assert.Equal(1.0, LatencyHistogram.Percentile(counts, 0));
    }

    [Fact]
    public void Above_thirty_three_microseconds_percentiles_stay_within_a_sixteenth_of_a_level()
    {
        foreach (var micros in new long[] { 34, 100, 1000, 12345, 600_000 })
        {
            var p = LatencyHistogram.Percentile(Counts(micros), 50);
            Assert.InRange(p, micros, micros * 1.07 + 1);
        }
    }
}
