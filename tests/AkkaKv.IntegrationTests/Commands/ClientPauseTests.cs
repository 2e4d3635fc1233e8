using System.Diagnostics;
using AkkaKv.IntegrationTests.Infrastructure;
using AkkaKv.Protocol;

namespace AkkaKv.IntegrationTests.Commands;

/// <summary>
/// CLIENT PAUSE and UNPAUSE (Redis's unit/pause). The pause is node-wide; the tests of this class run one at a time and
/// each ends it. Held commands are observed through INFO blocked_clients (which counts them, as in Redis) and by their
/// replies arriving only after CLIENT UNPAUSE, so no assertion depends on how fast the machine is; the few timed checks
/// only bound a wait from below.
/// </summary>
public sealed class ClientPauseTests(ServerFixture server) : CommandTestBase(server), IClassFixture<ServerFixture>, IDisposable
{
    private static readonly TimeSpan Short = TimeSpan.FromMilliseconds(300);
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(10);

    private readonly RespClient _admin = server.Client();

    public void Dispose()
    {
        _admin.Execute("CLIENT", "UNPAUSE");
        _admin.Dispose();
    }

    private long BlockedClients() => InfoFields.Integer(_admin, "clients", "blocked_clients");

    private void AssertHeld(int clients = 1) =>
        Assert.True(Eventually(() => BlockedClients() == clients, 5000), $"expected {clients} held clients, INFO says {BlockedClients()}");

    /// <summary>No reply comes within a short wait: the command is held.</summary>
    private static void AssertNoReplyYet(RespClient client) =>
        Assert.False(client.TryReadReply(Short, out var reply), $"expected the command to wait, got {reply}");

    [Fact]
    public void Read_commands_are_not_held_by_a_write_pause()
    {
        AssertOk(_admin.Execute("CLIENT", "PAUSE", "100000", "WRITE"));
        using var client = Connect();
        AssertNull(client.Execute("GET", NewKey()));
        AssertSimple("PONG", client.Execute("PING"));
        Assert.StartsWith("# Server", client.Execute("INFO").Text, StringComparison.Ordinal);
        Assert.Equal(0, BlockedClients());
    }

    [Fact]
    public void Write_commands_wait_for_unpause_and_then_run()
    {
        var key = NewKey();
        AssertOk(_admin.Execute("CLIENT", "PAUSE", "60000", "WRITE"));
        using var client = Connect();
        client.Send("SET", key, "v");
        AssertHeld();
        AssertNoReplyYet(client);
        AssertNull(_admin.Execute("GET", key));
        AssertOk(_admin.Execute("CLIENT", "UNPAUSE"));
        AssertOk(client.ReadReply(Long));
        AssertBulk("v", _admin.Execute("GET", key));
        Assert.True(Eventually(() => BlockedClients() == 0));
    }

    [Fact]
    public void Commands_that_may_replicate_are_held_too()
    {
        var hll = NewKey("hll");
        _admin.Execute("PFADD", hll, "test");
        AssertOk(_admin.Execute("CLIENT", "PAUSE", "100000", "WRITE"));
        using var counter = Connect();
        counter.Send("PFCOUNT", hll);
        using var publisher = Connect();
        publisher.Send("PUBLISH", "pause-channel", "message");
        AssertHeld(2);
        AssertOk(_admin.Execute("CLIENT", "UNPAUSE"));
        AssertInteger(1, counter.ReadReply(Long));
        AssertInteger(0, publisher.ReadReply(Long));
    }

    [Fact]
    public void A_pause_all_holds_every_command_even_the_pausing_clients_own_and_unpause()
    {
        using var client = Connect();
        // The pause ends by itself: under ALL even another client's UNPAUSE waits for that.
        var watch = Stopwatch.StartNew();
        client.Send("CLIENT", "PAUSE", "400", "ALL");
        client.Send("PING");
        AssertOk(client.ReadReply(Long));
        using var other = Connect();
        other.Send("CLIENT", "UNPAUSE");
        AssertSimple("PONG", client.ReadReply(Long));
        AssertOk(other.ReadReply(Long));
        Assert.True(watch.ElapsedMilliseconds >= 390, $"PING answered after {watch.ElapsedMilliseconds} ms of a 400 ms pause");
    }

