using System.Diagnostics;
using AkkaKv.IntegrationTests.Infrastructure;
using AkkaKv.Protocol;

namespace AkkaKv.IntegrationTests.Scripting;

/// <summary>
/// Scripts running past busy-reply-threshold: SCRIPT KILL stops one that did not write (wherever it is, even inside a
/// sort comparator), and refuses one that did. Each runs on a node of its own with a 100 ms threshold; every busy
/// loop ends by itself, so a kill that failed fails the test instead of hanging it: after 20 s for those a test kills
/// (long enough to outlast a slow, loaded CI machine), after 2 for the unkillable one a test waits out.
/// </summary>
public sealed partial class ScriptingTests
{
    private const string BoundedLoop = "local s = tonumber(redis.call('time')[1]) while tonumber(redis.call('time')[1]) - s < 20 do end return 'ran out'";

    [Fact]
    public async Task Script_kill_stops_a_busy_read_only_script()
    {
        await using var node = ServerFixture.Start("akkakv.server.busy-reply-threshold = 100ms");
        using var runner = ServerFixture.Connect(node.EndPoint.Port);
        using var killer = ServerFixture.Connect(node.EndPoint.Port);
        var busy = Task.Run(() => runner.Execute("EVAL", BoundedLoop, "0"));
        var reply = KillWhenBusy(killer);
        AssertOk(reply);
        Assert.True(busy.Wait(TimeSpan.FromSeconds(10)));
        AssertError($"ERR Script killed by user with SCRIPT KILL... script: {Sha(BoundedLoop)}, on @user_script:1.", busy.Result);
        AssertSimple("PONG", runner.Execute("PING"));
        AssertInteger(1, runner.Execute("EVAL", "return 1", "0"));
        AssertError("NOTBUSY No scripts in execution right now.", killer.Execute("SCRIPT", "KILL"));
    }

    [Fact]
    public async Task A_command_served_while_a_script_is_busy_waits_for_its_shard()
    {
        // One thread: the watcher is served inside the script's turn. WATCH may run while busy (Redis allows it), but
        // on the script's shard only once the script is over, so every reply still reaches its own client.
        await using var node = ServerFixture.Start("akkakv.server { busy-reply-threshold = 100ms, io-threads = 1, shards = 1 }");
        using var runner = ServerFixture.Connect(node.EndPoint.Port);
        using var watcher = ServerFixture.Connect(node.EndPoint.Port);
        using var killer = ServerFixture.Connect(node.EndPoint.Port);
        // Pure Lua: the script never calls back into the server, so nothing of it resets the shard's state meanwhile.
        var busy = Task.Run(() => runner.Execute("EVAL", "while true do end", "0"));
        AssertError("BUSY Redis is busy running a script. You can only call SCRIPT KILL or SHUTDOWN NOSAVE.", PingWhenBusy(killer));
        watcher.Send("WATCH", "k");
        // The WATCH waits for the shard; before the fix it ran inside the script's step and took over its reply.
        Assert.False(watcher.TryReadReply(TimeSpan.FromMilliseconds(300), out _), "WATCH ran on the busy script's shard");
        AssertOk(killer.Execute("SCRIPT", "KILL"));
        Assert.True(busy.Wait(TimeSpan.FromSeconds(10)));
        AssertErrorStartsWith("ERR Script killed by user with SCRIPT KILL... script: ", busy.Result);
        AssertOk(watcher.ReadReply(TimeSpan.FromSeconds(10)));
        AssertNull(watcher.Execute("GET", "k"));
        AssertSimple("PONG", runner.Execute("PING"));
    }

    /// <summary>PINGs until the reply is an error (BUSY once the script counts as busy), for at most 3 seconds.</summary>
    private static RespValue PingWhenBusy(RespClient client)
    {
        var clock = Stopwatch.StartNew();
        var reply = client.Execute("PING");
        while (!reply.IsError && clock.Elapsed < TimeSpan.FromSeconds(3))
        {
            Thread.Sleep(20);
            reply = client.Execute("PING");
        }
        return reply;
    }

