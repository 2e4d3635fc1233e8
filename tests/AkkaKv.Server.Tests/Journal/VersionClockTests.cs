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
            for (var i = 0; i < perThread[t].Length; i++) perThread[t][i] = clock.Next();
        });
        var all = perThread.SelectMany(v => v).ToList();
        Assert.Equal(all.Count, all.Distinct().Count());
        Assert.All(perThread, versions => Assert.Equal(versions.Order(), versions));
    }

    [Fact]
    public void The_high_bits_are_the_millisecond_timestamp()
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var version = new VersionClock().Next();
        Assert.InRange(VersionClock.TimestampOf(version), now, now + 1000);
        Assert.Equal(0, version & ((1 << 20) - 1));
    }
}
