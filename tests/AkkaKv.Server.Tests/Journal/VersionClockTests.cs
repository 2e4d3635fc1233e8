using AkkaKv.Server.Journal;

namespace AkkaKv.Server.Tests.Journal;

public sealed class VersionClockTests
{
    [Fact]
    public void Versions_from_many_threads_are_unique_and_each_thread_sees_them_increase()
    {
        var clock = new VersionClock();
        var perThread = new long[4][];
        Parallel.For(0, 4, t =>
        {
            perThread[t] = new long[10_000];
            for (var i = 0; i < perThread[t].Length; i++) perThread[t][i] = clock.Next(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        });
        var all = perThread.SelectMany(v => v).ToList();
        Assert.Equal(all.Count, all.Distinct().Count());
        Assert.All(perThread, versions => Assert.Equal(versions.Order(), versions));
    }

    [Fact]
    public void The_high_bits_are_the_millisecond_timestamp()
    {
        var version = new VersionClock().Next(1_700_000_000_123);
        Assert.Equal(1_700_000_000_123, VersionClock.TimestampOf(version));
        Assert.Equal(0, version & ((1 << 20) - 1));
    }

    [Fact]
    public void Writes_within_a_millisecond_are_counted_and_a_later_millisecond_starts_again()
    {
        var clock = new VersionClock();
        const long Ms = 1_700_000_000_000;
        Assert.Equal([Ms << 20, (Ms << 20) + 1, (Ms << 20) + 2], new[] { clock.Next(Ms), clock.Next(Ms), clock.Next(Ms) });
        Assert.Equal((Ms + 1) << 20, clock.Next(Ms + 1));
    }

    [Fact]
    public void A_shard_whose_time_reading_is_behind_continues_after_the_versions_already_given()
    {
        var clock = new VersionClock();
        const long Ms = 1_700_000_000_000;
        var later = clock.Next(Ms + 5);
        Assert.Equal(later + 1, clock.Next(Ms));
    }
}
