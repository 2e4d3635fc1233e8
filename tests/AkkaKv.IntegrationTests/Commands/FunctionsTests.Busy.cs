using System.Diagnostics;
using AkkaKv.Cluster.Routing;
using AkkaKv.Host;
using AkkaKv.IntegrationTests.Infrastructure;
using AkkaKv.Protocol;
using AkkaKv.Server;

namespace AkkaKv.IntegrationTests.Commands;

/// <summary>
/// Functions running past busy-reply-threshold (FUNCTION KILL, FUNCTION STATS, the BUSY replies, and SCRIPT KILL and
/// FUNCTION KILL each refusing the other's kind), FUNCTION LOAD's own time limit, and what the function commands
/// journal. Each runs on a node of its own; every busy loop ends by itself, so a kill that failed fails the test instead
/// of hanging it: after 20 s for those a test kills (long enough to outlast a slow, loaded CI machine), after 4 for the
/// unkillable one a test waits out.
/// </summary>
public sealed partial class FunctionsTests
{
    private const string BusyThreshold = "akkakv.server.busy-reply-threshold = 100ms";

    private const string BusyLibrary = "#!lua name=busy\n" +
        "local function spin(seconds) local s = tonumber(redis.call('time')[1]) while tonumber(redis.call('time')[1]) - s < seconds do end return 'ran out' end\n" +
        "redis.register_function('spin', function() return spin(20) end)\n" +
        "redis.register_function('spin_writer', function(keys) redis.call('set', keys[1], 'x') return spin(4) end)";

    private const string BusyScript = "local s = tonumber(redis.call('time')[1]) while tonumber(redis.call('time')[1]) - s < 20 do end return 'ran out'";

    [Fact]
    public async Task Function_kill_stops_a_busy_function_that_did_not_write()
    {
        await using var node = ServerFixture.Start(BusyThreshold);
        using var runner = ServerFixture.Connect(node.EndPoint.Port);
        using var other = ServerFixture.Connect(node.EndPoint.Port);
        other.Execute("FUNCTION", "LOAD", BusyLibrary);
        var busy = Task.Run(() => runner.Execute("FCALL", "spin", "0"));
        WaitUntilBusy(other);
        AssertError("BUSY Redis is busy running a script. You can only call FUNCTION KILL or SHUTDOWN NOSAVE.", other.Execute("GET", "k"));
        AssertError("BUSY Redis is busy running a script. You can only call FUNCTION KILL or SHUTDOWN NOSAVE.", other.Execute("SCRIPT", "KILL"));
        var stats = AssertMap(other.Execute("FUNCTION", "STATS"), 2);
        var running = AssertMap(stats["running_script"], 2);
        AssertBulk("spin", running["name"]);
        AssertTexts(["FCALL", "spin", "0"], running["command"]);
        Assert.InRange(running["duration_ms"].Integer, 100, 10_000);
        AssertOk(other.Execute("FUNCTION", "KILL"));
        Assert.True(busy.Wait(TimeSpan.FromSeconds(10)));
        AssertError("ERR Script killed by user with SCRIPT KILL... script: spin, on @user_function:2.", busy.Result);
        AssertError("NOTBUSY No scripts in execution right now.", other.Execute("FUNCTION", "KILL"));
        AssertNull(AssertMap(other.Execute("FUNCTION", "STATS"), 2)["running_script"]);
    }

    [Fact]
    public async Task A_busy_function_that_wrote_is_unkillable()
    {
        await using var node = ServerFixture.Start(BusyThreshold);
        using var runner = ServerFixture.Connect(node.EndPoint.Port);
        using var other = ServerFixture.Connect(node.EndPoint.Port);
        other.Execute("FUNCTION", "LOAD", BusyLibrary);
        var busy = Task.Run(() => runner.Execute("FCALL", "spin_writer", "1", "written"));
        WaitUntilBusy(other);
        AssertError("UNKILLABLE Sorry the script already executed write commands against the dataset. You can either wait the script termination " +
                    "or kill the server in a hard way using the SHUTDOWN NOSAVE command.", other.Execute("FUNCTION", "KILL"));
        Assert.True(busy.Wait(TimeSpan.FromSeconds(10)));
        AssertBulk("ran out", busy.Result);
        AssertBulk("x", other.Execute("GET", "written"));
    }

