using System.Text.RegularExpressions;
using AkkaKv.IntegrationTests.Infrastructure;
using AkkaKv.Protocol;

namespace AkkaKv.IntegrationTests.Commands;

/// <summary>
/// SLOWLOG and the slow log (Redis's unit/slowlog). The log is node-wide, so the tests of this class (which run one at a
/// time) each reset it and set the thresholds they need. Slow commands are DEBUG SLEEP, which always takes at least as
/// long as asked: a test never depends on how fast the machine is.
/// </summary>
public sealed class SlowlogTests(ServerFixture server) : CommandTestBase(server), IClassFixture<ServerFixture>
{
    /// <summary>Logs commands of at least 0.2 s, clears the log, and keeps 128 entries.</summary>
    private RespClient SlowOnly()
    {
        var client = Connect();
        AssertOk(client.Execute("CONFIG", "SET", "slowlog-log-slower-than", "200000", "slowlog-max-len", "128"));
        AssertOk(client.Execute("SLOWLOG", "RESET"));
        return client;
    }

    /// <summary>Logs every command, from an empty log.</summary>
    private RespClient Everything(int protocol = 2)
    {
        var client = Connect(protocol);
        AssertOk(client.Execute("CONFIG", "SET", "slowlog-log-slower-than", "0", "slowlog-max-len", "128"));
        AssertOk(client.Execute("SLOWLOG", "RESET"));
        return client;
    }

    /// <summary>The logged arguments of the entries, newest first.</summary>
    private static List<string> LoggedCommands(RespClient client, int count = -1) =>
        client.Execute("SLOWLOG", "GET", count.ToString()).Items!.Select(e => string.Join(' ', Texts(e.Items![3]))).ToList();

    [Fact]
    public async Task A_new_node_starts_with_an_empty_log_and_redis_defaults()
    {
        await using var node = ServerFixture.Start();
        using var client = ServerFixture.Connect(node.EndPoint.Port);
        AssertInteger(0, client.Execute("SLOWLOG", "LEN"));
        Assert.Empty(client.Execute("SLOWLOG", "GET").Items!);
        AssertTexts(["slowlog-log-slower-than", "10000"], client.Execute("CONFIG", "GET", "slowlog-log-slower-than"));
        AssertTexts(["slowlog-max-len", "128"], client.Execute("CONFIG", "GET", "slowlog-max-len"));
    }

    [Fact]
    public void Only_commands_taking_more_time_than_specified_are_logged()
    {
        using var client = SlowOnly();
        AssertSimple("PONG", client.Execute("PING"));
        AssertInteger(0, client.Execute("SLOWLOG", "LEN"));
        AssertOk(client.Execute("DEBUG", "SLEEP", "0.25"));
        AssertInteger(1, client.Execute("SLOWLOG", "LEN"));
    }

    [Fact]
    public void The_log_keeps_at_most_slowlog_max_len_entries()
    {
        using var client = Everything();
        AssertOk(client.Execute("CONFIG", "SET", "slowlog-max-len", "10"));
        for (var i = 0; i < 100; i++) client.Execute("PING");
        AssertInteger(10, client.Execute("SLOWLOG", "LEN"));
    }

    [Fact]
    public void Get_returns_the_newest_entries_ten_by_default_and_all_for_minus_one()
    {
        using var client = Everything();
        for (var i = 0; i < 20; i++) client.Execute("ECHO", i.ToString());
        Assert.Equal(5, client.Execute("SLOWLOG", "GET", "5").Items!.Count);
        Assert.Equal(10, client.Execute("SLOWLOG", "GET").Items!.Count);
        Assert.Empty(client.Execute("SLOWLOG", "GET", "0").Items!);
        var all = LoggedCommands(client);
        Assert.True(all.Count >= 22, $"SLOWLOG GET -1 returned {all.Count} entries");
        // Newest first, and a SLOWLOG GET is logged after it ran, so it never sees itself.
        Assert.Equal("SLOWLOG GET 0", all[0]);
        Assert.Equal("ECHO 19", all[3]);
        Assert.Equal("ECHO 0", all[^2]);
        Assert.Equal("SLOWLOG RESET", all[^1]);
    }

