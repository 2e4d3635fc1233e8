using System.Text.RegularExpressions;
using AkkaKv.IntegrationTests.Infrastructure;
using AkkaKv.Protocol;

namespace AkkaKv.IntegrationTests.Commands;

/// <summary>
/// LATENCY and the latency monitor (Redis's unit/latency-monitor). Monitor state and statistics are node-wide; the tests
/// of this class run one at a time and reset what they use. Latency events come from DEBUG SLEEP, which always lasts
/// at least as long as asked, so no assertion depends on the machine's speed.
/// </summary>
public sealed class LatencyMonitorTests(ServerFixture server) : CommandTestBase(server), IClassFixture<ServerFixture>
{
    /// <summary>The levels Redis reports histograms at (µs): HDR's highest equivalents of 1024 ns x 2^k.</summary>
    private static readonly long[] RedisLevels =
        [1, 2, 4, 8, 16, 33, 66, 132, 264, 528, 1056, 2113, 4227, 8454, 16908, 33816, 67633, 135266, 270532, 541065, 1073741];

    /// <summary>Starts the monitor at <paramref name="thresholdMs"/> with no events recorded.</summary>
    private RespClient Monitoring(long thresholdMs, int protocol = 2)
    {
        var client = Connect(protocol);
        AssertOk(client.Execute("CONFIG", "SET", "latency-monitor-threshold", thresholdMs.ToString()));
        client.Execute("LATENCY", "RESET");
        return client;
    }