    [Fact]
    public void An_older_pause_all_outlasts_a_newer_shorter_pause_write()
    {
        using var client = Connect();
        var watch = Stopwatch.StartNew();
        AssertOk(_admin.Execute("CLIENT", "PAUSE", "400", "ALL"));
        // Sent by the same (held) admin client it would wait too; the pause is node-wide, so any client may send it.
        using var second = Connect();
        second.Send("CLIENT", "PAUSE", "20", "WRITE");
        client.Send("GET", NewKey());
        AssertNull(client.ReadReply(Long));
        Assert.True(watch.ElapsedMilliseconds >= 390, $"GET answered after {watch.ElapsedMilliseconds} ms of a 400 ms pause ALL");
        AssertOk(second.ReadReply(Long));
    }

    [Fact]
    public void A_newer_shorter_pause_keeps_the_older_end()
    {
        AssertOk(_admin.Execute("CLIENT", "PAUSE", "60000", "WRITE"));
        AssertOk(_admin.Execute("CLIENT", "PAUSE", "10", "WRITE"));
        Thread.Sleep(100);
        using var client = Connect();
        client.Send("SET", NewKey(), "v");
        AssertHeld();
        AssertOk(_admin.Execute("CLIENT", "UNPAUSE"));
        AssertOk(client.ReadReply(Long));
    }

    [Fact]
    public void Read_only_transactions_run_during_a_write_pause()
    {
        var key = NewKey();
        _admin.Execute("SET", key, "BAR");
        AssertOk(_admin.Execute("CLIENT", "PAUSE", "100000", "WRITE"));
        using var client = Connect();
        AssertOk(client.Execute("MULTI"));
        AssertSimple("QUEUED", client.Execute("PING"));
        AssertSimple("QUEUED", client.Execute("GET", key));
        AssertTexts(["PONG", "BAR"], client.Execute("EXEC"));
        Assert.Equal(0, BlockedClients());
    }

    [Fact]
    public void Exec_of_a_transaction_with_a_write_waits()
    {
        var key = NewKey();
        using var client = Connect();
        AssertOk(client.Execute("MULTI"));
        AssertSimple("QUEUED", client.Execute("SET", key, "BAR"));
        AssertOk(_admin.Execute("CLIENT", "PAUSE", "60000", "WRITE"));
        client.Send("EXEC");
        AssertHeld();
        AssertOk(_admin.Execute("CLIENT", "UNPAUSE"));
        AssertTexts(["OK"], client.ReadReply(Long));
    }

    [Fact]
    public void Queueing_a_write_in_multi_waits_as_in_redis()
    {
        // Redis checks the pause before it queues: a write is held even to be queued (checked against redis-server).
        var key = NewKey();
        using var client = Connect();
        AssertOk(client.Execute("MULTI"));
        AssertOk(_admin.Execute("CLIENT", "PAUSE", "60000", "WRITE"));
        client.Send("SET", key, "v");
        client.Send("GET", key);
        AssertHeld();
        AssertNoReplyYet(client);
        AssertOk(_admin.Execute("CLIENT", "UNPAUSE"));
        AssertSimple("QUEUED", client.ReadReply(Long));
        AssertSimple("QUEUED", client.ReadReply(Long));
        AssertTexts(["OK", "v"], client.Execute("EXEC"));
    }

    [Fact]
    public void Scripts_that_may_write_are_held()
    {
        AssertOk(_admin.Execute("CLIENT", "PAUSE", "60000", "WRITE"));
        using var plain = Connect();
        plain.Send("EVAL", "return 1", "0");
        using var shebang = Connect();
        // A shebang without flags declares a script that may write.
        shebang.Send("EVAL", "#!lua\nreturn 1", "0");
        AssertHeld(2);
        AssertOk(_admin.Execute("CLIENT", "UNPAUSE"));
        AssertInteger(1, plain.ReadReply(Long));
        AssertInteger(1, shebang.ReadReply(Long));
    }

