using System.Globalization;
using System.Text;
using AkkaKv.Server.Config;

namespace AkkaKv.Server.Stats;

/// <summary>
/// LATENCY DOCTOR's report, worded as Redis words it: per event its spikes (count, average, mean deviation, seconds
/// between spikes, worst ever), then advice for the events AkkaKv records (slow and fast commands, the expiry cycle).
/// </summary>
public static class LatencyDoctor
{
    private const string Disabled =
        "I'm sorry, Dave, I can't do that. Latency monitoring is disabled in this Redis instance. You may use \"CONFIG SET latency-monitor-threshold <milliseconds>.\" in order to enable it. If we weren't in a deep space mission I'd suggest to take a look at https://redis.io/topics/latency-monitor.\n";

    private const string NoSpikes =
        "Dave, no latency spike was observed during the lifetime of this Redis instance, not in the slightest bit. I honestly think you ought to sit down calmly, take a stress pill, and think things over.\n";

    private const string SlowlogInspect =
        "- Check your Slow Log to understand what are the commands you are running which are too slow to execute. Please check https://redis.io/commands/slowlog for more information.\n";

    private const string Scheduler =
        "- The system is slow to execute Redis code paths not containing system calls. This usually means the system does not provide Redis CPU time to run for long periods. You should try to:\n" +
        "  1) Lower the system load.\n" +
        "  2) Use a computer / VM just for Redis if you are running other software in the same system.\n" +
        "  3) Check if you have a \"noisy neighbour\" problem.\n" +
        "  4) Check with 'redis-cli --intrinsic-latency 100' what is the intrinsic latency in your system.\n" +
        "  5) Check if the problem is allocator-related by recompiling Redis with MALLOC=libc, if you are using Jemalloc. However this may create fragmentation problems.\n";

    private const string Hz =
        "- In order to make the Redis keys expiring process more incremental, try to set the 'hz' configuration parameter to 100 using 'CONFIG SET hz 100'.\n";

    private const string LargeObjects =
        "- Deleting, expiring or evicting (because of maxmemory policy) large objects is a blocking operation. If you have very large objects that are often deleted, expired, or evicted, try to fragment those objects into multiple smaller objects.\n";

    public static string Report(IReadOnlyList<LatencyEventHistory> events, ServerSettings settings, long nowSeconds)
    {
        var threshold = settings.LatencyMonitorThresholdMs;
        if (events.Count == 0 && threshold == 0) return Disabled;
        var report = new StringBuilder();
        bool slowlogDisabled = false, slowlogTooHigh = false, slowCommands = false, fastCommands = false, expiry = false;
        var advices = 0;
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            if (i == 0) report.Append("Dave, I have observed latency spikes in this Redis instance. You don't mind talking about it, do you Dave?\n\n");
            var (average, deviation, period) = Analyze(e.Samples, nowSeconds);
            report.Append(CultureInfo.InvariantCulture,
                $"{i + 1}. {e.Name}: {e.Samples.Count} latency spikes (average {average}ms, mean deviation {deviation}ms, period {(double)period / e.Samples.Count:F2} sec). Worst all time event {e.MaxMilliseconds}ms.\n");
            switch (e.Name)
            {
                case LatencyMonitor.Command:
                    if (settings.SlowlogLogSlowerThan < 0) (slowlogDisabled, advices) = (true, advices + 1);
                    else if (settings.SlowlogLogSlowerThan / 1000 > threshold) (slowlogTooHigh, advices) = (true, advices + 1);
                    (slowCommands, advices) = (true, advices + 2);
                    break;
                case LatencyMonitor.FastCommand:
                    (fastCommands, advices) = (true, advices + 1);
                    break;
                case LatencyMonitor.ExpireCycle:
                    (expiry, advices) = (true, advices + 2);
                    break;
            }
        }
        if (events.Count == 0) return report.Append(NoSpikes).ToString();
        if (advices == 0)
        {
            return report.Append("\nWhile there are latency events logged, I'm not able to suggest any easy fix. Please use the Redis community to get some help, providing this report in your help request.\n").ToString();
        }
        report.Append("\nI have a few advices for you:\n\n");
        if (slowlogDisabled)
        {
            report.Append(CultureInfo.InvariantCulture,
                $"- There are latency issues with potentially slow commands you are using. Try to enable the Slow Log Redis feature using the command 'CONFIG SET slowlog-log-slower-than {threshold * 1000}'. If the Slow log is disabled Redis is not able to log slow commands execution for you.\n");
        }
        if (slowlogTooHigh)
        {
            report.Append(CultureInfo.InvariantCulture,
                $"- Your current Slow Log configuration only logs events that are slower than your configured latency monitor threshold. Please use 'CONFIG SET slowlog-log-slower-than {threshold * 1000}'.\n");
        }
        if (slowCommands) report.Append(SlowlogInspect);
        if (fastCommands) report.Append(Scheduler);
        if (expiry && settings.Hz < 100) report.Append(Hz);
        if (slowCommands || expiry) report.Append(LargeObjects);
        return report.ToString();
    }

    /// <summary>Redis's analyzeLatencyForEvent: integer average and mean absolute deviation, and the seconds since the oldest sample (at least 1).</summary>
    private static (long Average, long Deviation, long Period) Analyze(IReadOnlyList<LatencySample> samples, long nowSeconds)
    {
        var average = samples.Sum(s => s.Milliseconds) / samples.Count;
        var deviation = samples.Sum(s => Math.Abs(average - s.Milliseconds)) / samples.Count;
        var period = Math.Max(1, nowSeconds - samples.Min(s => s.UnixTimeSeconds));
        return (average, deviation, period);
    }
}