    // ---- HISTOGRAM ------------------------------------------------------------------------------------------------

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Histogram_is_empty_after_config_resetstat_but_for_resetstat_itself(int protocol)
    {
        using var client = Connect(protocol);
        AssertOk(client.Execute("CONFIG", "RESETSTAT"));
        var histograms = AssertMap(client.Execute("LATENCY", "HISTOGRAM"), protocol);
        Assert.Equal(["config|resetstat"], histograms.Keys);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Histogram_of_all_commands_counts_each_calls(int protocol)
    {
        using var client = Connect(protocol);
        AssertOk(client.Execute("CONFIG", "RESETSTAT"));
        client.Execute("SET", NewKey(), "b");
        client.Execute("SET", NewKey(), "d");
        client.Execute("GET", NewKey());
        var histograms = AssertMap(client.Execute("LATENCY", "HISTOGRAM"), protocol);
        Assert.Equal(["config|resetstat", "get", "set"], histograms.Keys.Order());
        AssertHistogram(histograms["set"], 2, protocol);
        AssertHistogram(histograms["get"], 1, protocol);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Histogram_of_a_container_lists_its_subcommands(int protocol)
    {
        using var client = Connect(protocol);
        AssertOk(client.Execute("CONFIG", "RESETSTAT"));
        client.Execute("CLIENT", "ID");
        client.Execute("CLIENT", "LIST");
        client.Execute("CLIENT", "ID");
        var histograms = AssertMap(client.Execute("LATENCY", "HISTOGRAM", "client"), protocol);
        Assert.Equal(["client|id", "client|list"], histograms.Keys.Order());
        AssertHistogram(histograms["client|id"], 2, protocol);
        var one = AssertMap(client.Execute("LATENCY", "HISTOGRAM", "CLIENT|ID"), protocol);
        Assert.Equal(["client|id"], one.Keys);
    }

    [Fact]
    public void Histogram_skips_unknown_and_untracked_commands()
    {
        using var client = Connect();
        AssertOk(client.Execute("CONFIG", "RESETSTAT"));
        client.Execute("SET", NewKey(), "v");
        var histograms = AssertMap(client.Execute("LATENCY", "HISTOGRAM", "blabla", "set", "get", "get|x", "a|b|c", "config|resetstat"), 2);
        Assert.Equal(["set", "config|resetstat"], histograms.Keys);
    }

    [Fact]
    public void Histogram_bytes()
    {
        using var client = Connect();
        AssertOk(client.Execute("CONFIG", "RESETSTAT"));
        AssertSimple("PONG", client.Execute("PING"));
        using var socket = Server.RawSocket();
        socket.Send(System.Text.Encoding.UTF8.GetBytes(Command("LATENCY", "HISTOGRAM", "ping")));
        // One PING: one bucket, cumulative count 1 (the reply ends with it).
        Assert.Matches(new Regex(@"^\*2\r\n\$4\r\nping\r\n\*4\r\n\$5\r\ncalls\r\n:1\r\n\$14\r\nhistogram_usec\r\n\*2\r\n:\d+\r\n:1\r\n$"),
            ReadUntil(socket, "\r\n:1\r\n"));
        using var resp3 = Server.RawSocket();
        SwitchToResp3(resp3);
        resp3.Send(System.Text.Encoding.UTF8.GetBytes(Command("LATENCY", "HISTOGRAM", "ping")));
        Assert.Matches(new Regex(@"^%1\r\n\$4\r\nping\r\n%2\r\n\$5\r\ncalls\r\n:1\r\n\$14\r\nhistogram_usec\r\n%1\r\n:\d+\r\n:1\r\n$"),
            ReadUntil(resp3, "\r\n:1\r\n"));
    }

    [Fact]
    public void Latency_tracking_off_records_nothing_and_info_lists_nothing()
    {
        using var client = Connect();
        try
        {
            AssertOk(client.Execute("CONFIG", "SET", "latency-tracking", "no"));
            AssertOk(client.Execute("CONFIG", "RESETSTAT"));
            client.Execute("SET", NewKey(), "v");
            Assert.Empty(client.Execute("LATENCY", "HISTOGRAM").Items!);
            Assert.Equal("# Latencystats\r\n", client.Execute("INFO", "latencystats").Text);
        }
        finally
        {
            AssertOk(client.Execute("CONFIG", "SET", "latency-tracking", "yes"));
        }
    }

    /// <summary>{calls: n, histogram_usec: {level: cumulative}}: Redis's levels, growing counts, ending at n.</summary>
    private static void AssertHistogram(RespValue histogram, long calls, int protocol)
    {
        var fields = AssertMap(histogram, protocol);
        Assert.Equal(["calls", "histogram_usec"], fields.Keys);
        AssertInteger(calls, fields["calls"]);
        var buckets = fields["histogram_usec"].Items!;
        Assert.Equal(protocol == 3 ? RespType.Map : RespType.Array, fields["histogram_usec"].Type);
        long previous = 0;
        for (var i = 0; i < buckets.Count; i += 2)
        {
            Assert.Contains(buckets[i].Integer, RedisLevels);
            Assert.True(buckets[i + 1].Integer > previous, "cumulative counts must grow");
            previous = buckets[i + 1].Integer;
        }
        Assert.Equal(calls, previous);
    }

    // ---- Events ---------------------------------------------------------------------------------------------------

    [Fact]
    public void Slow_commands_are_recorded_as_command_events()
    {
        using var client = Monitoring(200);
        AssertOk(client.Execute("DEBUG", "SLEEP", "0.25"));
        AssertOk(client.Execute("DEBUG", "SLEEP", "0.25"));
        var history = client.Execute("LATENCY", "HISTORY", "command").Items!;
        // Samples in one second are merged into its worst; the two sleeps may share one.
        Assert.InRange(history.Count, 1, 2);
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        foreach (var sample in history)
        {
            Assert.Equal(2, sample.Items!.Count);
            Assert.InRange(sample.Items[0].Integer, now - 30, now);
            Assert.True(sample.Items[1].Integer >= 250, $"a 250 ms sleep was recorded as {sample.Items[1].Integer} ms");
        }
        // Fast commands are not: the threshold is far above them.
        AssertSimple("PONG", client.Execute("PING"));
        Assert.Empty(client.Execute("LATENCY", "HISTORY", "fast-command").Items!);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Latest_lists_each_event_with_its_latest_and_worst_sample(int protocol)
    {
        using var client = Monitoring(200, protocol);
        AssertOk(client.Execute("DEBUG", "SLEEP", "0.25"));
        var latest = Assert.Single(client.Execute("LATENCY", "LATEST").Items!).Items!;
        Assert.Equal(4, latest.Count);
        AssertBulk("command", latest[0]);
        Assert.InRange(latest[1].Integer, DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 30, DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        Assert.True(latest[2].Integer >= 250);
        Assert.True(latest[3].Integer >= latest[2].Integer);
    }

    [Fact]
    public void The_monitor_is_off_at_zero_and_only_commands_above_the_threshold_count()
    {
        using var client = Monitoring(0);
        AssertOk(client.Execute("DEBUG", "SLEEP", "0.05"));
        Assert.Empty(client.Execute("LATENCY", "LATEST").Items!);
        AssertOk(client.Execute("CONFIG", "SET", "latency-monitor-threshold", "10000"));
        AssertOk(client.Execute("DEBUG", "SLEEP", "0.05"));
        Assert.Empty(client.Execute("LATENCY", "LATEST").Items!);
        AssertTexts(["latency-monitor-threshold", "10000"], client.Execute("CONFIG", "GET", "latency-monitor-threshold"));
        AssertError("ERR CONFIG SET failed (possibly related to argument 'latency-monitor-threshold') - argument must be between 0 and 9223372036854775807 inclusive",
            client.Execute("CONFIG", "SET", "latency-monitor-threshold", "-1"));
        AssertOk(client.Execute("CONFIG", "SET", "latency-monitor-threshold", "0"));
    }

    [Fact]
    public void Graph_draws_the_event()
    {
        using var client = Monitoring(200);
        AssertOk(client.Execute("DEBUG", "SLEEP", "0.25"));
        var graph = client.Execute("LATENCY", "GRAPH", "command").Text!;
        // One sample: the header, the rule, four graph rows (the lowest one marks it), a blank row, then "0s" downwards.
        var lines = graph.Split('\n');
        Assert.Matches(@"^command - high (\d+) ms, low \1 ms \(all time high \1 ms\)$", lines[0]);
        Assert.Equal(new string('-', 80), lines[1]);
        Assert.Equal([" ", " ", " ", "_", " "], lines[2..7]);
        Assert.Matches("^[0-9]$", lines[7]);
        AssertError("ERR No samples available for event 'COMMAND'", client.Execute("LATENCY", "GRAPH", "COMMAND"));
        AssertError("ERR No samples available for event 'nosuch'", client.Execute("LATENCY", "GRAPH", "nosuch"));
    }

    [Fact]
    public void History_and_reset_of_an_unknown_event_are_fine()
    {
        using var client = Monitoring(200);
        Assert.Empty(client.Execute("LATENCY", "HISTORY", "blabla").Items!);
        AssertInteger(0, client.Execute("LATENCY", "RESET", "blabla"));
    }

    [Fact]
    public void Reset_forgets_the_events_named_in_any_case_or_all()
    {
        using var client = Monitoring(200);
        AssertOk(client.Execute("DEBUG", "SLEEP", "0.25"));
        Assert.NotEmpty(client.Execute("LATENCY", "LATEST").Items!);
        AssertInteger(1, client.Execute("LATENCY", "RESET", "COMMAND", "command", "nosuch"));
        Assert.Empty(client.Execute("LATENCY", "LATEST").Items!);
        AssertOk(client.Execute("DEBUG", "SLEEP", "0.25"));
        AssertInteger(1, client.Execute("LATENCY", "RESET"));
        AssertInteger(0, client.Execute("LATENCY", "RESET"));
    }

    [Fact]
    public void Doctor_reports_redis_texts()
    {
        using var client = Monitoring(0);
        Assert.StartsWith("I'm sorry, Dave, I can't do that. Latency monitoring is disabled in this Redis instance.",
            client.Execute("LATENCY", "DOCTOR").Text, StringComparison.Ordinal);
        AssertOk(client.Execute("CONFIG", "SET", "latency-monitor-threshold", "200"));
        Assert.StartsWith("Dave, no latency spike was observed during the lifetime of this Redis instance",
            client.Execute("LATENCY", "DOCTOR").Text, StringComparison.Ordinal);
        AssertOk(client.Execute("CONFIG", "SET", "slowlog-log-slower-than", "10000"));
        AssertOk(client.Execute("DEBUG", "SLEEP", "0.25"));
        var report = client.Execute("LATENCY", "DOCTOR").Text!;
        Assert.StartsWith("Dave, I have observed latency spikes in this Redis instance. You don't mind talking about it, do you Dave?\n\n", report, StringComparison.Ordinal);
        Assert.Matches(@"\n1\. command: 1 latency spikes \(average \d+ms, mean deviation 0ms, period 1\.00 sec\)\. Worst all time event \d+ms\.\n", report);
        Assert.Contains("\nI have a few advices for you:\n\n", report, StringComparison.Ordinal);
        Assert.Contains("- Check your Slow Log to understand what are the commands you are running which are too slow to execute.", report, StringComparison.Ordinal);
        // The slow log logs only above 10 ms, below the monitor's 200 ms: no tuning advice.
        Assert.DoesNotContain("Your current Slow Log configuration", report, StringComparison.Ordinal);
    }

    [Fact]
    public void Doctor_is_verbatim_text_under_resp3()
    {
        using var client = Monitoring(0, protocol: 3);
        AssertVerbatimText(client.Execute("LATENCY", "DOCTOR"), 3);
    }

    [Fact]
    public void Expiry_cycles_that_take_long_are_recorded_as_expire_cycle_events()
    {
        using var client = Connect();
        try
        {
            // Many keys expiring at once make the active expiry cycles long; a 1 ms threshold catches them.
            AssertOk(client.Execute("DEBUG", "SET-ACTIVE-EXPIRE", "0"));
            client.Execute("EVAL", "for i = 1, 200000 do redis.call('set', 'expiring:' .. i, 'v', 'px', 1) end", "0");
            AssertOk(client.Execute("CONFIG", "SET", "latency-monitor-threshold", "1"));
            client.Execute("LATENCY", "RESET");
            AssertOk(client.Execute("DEBUG", "SET-ACTIVE-EXPIRE", "1"));
            Assert.True(Eventually(() => client.Execute("LATENCY", "HISTORY", "expire-cycle").Items!.Count > 0, 15000),
                "no expire-cycle event was recorded");
        }
        finally
        {
            AssertOk(client.Execute("DEBUG", "SET-ACTIVE-EXPIRE", "1"));
            AssertOk(client.Execute("CONFIG", "SET", "latency-monitor-threshold", "0"));
            AssertOk(client.Execute("FLUSHALL"));
        }
    }

    [Theory]
    [InlineData("ERR wrong number of arguments for 'latency|history' command", "LATENCY", "HISTORY")]
    [InlineData("ERR wrong number of arguments for 'latency|graph' command", "LATENCY", "GRAPH", "a", "b")]
    [InlineData("ERR wrong number of arguments for 'latency|latest' command", "LATENCY", "LATEST", "x")]
    [InlineData("ERR wrong number of arguments for 'latency|doctor' command", "LATENCY", "DOCTOR", "x")]
    [InlineData("ERR unknown subcommand 'foo'. Try LATENCY HELP.", "LATENCY", "foo")]
    public void Errors(string error, params string[] args)
    {
        using var client = Connect();
        AssertError(error, client.Execute(args));
    }

    [Fact]
    public void Help_has_no_unexpected_subcommands()
    {
        using var client = Connect();
        var lines = Texts(client.Execute("LATENCY", "HELP"));
        Assert.Equal("LATENCY <subcommand> [<arg> [value] [opt] ...]. Subcommands are:", lines[0]);
        var subcommands = lines.Skip(1).Where(l => !l!.StartsWith(' ')).Select(l => l!.Split(' ')[0]);
        Assert.Equal(["DOCTOR", "GRAPH", "HISTORY", "LATEST", "RESET", "HISTOGRAM", "HELP"], subcommands);
    }
}