    [Fact]
    public void Functions_that_may_write_are_held_and_read_only_ones_are_not()
    {
        var key = NewKey();
        AssertBulk("pausing", _admin.Execute("FUNCTION", "LOAD", "REPLACE", "#!lua name=pausing\n" +
            "redis.register_function('pausing_write', function(keys) return redis.call('set', keys[1], 'w') end)\n" +
            "redis.register_function{function_name='pausing_read', callback=function(keys) return redis.call('get', keys[1]) end, flags={'no-writes'}}"));
        AssertOk(_admin.Execute("CLIENT", "PAUSE", "60000", "WRITE"));
        using var reader = Connect();
        AssertNull(reader.Execute("FCALL", "pausing_read", "1", key));
        AssertNull(reader.Execute("FCALL_RO", "pausing_read", "1", key));
        using var writer = Connect();
        writer.Send("FCALL", "pausing_write", "1", key);
        AssertHeld();
        AssertOk(_admin.Execute("CLIENT", "UNPAUSE"));
        AssertOk(writer.ReadReply(Long));
        AssertBulk("w", reader.Execute("FCALL_RO", "pausing_read", "1", key));
    }

    [Fact]
    public void Read_only_scripts_are_not_held()
    {
        var key = NewKey();
        _admin.Execute("SET", key, "y");
        var sha = _admin.Execute("SCRIPT", "LOAD", "#!lua flags=no-writes\nreturn 2").Text!;
        AssertOk(_admin.Execute("CLIENT", "PAUSE", "6000000", "WRITE"));
        using var client = Connect();
        AssertBulk("unique script", client.Execute("EVAL", "#!lua flags=no-writes\nreturn 'unique script'", "0"));
        AssertBulk("unique script", client.Execute("EVAL", "#!lua flags=no-writes\nreturn 'unique script'", "0"));
        AssertBulk("y unique script", client.Execute("EVAL_RO", "return redis.call('GeT', KEYS[1])..' unique script'", "1", key));
        AssertInteger(2, client.Execute("EVALSHA", sha, "0"));
        AssertOk(client.Execute("MULTI"));
        AssertSimple("QUEUED", client.Execute("EVAL", "#!lua flags=no-writes\nreturn 12", "0"));
        AssertSimple("QUEUED", client.Execute("EVAL", "#!lua flags=no-writes\nreturn 13", "0"));
        var replies = client.Execute("EXEC").Items!;
        Assert.Equal([12L, 13L], replies.Select(r => r.Integer));
        Assert.Equal(0, BlockedClients());
    }

    [Fact]
    public void Write_scripts_queued_before_the_pause_hold_their_exec()
    {
        using var first = Connect();
        AssertOk(first.Execute("MULTI"));
        AssertSimple("QUEUED", first.Execute("EVAL", "#!lua\nreturn 12", "0"));
        using var second = Connect();
        AssertOk(second.Execute("MULTI"));
        AssertSimple("QUEUED", second.Execute("EVAL", "return 13", "0"));
        AssertOk(_admin.Execute("CLIENT", "PAUSE", "60000", "WRITE"));
        first.Send("EXEC");
        second.Send("EXEC");
        AssertHeld(2);
        AssertOk(_admin.Execute("CLIENT", "UNPAUSE"));
        Assert.Equal(12, first.ReadReply(Long).Items![0].Integer);
        Assert.Equal(13, second.ReadReply(Long).Items![0].Integer);
    }