    [Theory]
    [InlineData("table.sort({3, 2, 1}, function(a, b) {0} return a < b end) return 'sorted'")]
    [InlineData("local ok = pcall(function() {0} end) {0} return 'caught'")]
    [InlineData("local co = coroutine.wrap(function() {0} end) co() {0} return 'resumed'")]
    public async Task Script_kill_stops_a_script_where_it_cannot_yield_or_tries_to_catch_it(string template)
    {
        var loop = "local s = tonumber(redis.call('time')[1]) while tonumber(redis.call('time')[1]) - s < 20 do end";
        var script = template.Replace("{0}", loop, StringComparison.Ordinal);
        await using var node = ServerFixture.Start("akkakv.server.busy-reply-threshold = 100ms");
        using var runner = ServerFixture.Connect(node.EndPoint.Port);
        using var killer = ServerFixture.Connect(node.EndPoint.Port);
        var busy = Task.Run(() => runner.Execute("EVAL", script, "0"));
        AssertOk(KillWhenBusy(killer));
        Assert.True(busy.Wait(TimeSpan.FromSeconds(20)));
        AssertErrorStartsWith("ERR Script killed by user with SCRIPT KILL... script: ", busy.Result);
        AssertInteger(2, runner.Execute("EVAL", "return 2", "0"));
    }

    [Fact]
    public async Task A_busy_script_that_wrote_is_unkillable_and_runs_to_its_end()
    {
        await using var node = ServerFixture.Start("akkakv.server.busy-reply-threshold = 100ms");
        using var runner = ServerFixture.Connect(node.EndPoint.Port);
        using var killer = ServerFixture.Connect(node.EndPoint.Port);
        var script = "redis.call('set', KEYS[1], 'x') local s = tonumber(redis.call('time')[1]) " +
                     "while tonumber(redis.call('time')[1]) - s < 2 do end return redis.call('get', KEYS[1])";
        var busy = Task.Run(() => runner.Execute("EVAL", script, "1", "written"));
        var reply = KillWhenBusy(killer);
        AssertError("UNKILLABLE Sorry the script already executed write commands against the dataset. You can either wait the script termination " +
                    "or kill the server in a hard way using the SHUTDOWN NOSAVE command.", reply);
        // Meanwhile other clients are told the server is busy rather than left waiting behind the script.
        AssertError("BUSY Redis is busy running a script. You can only call SCRIPT KILL or SHUTDOWN NOSAVE.", killer.Execute("GET", "other"));
        // A client connecting meanwhile can still say HELLO (redis-cli -3 does before anything else), as in Redis.
        using (var newcomer = ServerFixture.Connect(node.EndPoint.Port))
        {
            Assert.Equal(RespType.Map, newcomer.Execute("HELLO", "3").Type);
        }
        Assert.True(busy.Wait(TimeSpan.FromSeconds(10)));
        AssertBulk("x", busy.Result);
        AssertNull(killer.Execute("GET", "other"));
    }

    [Fact]
    public async Task The_threshold_is_busy_reply_threshold_alias_lua_time_limit()
    {
        await using var node = ServerFixture.Start();
        using var client = ServerFixture.Connect(node.EndPoint.Port);
        AssertTexts(["busy-reply-threshold", "5000"], client.Execute("CONFIG", "GET", "busy-reply-threshold"));
        AssertOk(client.Execute("CONFIG", "SET", "lua-time-limit", "250"));
        AssertTexts(["busy-reply-threshold", "250"], client.Execute("CONFIG", "GET", "busy-reply-threshold"));
        AssertTexts(["lua-time-limit", "250"], client.Execute("CONFIG", "GET", "lua-time-limit"));
    }

    /// <summary>Sends SCRIPT KILL until the script counts as busy (NOTBUSY before the threshold), for at most 3 s.</summary>
    private static RespValue KillWhenBusy(RespClient killer)
    {
        var clock = Stopwatch.StartNew();
        RespValue reply;
        do
        {
            Thread.Sleep(50);
            reply = killer.Execute("SCRIPT", "KILL");
        }
        while (reply.IsError && reply.Text!.StartsWith("NOTBUSY", StringComparison.Ordinal) && clock.Elapsed < TimeSpan.FromSeconds(3));
        return reply;
    }
}