    [Fact]
    public async Task Function_kill_and_function_stats_refuse_a_busy_script()
    {
        await using var node = ServerFixture.Start(BusyThreshold);
        using var runner = ServerFixture.Connect(node.EndPoint.Port);
        using var other = ServerFixture.Connect(node.EndPoint.Port);
        var busy = Task.Run(() => runner.Execute("EVAL", BusyScript, "0"));
        WaitUntilBusy(other);
        AssertError("BUSY Redis is busy running a script. You can only call SCRIPT KILL or SHUTDOWN NOSAVE.", other.Execute("FUNCTION", "KILL"));
        AssertError("BUSY Redis is busy running a script. You can only call SCRIPT KILL or SHUTDOWN NOSAVE.", other.Execute("FUNCTION", "STATS"));
        AssertError("BUSY Redis is busy running a script. You can only call SCRIPT KILL or SHUTDOWN NOSAVE.", other.Execute("FUNCTION", "LOAD", BusyLibrary));
        AssertOk(other.Execute("SCRIPT", "KILL"));
        Assert.True(busy.Wait(TimeSpan.FromSeconds(10)));
        AssertErrorStartsWith("ERR Script killed by user with SCRIPT KILL... script: ", busy.Result);
    }

    [Fact]
    public async Task Load_stops_a_library_whose_code_runs_past_half_a_second()
    {
        await using var node = ServerFixture.Start();
        using var client = ServerFixture.Connect(node.EndPoint.Port);
        var clock = Stopwatch.StartNew();
        AssertError("ERR Error registering functions: ERR FUNCTION LOAD timeout", client.Execute("FUNCTION", "LOAD", "#!lua name=endless\nwhile true do end"));
        Assert.InRange(clock.ElapsedMilliseconds, 450, 5000);
        // The interpreter it ran in is fine afterwards.
        AssertBulk("after", client.Execute("FUNCTION", "LOAD", "#!lua name=after\nredis.register_function('after_f', function() return 'ok' end)"));
        AssertBulk("ok", client.Execute("FCALL", "after_f", "0"));
        Assert.Empty(client.Execute("FUNCTION", "LIST", "LIBRARYNAME", "endless").Items!);
    }

    [Fact]
    public async Task Library_changes_are_journaled_as_received_and_functions_by_their_effects()
    {
        var journal = new CapturingJournal();
        var settings = NodeLauncher.SettingsFrom("akkakv.server { port = 0, shards = 2, io-threads = 2 }");
        await using var node = ServerNode.Start(settings, _ => journal, new StandaloneRouter(), _ => { });
        using var client = ServerFixture.Connect(node.EndPoint.Port);
        var code = Library("journaled", "redis.register_function('journaled_set', function(keys, args) return redis.call('set', keys[1], args[1]) end)");
        client.Execute("FUNCTION", "LOAD", code);
        client.Execute("FUNCTION", "LOAD", code);
        client.Execute("FCALL", "journaled_set", "1", "k", "v");
        client.Execute("FUNCTION", "DELETE", "nosuch");
        client.Execute("FUNCTION", "DELETE", "journaled");
        client.Execute("FUNCTION", "FLUSH", "ASYNC");
        var payload = Payload(Record(code));
        client.Execute(B("FUNCTION"), B("RESTORE"), payload);
        // The failed LOAD and DELETE journal nothing; FCALL journals the commands it ran.
        Assert.True(Eventually(() => journal.Entries.Count == 5), string.Join(" | ", journal.Entries));
        var texts = journal.Lines();
        Assert.Equal(["FUNCTION LOAD " + code, "SET k v", "FUNCTION DELETE journaled", "FUNCTION FLUSH ASYNC"], texts.Take(4));
        Assert.Equal(new[] { B("FUNCTION"), B("RESTORE"), payload }, journal.Entries[4].Arguments);
    }

    /// <summary>Polls FUNCTION KILL's cheap cousin, PING, until the node answers BUSY (at most 3 s).</summary>
    private static void WaitUntilBusy(RespClient client)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(3))
        {
            Thread.Sleep(50);
            var reply = client.Execute("PING");
            if (reply.IsError && reply.Text!.StartsWith("BUSY", StringComparison.Ordinal)) return;
        }
        Assert.Fail("the script never counted as busy");
    }
}