    [Fact]
    public void Several_held_clients_all_run_after_unpause()
    {
        var key = NewKey();
        AssertOk(_admin.Execute("CLIENT", "PAUSE", "60000", "WRITE"));
        var clients = Enumerable.Range(0, 3).Select(_ => Connect()).ToList();
        try
        {
            foreach (var client in clients) client.Send("INCR", key);
            AssertHeld(3);
            AssertOk(_admin.Execute("CLIENT", "UNPAUSE"));
            Assert.Equal([1L, 2L, 3L], clients.Select(c => c.ReadReply(Long).Integer).Order());
        }
        finally
        {
            foreach (var client in clients) client.Dispose();
        }
    }

    [Fact]
    public void A_held_client_keeps_its_pipeline_in_order_and_earlier_replies_are_not_held()
    {
        var key = NewKey();
        _admin.Execute("SET", key, "0");
        AssertOk(_admin.Execute("CLIENT", "PAUSE", "60000", "WRITE"));
        using var client = Connect();
        client.SendRaw(Command("GET", key) + Command("INCR", key) + Command("GET", key) + Command("INCRBY", key, "10") + Command("GET", key));
        // The read before the write is answered at once; everything after the write waits with it.
        AssertBulk("0", client.ReadReply(Long));
        AssertHeld();
        AssertNoReplyYet(client);
        AssertOk(_admin.Execute("CLIENT", "UNPAUSE"));
        AssertInteger(1, client.ReadReply(Long));
        AssertBulk("1", client.ReadReply(Long));
        AssertInteger(11, client.ReadReply(Long));
        AssertBulk("11", client.ReadReply(Long));
    }

    [Fact]
    public void Errors_found_before_running_are_answered_at_once()
    {
        AssertOk(_admin.Execute("CLIENT", "PAUSE", "100000", "WRITE"));
        using var client = Connect();
        AssertError("ERR wrong number of arguments for 'set' command", client.Execute("SET", "foo"));
        AssertErrorStartsWith("ERR unknown command 'NOSUCHCOMMAND'", client.Execute("NOSUCHCOMMAND"));
    }

    [Fact]
    public void Keys_do_not_expire_actively_during_a_pause()
    {
        var (first, second) = KeysOnDifferentShards();
        var expired = InfoFields.Integer(_admin, "stats", "expired_keys");
        AssertOk(_admin.Execute("MULTI"));
        AssertSimple("QUEUED", _admin.Execute("SET", first, "v", "PX", "100"));
        AssertSimple("QUEUED", _admin.Execute("SET", second, "v", "PX", "100"));
        AssertSimple("QUEUED", _admin.Execute("CLIENT", "PAUSE", "50000", "WRITE"));
        _admin.Execute("EXEC");
        // Several active expiry cycles pass; none removes the keys (DBSIZE counts keys not yet reclaimed).
        Thread.Sleep(500);
        Assert.Equal(expired, InfoFields.Integer(_admin, "stats", "expired_keys"));
        Assert.True(_admin.Execute("DBSIZE").Integer >= 2);
        AssertOk(_admin.Execute("CLIENT", "UNPAUSE"));
        Assert.True(Eventually(() => InfoFields.Integer(_admin, "stats", "expired_keys") >= expired + 2, 5000), "the keys did not expire after the pause");
    }

    [Fact]
    public void A_write_already_on_its_way_when_the_pause_begins_waits_for_the_pause_too()
    {
        // DEBUG SLEEP parks every shard: the SET is read and sent before the pause, but reaches its shard after it. The
        // last shard sleeps, and with it the I/O thread it shares (1): the writer and the admin live on the other one.
        var key = NewKey();
        using var sleeper = Connect();
        using var writer = ConnectOnIoThread(0);
        using var admin = ConnectOnIoThread(0);
        using var probe = Connect();
        sleeper.Send("DEBUG", "SLEEP", "2");
        // The shards are asleep once a GET no longer gets through within 100 ms.
        var probes = 0;
        do
        {
            Assert.True(++probes < 50, "DEBUG SLEEP never parked the shards");
            probe.Send("GET", key);
        }
        while (probe.TryReadReply(TimeSpan.FromMilliseconds(100), out _));
        writer.Send("SET", key, "v");
        // Time for the writer's session to read and send the SET (had it not yet, it holds the SET itself: no harm).
        Thread.Sleep(100);
        AssertOk(admin.Execute("CLIENT", "PAUSE", "60000", "WRITE"));
        AssertOk(sleeper.ReadReply(Long));
        // Once CLIENT PAUSE replied, no write runs: reads see the key still missing, and the SET waits.
        AssertNull(admin.Execute("GET", key));
        AssertNoReplyYet(writer);
        AssertNull(admin.Execute("GET", key));
        AssertOk(admin.Execute("CLIENT", "UNPAUSE"));
        AssertOk(writer.ReadReply(Long));
        AssertBulk("v", admin.Execute("GET", key));
    }