    [Fact]
    public void Reset_empties_the_log_and_ids_keep_increasing()
    {
        using var client = Everything();
        client.Execute("PING");
        var before = client.Execute("SLOWLOG", "GET", "1").Items![0].Items![0].Integer;
        AssertOk(client.Execute("CONFIG", "SET", "slowlog-log-slower-than", "200000"));
        AssertOk(client.Execute("SLOWLOG", "RESET"));
        AssertInteger(0, client.Execute("SLOWLOG", "LEN"));
        AssertOk(client.Execute("CONFIG", "SET", "slowlog-log-slower-than", "0"));
        client.Execute("PING");
        Assert.True(client.Execute("SLOWLOG", "GET", "1").Items![0].Items![0].Integer > before);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void A_logged_entry_has_id_time_duration_arguments_address_and_name(int protocol)
    {
        using var client = SlowOnly();
        if (protocol == 3) Assert.Equal(RespType.Map, client.Execute("HELLO", "3").Type);
        AssertOk(client.Execute("CLIENT", "SETNAME", "foobar"));
        var address = client.Execute("CLIENT", "INFO").Text!.Split(' ').Single(f => f.StartsWith("addr=", StringComparison.Ordinal))[5..];
        var before = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        AssertOk(client.Execute("DEBUG", "SLEEP", "0.25"));
        var entries = client.Execute("SLOWLOG", "GET");
        Assert.Equal(RespType.Array, entries.Type);
        var entry = Assert.Single(entries.Items!).Items!;
        Assert.Equal(6, entry.Count);
        Assert.Equal(RespType.Integer, entry[0].Type);
        Assert.InRange(entry[1].Integer, before, DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        Assert.True(entry[2].Integer >= 250_000, $"DEBUG SLEEP 0.25 logged {entry[2].Integer} µs");
        AssertTexts(["DEBUG", "SLEEP", "0.25"], entry[3]);
        AssertBulk(address, entry[4]);
        AssertBulk("foobar", entry[5]);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Entry_bytes(int protocol)
    {
        using var client = Everything();
        using var socket = Server.RawSocket();
        if (protocol == 3) SwitchToResp3(socket);
        Assert.Equal("+OK\r\n", ServerFixture.Exchange(socket, Command("SET", "slowlog-bytes", "v"), "+OK\r\n".Length));
        socket.Send(System.Text.Encoding.UTF8.GetBytes(Command("SLOWLOG", "GET", "1")));
        // [id, unix time, µs, [args], "ip:port", "name"], the same under RESP2 and RESP3.
        Assert.Matches(new Regex(
            @"^\*1\r\n\*6\r\n:\d+\r\n:\d{10}\r\n:\d+\r\n" +
            @"\*3\r\n\$3\r\nSET\r\n\$13\r\nslowlog-bytes\r\n\$1\r\nv\r\n\$\d+\r\n127\.0\.0\.1:\d+\r\n\$0\r\n\r\n$"),
            ReadUntil(socket, "$0\r\n\r\n"));
    }

    [Fact]
    public void Credentials_are_redacted()
    {
        using var client = Everything();
        // No password is set: every AUTH fails, after its arguments were redacted.
        Assert.True(client.Execute("AUTH", "someone", "secret-1").IsError);
        Assert.True(client.Execute("AUTH", "secret-2").IsError);
        AssertError("ERR syntax error", client.Execute("AUTH", "a", "b", "c"));
        Assert.True(client.Execute("HELLO", "2", "SETNAME", "n", "AUTH", "someone", "secret-3").IsError);
        AssertErrorStartsWith("NOPROTO", client.Execute("HELLO", "9", "AUTH", "someone", "secret-4"));
        AssertOk(client.Execute("CONFIG", "SET", "requirepass", "", "maxmemory-samples", "5"));
        var logged = LoggedCommands(client);
        AssertTexts(
        [
            "CONFIG SET requirepass (redacted) maxmemory-samples 5",
            // HELLO redacts only once its version was accepted; AUTH with too many arguments is a syntax error, shown as sent.
            "HELLO 9 AUTH someone secret-4",
            "HELLO 2 SETNAME n AUTH (redacted) (redacted)",
            "AUTH a b c",
            "AUTH (redacted)",
            "AUTH (redacted) (redacted)",
            "SLOWLOG RESET",
        ], logged);
    }

    [Fact]
    public void Commands_with_too_many_arguments_are_trimmed()
    {
        using var client = Everything();
        var key = NewKey();
        client.Execute(["SADD", key, .. Enumerable.Range(3, 31).Select(i => i.ToString())]);
        var arguments = Texts(client.Execute("SLOWLOG", "GET", "1").Items![0].Items![3]);
        Assert.Equal(32, arguments.Length);
        AssertTexts(["SADD", key, .. Enumerable.Range(3, 29).Select(i => i.ToString()), "... (2 more arguments)"], arguments);
    }

    [Fact]
    public void Too_long_arguments_are_trimmed()
    {
        using var client = Everything();
        var key = NewKey();
        client.Execute("SADD", key, "foo", new string('A', 129));
        var arguments = Texts(client.Execute("SLOWLOG", "GET", "1").Items![0].Items![3]);
        AssertTexts(["SADD", key, "foo", new string('A', 128) + "... (1 more bytes)"], arguments);
    }

    [Fact]
    public void Commands_are_logged_as_sent_not_as_propagated()
    {
        using var client = Everything();
        var set = NewKey("set");
        client.Execute("SADD", set, "a", "b", "c");
        var text = NewKey("text");
        client.Execute("SET", text, "0");
        AssertOk(client.Execute("SLOWLOG", "RESET"));
        client.Execute("SPOP", set, "10");
        client.Execute("INCRBYFLOAT", text, "1.0");
        client.Execute("GETSET", text, "5");
        Assert.Equal([$"GETSET {text} 5", $"INCRBYFLOAT {text} 1.0", $"SPOP {set} 10"], LoggedCommands(client, 3));
    }

    [Fact]
    public void Exec_is_not_logged_only_the_commands_it_ran()
    {
        using var client = SlowOnly();
        AssertOk(client.Execute("MULTI"));
        AssertSimple("QUEUED", client.Execute("DEBUG", "SLEEP", "0.25"));
        client.Execute("EXEC");
        AssertInteger(1, client.Execute("SLOWLOG", "LEN"));
        Assert.Equal(["DEBUG SLEEP 0.25"], LoggedCommands(client));
    }

    [Fact]
    public void A_scripts_commands_are_logged_after_it_from_the_client_less_script_caller()
    {
        using var client = Everything();
        var key = NewKey();
        AssertOk(client.Execute("EVAL", "return redis.call('set', KEYS[1], 'v')", "1", key));
        var entries = client.Execute("SLOWLOG", "GET", "2").Items!;
        AssertTexts(["EVAL", "return redis.call('set', KEYS[1], 'v')", "1", key], entries[0].Items![3]);
        AssertTexts(["set", key, "v"], entries[1].Items![3]);
        AssertBulk("?:0", entries[1].Items![4]);
        AssertBulk("", entries[1].Items![5]);
    }

    [Fact]
    public void Session_commands_and_commands_on_several_shards_are_logged_with_their_client()
    {
        using var client = Everything();
        AssertOk(client.Execute("CLIENT", "SETNAME", "several"));
        var (first, second) = KeysOnDifferentShards();
        AssertOk(client.Execute("MSET", first, "1", second, "2"));
        var entries = client.Execute("SLOWLOG", "GET", "2").Items!;
        AssertTexts(["MSET", first, "1", second, "2"], entries[0].Items![3]);
        AssertTexts(["CLIENT", "SETNAME", "several"], entries[1].Items![3]);
        Assert.All(entries, e => AssertBulk("several", e.Items![5]));
    }

    [Fact]
    public void Older_entries_go_when_the_log_is_full()
    {
        using var client = SlowOnly();
        AssertOk(client.Execute("CLIENT", "SETNAME", "lastentry_client"));
        AssertOk(client.Execute("CONFIG", "SET", "slowlog-max-len", "1"));
        AssertOk(client.Execute("DEBUG", "SLEEP", "0.25"));
        var entry = Assert.Single(client.Execute("SLOWLOG", "GET").Items!);
        AssertBulk("lastentry_client", entry.Items![5]);
    }

    [Fact]
    public void A_negative_threshold_disables_the_log()
    {
        using var client = Connect();
        AssertOk(client.Execute("CONFIG", "SET", "slowlog-max-len", "1", "slowlog-log-slower-than", "1"));
        AssertOk(client.Execute("SLOWLOG", "RESET"));
        AssertOk(client.Execute("DEBUG", "SLEEP", "0.05"));
        AssertInteger(1, client.Execute("SLOWLOG", "LEN"));
        AssertOk(client.Execute("CONFIG", "SET", "slowlog-log-slower-than", "-1"));
        AssertOk(client.Execute("SLOWLOG", "RESET"));
        AssertOk(client.Execute("DEBUG", "SLEEP", "0.05"));
        AssertInteger(0, client.Execute("SLOWLOG", "LEN"));
        AssertError("ERR CONFIG SET failed (possibly related to argument 'slowlog-log-slower-than') - argument must be between -1 and 9223372036854775807 inclusive",
            client.Execute("CONFIG", "SET", "slowlog-log-slower-than", "-2"));
    }

    [Fact]
    public void A_blocking_command_is_logged_only_once_served()
    {
        using var client = Everything();
        var list = NewKey("list");
        using var blocked = Connect();
        blocked.Send("BLPOP", list, "0");
        Assert.True(Eventually(() => InfoFields.Integer(client, "clients", "blocked_clients") == 1), "BLPOP did not block");
        Assert.DoesNotContain(LoggedCommands(client), c => c.StartsWith("BLPOP", StringComparison.Ordinal));
        client.Execute("LPUSH", list, "1");
        AssertTexts([list, "1"], blocked.ReadReply(TimeSpan.FromSeconds(5)));
        Assert.True(Eventually(() => LoggedCommands(client).Count(c => c == $"BLPOP {list} 0") == 1), "BLPOP was not logged once");
    }

    [Theory]
    [InlineData("ERR count should be greater than or equal to -1", "SLOWLOG", "GET", "-2")]
    [InlineData("ERR count should be greater than or equal to -1", "SLOWLOG", "GET", "abc")]
    [InlineData("ERR unknown subcommand or wrong number of arguments for 'get'. Try SLOWLOG HELP.", "SLOWLOG", "get", "1", "2")]
    [InlineData("ERR wrong number of arguments for 'slowlog|len' command", "SLOWLOG", "LEN", "x")]
    [InlineData("ERR wrong number of arguments for 'slowlog|reset' command", "SLOWLOG", "RESET", "x")]
    [InlineData("ERR unknown subcommand 'foo'. Try SLOWLOG HELP.", "SLOWLOG", "foo")]
    [InlineData("ERR wrong number of arguments for 'slowlog' command", "SLOWLOG")]
    public void Errors(string error, params string[] args)
    {
        using var client = Connect();
        AssertError(error, client.Execute(args));
    }

    [Fact]
    public void Help_lists_the_subcommands()
    {
        using var client = Connect();
        var lines = Texts(client.Execute("SLOWLOG", "HELP"));
        Assert.Equal("SLOWLOG <subcommand> [<arg> [value] [opt] ...]. Subcommands are:", lines[0]);
        Assert.Contains("GET [<count>]", lines);
        Assert.Contains("LEN", lines);
        Assert.Contains("RESET", lines);
        AssertTexts(["HELP", "    Print this help."], lines[^2..]);
    }
}