    /// <summary>A connection served by the given I/O thread (connections take the threads in turn).</summary>
    private RespClient ConnectOnIoThread(int thread)
    {
        for (var attempt = 0; attempt < 8; attempt++)
        {
            var client = Connect();
            if (AssertVerbatimText(client.Execute("CLIENT", "INFO"), 2).Contains($" io-thread={thread}\n", StringComparison.Ordinal)) return client;
            client.Dispose();
        }
        throw new InvalidOperationException($"no connection landed on I/O thread {thread}");
    }

    [Fact]
    public void A_pause_pipelined_after_a_clients_own_write_comes_after_it()
    {
        var key = NewKey();
        using var client = Connect();
        // In one packet: the pause, run in the session, must still come after the SET bound for a shard.
        client.SendRaw(System.Text.Encoding.UTF8.GetBytes(Command("SET", key, "mine") + Command("CLIENT", "PAUSE", "60000", "WRITE")));
        AssertOk(client.ReadReply(Long));
        AssertOk(client.ReadReply(Long));
        AssertBulk("mine", _admin.Execute("GET", key));
    }

    [Fact]
    public void A_read_of_an_expired_key_during_a_pause_misses_but_deletes_nothing()
    {
        var key = NewKey();
        var expired = InfoFields.Integer(_admin, "stats", "expired_keys");
        AssertOk(_admin.Execute("MULTI"));
        // 100 ms: the key must still be alive when the pause (run just after the SET, in the same EXEC) begins.
        AssertSimple("QUEUED", _admin.Execute("SET", key, "v", "PX", "100"));
        AssertSimple("QUEUED", _admin.Execute("CLIENT", "PAUSE", "50000", "WRITE"));
        _admin.Execute("EXEC");
        Thread.Sleep(200);
        AssertNull(_admin.Execute("GET", key));
        AssertInteger(0, _admin.Execute("EXISTS", key));
        // Nothing was reclaimed (and so nothing journaled) while paused; the key goes once the pause is over.
        Assert.Equal(expired, InfoFields.Integer(_admin, "stats", "expired_keys"));
        AssertOk(_admin.Execute("CLIENT", "UNPAUSE"));
        AssertNull(_admin.Execute("GET", key));
        Assert.Equal(expired + 1, InfoFields.Integer(_admin, "stats", "expired_keys"));
    }

    [Fact]
    public void A_pause_inside_a_transaction_starts_after_it()
    {
        var (foo1, foo2) = KeysOnDifferentShards("foo");
        var foo3 = NewKey("foo3");
        AssertOk(_admin.Execute("MULTI"));
        AssertSimple("QUEUED", _admin.Execute("SET", foo1, "BAR"));
        AssertSimple("QUEUED", _admin.Execute("CLIENT", "PAUSE", "60000", "WRITE"));
        AssertSimple("QUEUED", _admin.Execute("SET", foo2, "BAR"));
        AssertTexts(["OK", "OK", "OK"], _admin.Execute("EXEC"));
        using var client = Connect();
        client.Send("SET", foo3, "BAR");
        AssertHeld();
        AssertBulk("BAR", _admin.Execute("GET", foo1));
        AssertBulk("BAR", _admin.Execute("GET", foo2));
        AssertNull(_admin.Execute("GET", foo3));
        AssertOk(_admin.Execute("CLIENT", "UNPAUSE"));
        AssertOk(client.ReadReply(Long));
    }

    [Fact]
    public void Client_unblock_cannot_unblock_a_client_held_by_a_pause()
    {
        var list = NewKey("list");
        using var first = Connect();
        using var second = Connect();
        var firstId = first.Execute("CLIENT", "ID").Integer.ToString();
        var secondId = second.Execute("CLIENT", "ID").Integer.ToString();
        AssertOk(_admin.Execute("CLIENT", "PAUSE", "100000", "WRITE"));
        first.Send("BLPOP", list, "0");
        second.Send("BLPOP", list, "0");
        AssertHeld(2);
        AssertInteger(0, _admin.Execute("CLIENT", "UNBLOCK", firstId, "TIMEOUT"));
        AssertInteger(0, _admin.Execute("CLIENT", "UNBLOCK", secondId, "ERROR"));
        // Once unpaused they block on the list as usual, and can be unblocked.
        AssertOk(_admin.Execute("CLIENT", "UNPAUSE"));
        Assert.True(Eventually(() => _admin.Execute("CLIENT", "UNBLOCK", firstId, "TIMEOUT").Integer == 1));
        Assert.True(Eventually(() => _admin.Execute("CLIENT", "UNBLOCK", secondId, "ERROR").Integer == 1));
        AssertNull(first.ReadReply(Long));
        AssertErrorStartsWith("UNBLOCKED", second.ReadReply(Long));
    }

    [Fact]
    public void A_blocked_commands_timeout_still_fires_during_a_pause()
    {
        using var client = Connect();
        client.Send("BLPOP", NewKey("list"), "2");
        AssertHeld();
        // The pause outlasts the read below: the timeout's null reply can only come from the timeout firing meanwhile.
        AssertOk(_admin.Execute("CLIENT", "PAUSE", "60000", "WRITE"));
        Assert.True(client.ReadReply(Long).IsNull);
    }

    [Fact]
    public void A_held_client_shows_in_client_list_and_info_until_it_goes()
    {
        AssertOk(_admin.Execute("CLIENT", "PAUSE", "60000", "WRITE"));
        var client = Connect();
        var id = client.Execute("CLIENT", "ID").Integer;
        client.Send("SET", NewKey(), "v");
        AssertHeld();
        var line = _admin.Execute("CLIENT", "LIST", "ID", id.ToString()).Text!;
        Assert.Contains(" flags=b ", line, StringComparison.Ordinal);
        Assert.Contains(" cmd=set ", line, StringComparison.Ordinal);
        client.Dispose();
        Assert.True(Eventually(() => BlockedClients() == 0, 5000), "a held client that went away is still counted");
    }

    [Theory]
    [InlineData("ERR timeout is not an integer or out of range", "CLIENT", "PAUSE", "abc")]
    [InlineData("ERR timeout is negative", "CLIENT", "PAUSE", "-1")]
    [InlineData("ERR CLIENT PAUSE mode must be WRITE or ALL", "CLIENT", "PAUSE", "abc", "sometimes")]
    [InlineData("ERR unknown subcommand or wrong number of arguments for 'pause'. Try CLIENT HELP.", "CLIENT", "pause", "10", "WRITE", "x")]
    [InlineData("ERR wrong number of arguments for 'client|pause' command", "CLIENT", "PAUSE")]
    [InlineData("ERR wrong number of arguments for 'client|unpause' command", "CLIENT", "UNPAUSE", "x")]
    public void Errors(string error, params string[] args) => AssertError(error, _admin.Execute(args));

    [Fact]
    public void A_zero_timeout_pauses_nothing_and_modes_are_case_insensitive()
    {
        AssertOk(_admin.Execute("CLIENT", "PAUSE", "0"));
        using var client = Connect();
        AssertOk(client.Execute("SET", NewKey(), "v"));
        AssertOk(_admin.Execute("CLIENT", "PAUSE", "0", "write"));
        AssertOk(client.Execute("SET", NewKey(), "v"));
    }
}
