using AkkaKv.IntegrationTests.Infrastructure;
using AkkaKv.Protocol;

namespace AkkaKv.IntegrationTests.Commands;

/// <summary>
/// Redis's unit/introspection (and introspection-2): the CLIENT subcommands ID, GETNAME, SETNAME, LIST, INFO, KILL
/// (old and filter forms), NO-EVICT, NO-TOUCH, SETINFO, REPLY and HELP.
/// </summary>
public sealed class ClientCommandsTests(ServerFixture server) : CommandTestBase(server), IClassFixture<ServerFixture>
{
    /// <summary>The fields of a CLIENT LIST line in Redis 7.2, in order, and Redis 8's io-thread.</summary>
    private static readonly string[] ClientListFields =
    [
        "id", "addr", "laddr", "fd", "name", "age", "idle", "flags", "db", "sub", "psub", "ssub", "multi", "qbuf",
        "qbuf-free", "argv-mem", "multi-mem", "rbs", "rbp", "obl", "oll", "omem", "tot-mem", "events", "cmd", "user",
        "redir", "resp", "lib-name", "lib-ver", "io-thread",
    ];

    // ---- ID / GETNAME / SETNAME -----------------------------------------------------------------------------

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Client_id_is_unique_and_increasing(int protocol)
    {
        using var first = Connect(protocol);
        using var second = Connect(protocol);
        var a = first.Execute("CLIENT", "ID");
        var b = second.Execute("CLIENT", "ID");
        Assert.Equal(RespType.Integer, a.Type);
        Assert.True(a.Integer > 0);
        Assert.True(b.Integer > a.Integer);
        AssertInteger(a.Integer, first.Execute("CLIENT", "ID"));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Client_setname_and_getname(int protocol)
    {
        using var client = Connect(protocol);
        AssertNull(client.Execute("CLIENT", "GETNAME"));
        AssertOk(client.Execute("CLIENT", "SETNAME", "myname"));
        AssertBulk("myname", client.Execute("CLIENT", "GETNAME"));
        Assert.Contains(" name=myname ", AssertVerbatimText(client.Execute("CLIENT", "INFO"), protocol));
        AssertOk(client.Execute("CLIENT", "SETNAME", ""));
        AssertNull(client.Execute("CLIENT", "GETNAME"));
    }

    [Fact]
    public void Client_getname_of_an_unnamed_client_bytes()
    {
        AssertRawReply("$-1\r\n", Command("CLIENT", "GETNAME"));
        AssertRawReply("_\r\n", Command("CLIENT", "GETNAME"), protocol: 3);
    }

    [Theory]
    [InlineData(2, "a b")]
    [InlineData(3, "a\nb")]
    [InlineData(2, "tab\there")]
    [InlineData(2, "héllo")]
    public void Client_setname_rejects_spaces_newlines_and_special_characters(int protocol, string name)
    {
        using var client = Connect(protocol);
        AssertOk(client.Execute("CLIENT", "SETNAME", "before"));
        AssertError("ERR Client names cannot contain spaces, newlines or special characters.", client.Execute("CLIENT", "SETNAME", name));
        AssertBulk("before", client.Execute("CLIENT", "GETNAME"));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Client_arity_and_unknown_subcommand_errors(int protocol)
    {
        using var client = Connect(protocol);
        AssertError("ERR wrong number of arguments for 'client' command", client.Execute("CLIENT"));
        AssertError("ERR wrong number of arguments for 'client|setname' command", client.Execute("CLIENT", "SETNAME", "a", "b"));
        AssertError("ERR wrong number of arguments for 'client|setname' command", client.Execute("CLIENT", "SETNAME"));
        AssertError("ERR wrong number of arguments for 'client|getname' command", client.Execute("CLIENT", "GETNAME", "x"));
        AssertError("ERR wrong number of arguments for 'client|id' command", client.Execute("CLIENT", "ID", "x"));
        AssertError("ERR wrong number of arguments for 'client|info' command", client.Execute("CLIENT", "INFO", "x"));
        AssertError("ERR wrong number of arguments for 'client|kill' command", client.Execute("CLIENT", "KILL"));
        AssertError("ERR unknown subcommand 'foo'. Try CLIENT HELP.", client.Execute("CLIENT", "foo"));
        AssertError("ERR unknown subcommand 'foo'. Try CLIENT HELP.", client.Execute("CLIENT", "foo", "bar"));
    }

    [Fact]
    public void Client_unknown_subcommand_bytes() =>
        AssertRawReply("-ERR unknown subcommand 'nosuch'. Try CLIENT HELP.\r\n", Command("CLIENT", "nosuch"));

    // ---- LIST / INFO ----------------------------------------------------------------------------------------

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Client_info_has_redis_7_2_fields_in_order(int protocol)
    {
        using var client = Connect(protocol);
        AssertOk(client.Execute("SELECT", "5"));
        AssertOk(client.Execute("CLIENT", "SETNAME", "info-test"));
        var id = client.Execute("CLIENT", "ID").Integer;
        var text = AssertVerbatimText(client.Execute("CLIENT", "INFO"), protocol);
        Assert.EndsWith("\n", text, StringComparison.Ordinal);
        var fields = Fields(text.TrimEnd('\n'));
        Assert.Equal(ClientListFields, fields.Select(f => f.Name));
        var values = fields.ToDictionary(f => f.Name, f => f.Value);
        Assert.Equal(id.ToString(), values["id"]);
        Assert.Matches(@"^127\.0\.0\.1:\d+$", values["addr"]);
        Assert.Equal($"127.0.0.1:{Server.Port}", values["laddr"]);
        Assert.Equal("info-test", values["name"]);
        Assert.Equal("N", values["flags"]);
        Assert.Equal("5", values["db"]);
        Assert.Equal("client|info", values["cmd"]);
        Assert.Equal("default", values["user"]);
        Assert.Equal(protocol.ToString(), values["resp"]);
        Assert.Equal("-1", values["multi"]);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Client_list_has_one_line_per_client(int protocol)
    {
        using var client = Connect(protocol);
        using var other = Connect();
        var id = client.Execute("CLIENT", "ID").Integer;
        var otherId = other.Execute("CLIENT", "ID").Integer;
        AssertOk(other.Execute("CLIENT", "SETNAME", "the-other"));
        var text = AssertVerbatimText(client.Execute("CLIENT", "LIST"), protocol);
        Assert.EndsWith("\n", text, StringComparison.Ordinal);
        var lines = text.TrimEnd('\n').Split('\n');
        foreach (var line in lines) Assert.Equal(ClientListFields, Fields(line).Select(f => f.Name));
        var own = lines.Single(l => l.StartsWith($"id={id} ", StringComparison.Ordinal));
        Assert.Contains(" cmd=client|list ", own, StringComparison.Ordinal);
        var theOther = lines.Single(l => l.StartsWith($"id={otherId} ", StringComparison.Ordinal));
        Assert.Contains(" name=the-other ", theOther, StringComparison.Ordinal);
        Assert.Contains(" cmd=client|setname ", theOther, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Client_list_filters_by_type_and_id(int protocol)
    {
        using var client = Connect(protocol);
        using var other = Connect();
        var id = client.Execute("CLIENT", "ID").Integer;
        var otherId = other.Execute("CLIENT", "ID").Integer;
        var normal = AssertVerbatimText(client.Execute("CLIENT", "LIST", "TYPE", "normal"), protocol);
        Assert.Contains($"id={id} ", normal, StringComparison.Ordinal);
        var pubsub = AssertVerbatimText(client.Execute("CLIENT", "LIST", "TYPE", "pubsub"), protocol);
        Assert.DoesNotContain($"id={id} ", pubsub, StringComparison.Ordinal);
        var byId = AssertVerbatimText(client.Execute("CLIENT", "LIST", "ID", otherId.ToString(), id.ToString()), protocol);
        var ids = byId.TrimEnd('\n').Split('\n').Select(l => Fields(l)[0].Value).Order().ToArray();
        Assert.Equal(new[] { id.ToString(), otherId.ToString() }.Order().ToArray(), ids);
        Assert.Equal("", AssertVerbatimText(client.Execute("CLIENT", "LIST", "ID", "999999999"), protocol));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Client_list_id_zero_matches_nothing(int protocol)
    {
        // Redis parses the ids as integers and looks each up: 0 and negatives simply match no client.
        using var client = Connect(protocol);
        Assert.Equal("", AssertVerbatimText(client.Execute("CLIENT", "LIST", "ID", "0"), protocol));
        Assert.Equal("", AssertVerbatimText(client.Execute("CLIENT", "LIST", "ID", "-5"), protocol));
    }

    [Theory]
    [InlineData(2, "ERR Unknown client type 'foo'", "TYPE", "foo")]
    [InlineData(3, "ERR Invalid client ID", "ID", "abc")]
    [InlineData(2, "ERR syntax error", "foo")]
    [InlineData(3, "ERR syntax error", "TYPE")]
    public void Client_list_rejects_bad_filters(int protocol, string error, params string[] args)
    {
        using var client = Connect(protocol);
        AssertError(error, client.Execute(["CLIENT", "LIST", .. args]));
    }

    // ---- KILL -----------------------------------------------------------------------------------------------

    [Fact]
    public void Client_kill_old_form_kills_by_address()
    {
        using var client = Connect();
        using var victim = Connect();
        var address = AddressOf(client, victim.Execute("CLIENT", "ID").Integer);
        AssertOk(client.Execute("CLIENT", "KILL", address));
        Assert.True(victim.WaitClosed(TimeSpan.FromSeconds(5)), "the killed client stayed connected");
        AssertError("ERR No such client", client.Execute("CLIENT", "KILL", address));
        AssertError("ERR No such client", client.Execute("CLIENT", "KILL", "1.2.3.4:5"));
        AssertSimple("PONG", client.Execute("PING"));
    }

    [Fact]
    public void A_killed_client_is_gone_at_once_for_the_next_kill_and_list()
    {
        using var client = Connect();
        using var victim = Connect();
        var id = victim.Execute("CLIENT", "ID").Integer.ToString(System.Globalization.CultureInfo.InvariantCulture);
        // No wait between them: Redis frees the client before CLIENT KILL replies.
        AssertInteger(1, client.Execute("CLIENT", "KILL", "ID", id));
        AssertInteger(0, client.Execute("CLIENT", "KILL", "ID", id));
        AssertBulk("", client.Execute("CLIENT", "LIST", "ID", id));
        Assert.True(victim.WaitClosed(TimeSpan.FromSeconds(5)), "the killed client stayed connected");
    }

    [Fact]
    public void Client_kill_old_form_can_kill_itself_after_replying()
    {
        using var client = Connect();
        var address = AddressOf(client, client.Execute("CLIENT", "ID").Integer);
        AssertOk(client.Execute("CLIENT", "KILL", address));
        Assert.True(client.WaitClosed(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public void Client_kill_by_id_skips_itself_by_default()
    {
        using var client = Connect();
        using var victim = Connect();
        var id = client.Execute("CLIENT", "ID").Integer;
        var victimId = victim.Execute("CLIENT", "ID").Integer;
        AssertInteger(0, client.Execute("CLIENT", "KILL", "ID", id.ToString()));
        AssertInteger(1, client.Execute("CLIENT", "KILL", "ID", victimId.ToString()));
        Assert.True(victim.WaitClosed(TimeSpan.FromSeconds(5)));
        AssertInteger(0, client.Execute("CLIENT", "KILL", "ID", victimId.ToString()));
        AssertInteger(1, client.Execute("CLIENT", "KILL", "ID", id.ToString(), "SKIPME", "no"));
        Assert.True(client.WaitClosed(TimeSpan.FromSeconds(5)), "CLIENT KILL ... SKIPME no did not close the caller");
    }

    [Fact]
    public void Client_kill_filters_combine()
    {
        using var client = Connect();
        using var victim = Connect();
        var victimId = victim.Execute("CLIENT", "ID").Integer.ToString();
        var address = AddressOf(client, long.Parse(victimId));
        AssertInteger(0, client.Execute("CLIENT", "KILL", "ADDR", "1.2.3.4:5", "ID", victimId));
        AssertInteger(0, client.Execute("CLIENT", "KILL", "TYPE", "pubsub", "ID", victimId));
        AssertInteger(0, client.Execute("CLIENT", "KILL", "LADDR", "1.2.3.4:5", "ID", victimId));
        AssertSimple("PONG", victim.Execute("PING"));
        AssertInteger(1, client.Execute("CLIENT", "KILL", "ADDR", address, "TYPE", "normal", "USER", "default",
            "LADDR", $"127.0.0.1:{Server.Port}", "ID", victimId, "SKIPME", "yes"));
        Assert.True(victim.WaitClosed(TimeSpan.FromSeconds(5)));
    }

    [Theory]
    [InlineData(2, "ERR client-id should be greater than 0", "ID", "abc")]
    [InlineData(3, "ERR client-id should be greater than 0", "ID", "0")]
    [InlineData(2, "ERR Unknown client type 'foo'", "TYPE", "foo")]
    [InlineData(2, "ERR syntax error", "SKIPME", "maybe")]
    [InlineData(3, "ERR syntax error", "ID", "5", "SKIPME")]
    [InlineData(2, "ERR syntax error", "foo", "bar")]
    [InlineData(2, "ERR No such user 'nosuch'", "USER", "nosuch")]
    // Redis reads the options in order: the first bad one is the error, even before a missing last value.
    [InlineData(2, "ERR client-id should be greater than 0", "ID", "abc", "TYPE")]
    [InlineData(2, "ERR Unknown client type 'x'", "SKIPME", "yes", "TYPE", "x", "ID")]
    [InlineData(2, "ERR client-id should be greater than 0", "ID", "-3")]
    [InlineData(2, "ERR client-id should be greater than 0", "ID", "+3")]
    public void Client_kill_rejects_bad_filters(int protocol, string error, params string[] args)
    {
        using var client = Connect(protocol);
        AssertError(error, client.Execute(["CLIENT", "KILL", .. args]));
        AssertSimple("PONG", client.Execute("PING"));
    }

    [Fact]
    public void Client_kill_filter_given_twice_keeps_its_last_value()
    {
        using var client = Connect();
        using var spared = Connect();
        using var victim = Connect();
        var sparedId = spared.Execute("CLIENT", "ID").Integer.ToString();
        var victimId = victim.Execute("CLIENT", "ID").Integer.ToString();
        AssertInteger(1, client.Execute("CLIENT", "KILL", "ID", sparedId, "ID", victimId));
        Assert.True(victim.WaitClosed(TimeSpan.FromSeconds(5)));
        AssertSimple("PONG", spared.Execute("PING"));
        AssertInteger(0, client.Execute("CLIENT", "KILL", "SKIPME", "no", "SKIPME", "yes", "ID", client.Execute("CLIENT", "ID").Integer.ToString()));
    }

    [Fact]
    public void Client_kill_by_type_master_or_replica_kills_nothing_and_normal_kills_the_others()
    {
        using var client = Connect();
        using var other = Connect();
        var otherAddress = AddressOf(client, other.Execute("CLIENT", "ID").Integer);
        AssertInteger(0, client.Execute("CLIENT", "KILL", "TYPE", "master"));
        AssertInteger(0, client.Execute("CLIENT", "KILL", "TYPE", "replica"));
        AssertInteger(0, client.Execute("CLIENT", "KILL", "TYPE", "SLAVE"));
        AssertInteger(1, client.Execute("CLIENT", "KILL", "TYPE", "NORMAL", "ADDR", otherAddress));
        Assert.True(other.WaitClosed(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public void Client_kill_maxage_kills_clients_connected_at_least_that_long_ago()
    {
        // MAXAGE comes from Redis 7.4.
        using var client = Connect();
        using var victim = Connect();
        var victimId = victim.Execute("CLIENT", "ID").Integer.ToString();
        AssertInteger(0, client.Execute("CLIENT", "KILL", "MAXAGE", "100000", "ID", victimId));
        Assert.True(Eventually(() => client.Execute("CLIENT", "KILL", "MAXAGE", "1", "ID", victimId).Integer == 1, 5000));
        Assert.True(victim.WaitClosed(TimeSpan.FromSeconds(5)));
        AssertError("ERR value is not an integer or out of range", client.Execute("CLIENT", "KILL", "MAXAGE", "old"));
    }

    // ---- NO-EVICT / NO-TOUCH ----------------------------------------------------------------------------------

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Client_no_evict_sets_the_e_flag(int protocol)
    {
        using var client = Connect(protocol);
        AssertOk(client.Execute("CLIENT", "NO-EVICT", "on"));
        Assert.Contains(" flags=e ", AssertVerbatimText(client.Execute("CLIENT", "INFO"), protocol));
        AssertOk(client.Execute("CLIENT", "NO-EVICT", "OFF"));
        Assert.Contains(" flags=N ", AssertVerbatimText(client.Execute("CLIENT", "INFO"), protocol));
        AssertError("ERR syntax error", client.Execute("CLIENT", "NO-EVICT", "maybe"));
        AssertError("ERR wrong number of arguments for 'client|no-evict' command", client.Execute("CLIENT", "NO-EVICT"));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Client_no_touch_sets_the_t_flag(int protocol)
    {
        // CLIENT NO-TOUCH is new in Redis 7.2 (7.0 replies an unknown subcommand error).
        using var client = Connect(protocol);
        AssertOk(client.Execute("CLIENT", "NO-TOUCH", "ON"));
        Assert.Contains(" flags=T ", AssertVerbatimText(client.Execute("CLIENT", "INFO"), protocol));
        AssertOk(client.Execute("CLIENT", "NO-TOUCH", "off"));
        Assert.Contains(" flags=N ", AssertVerbatimText(client.Execute("CLIENT", "INFO"), protocol));
        AssertError("ERR syntax error", client.Execute("CLIENT", "NO-TOUCH", "maybe"));
    }

    [Fact]
    public void Operations_in_no_touch_mode_do_not_alter_the_last_access_time()
    {
        using var client = Connect();
        var key = NewKey();
        AssertOk(client.Execute("SET", key, "bar"));
        AssertOk(client.Execute("CLIENT", "NO-TOUCH", "ON"));
        Thread.Sleep(1100);
        AssertBulk("bar", client.Execute("GET", key));
        Assert.True(client.Execute("OBJECT", "IDLETIME", key).Integer > 0, "GET in no-touch mode reset the idle time");
        AssertOk(client.Execute("CLIENT", "NO-TOUCH", "OFF"));
        AssertBulk("bar", client.Execute("GET", key));
        AssertInteger(0, client.Execute("OBJECT", "IDLETIME", key));
    }

    // ---- SETINFO ----------------------------------------------------------------------------------------------

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Client_setinfo_sets_the_library_name_and_version(int protocol)
    {
        // CLIENT SETINFO is new in Redis 7.2.
        using var client = Connect(protocol);
        AssertOk(client.Execute("CLIENT", "SETINFO", "lib-name", "redis.py"));
        AssertOk(client.Execute("CLIENT", "SETINFO", "LIB-VER", "1.2.3"));
        Assert.Matches(" lib-name=redis.py lib-ver=1\\.2\\.3 io-thread=[01]\n$", AssertVerbatimText(client.Execute("CLIENT", "INFO"), protocol));

        AssertError("ERR wrong number of arguments for 'client|setinfo' command", client.Execute("CLIENT", "SETINFO", "lib-name"));
        AssertError("ERR lib-name cannot contain spaces, newlines or special characters.", client.Execute("CLIENT", "SETINFO", "lib-name", "redis py"));
        AssertError("ERR lib-name cannot contain spaces, newlines or special characters.", client.Execute("CLIENT", "SETINFO", "lib-name", "redis.py\n"));
        AssertError("ERR lib-ver cannot contain spaces, newlines or special characters.", client.Execute("CLIENT", "SETINFO", "lib-ver", "1 2"));
        AssertError("ERR Unrecognized option 'badger'", client.Execute("CLIENT", "SETINFO", "badger", "hamster"));
        // None of the failures changed the values.
        Assert.Matches(" lib-name=redis.py lib-ver=1\\.2\\.3 io-thread=[01]\n$", AssertVerbatimText(client.Execute("CLIENT", "INFO"), protocol));

        // RESET does not clean the library name.
        AssertSimple("RESET", client.Execute("RESET"));
        Assert.Contains(" lib-name=redis.py ", AssertVerbatimText(client.Execute("CLIENT", "INFO"), 2), StringComparison.Ordinal);
        AssertOk(client.Execute("CLIENT", "SETINFO", "lib-name", ""));
        Assert.Contains(" lib-name= lib-ver=1.2.3 io-thread=", AssertVerbatimText(client.Execute("CLIENT", "INFO"), 2), StringComparison.Ordinal);
    }

    [Fact]
    public void Client_setinfo_error_names_the_attribute_as_given()
    {
        // Redis formats "%s cannot contain ..." with the attribute exactly as the client spelled it.
        using var client = Connect();
        AssertError("ERR LIB-NAME cannot contain spaces, newlines or special characters.", client.Execute("CLIENT", "SETINFO", "LIB-NAME", "a b"));
    }

    // ---- REPLY ------------------------------------------------------------------------------------------------

    [Fact]
    public void Client_reply_off_suppresses_replies_until_on()
    {
        using var client = Connect();
        var key = NewKey();
        client.Send("CLIENT", "REPLY", "OFF");
        client.Send("SET", key, "1");
        client.Send("GET", key);
        client.Send("NOSUCHCOMMAND");
        AssertOk(client.Execute("CLIENT", "REPLY", "ON"));
        AssertBulk("1", client.Execute("GET", key));
    }

    [Fact]
    public void Client_reply_skip_suppresses_only_the_next_reply()
    {
        using var client = Connect();
        var key = NewKey();
        client.Send("CLIENT", "REPLY", "SKIP");
        client.Send("SET", key, "1");
        AssertInteger(2, client.Execute("INCR", key));
        client.Send("CLIENT", "REPLY", "SKIP");
        client.Send("INCR", key);
        AssertInteger(4, client.Execute("INCR", key));
        Assert.False(client.TryReadReply(TimeSpan.FromMilliseconds(100), out _));
    }

    [Fact]
    public async Task Client_reply_off_still_ends_a_transaction_that_ran_across_shards()
    {
        // Across shards the transaction comes back as a message: its EXEC completes the stage later, reply suppressed.
        await using var node = ServerFixture.Start("akkakv.server { shards = 2 }");
        using var client = ServerFixture.Connect(node.EndPoint.Port);
        client.Send("CLIENT", "REPLY", "OFF");
        client.Send("MULTI");
        for (var i = 0; i < 8; i++) client.Send("SET", "k" + i, "v" + i);
        client.Send("EXEC");
        AssertOk(client.Execute("CLIENT", "REPLY", "ON"));
        // Not queued: the transaction is over.
        AssertSimple("PONG", client.Execute("PING"));
        AssertBulk("v7", client.Execute("GET", "k7"));
        AssertError("ERR EXEC without MULTI", client.Execute("EXEC"));
    }

    [Fact]
    public void Client_reply_on_replies_ok_and_bad_mode_is_a_syntax_error()
    {
        using var client = Connect();
        AssertOk(client.Execute("CLIENT", "REPLY", "ON"));
        AssertError("ERR syntax error", client.Execute("CLIENT", "REPLY", "maybe"));
    }

    [Fact]
    public void Client_reply_off_bytes()
    {
        var key = NewKey();
        AssertRawReply("+OK\r\n$1\r\n1\r\n",
            Command("CLIENT", "REPLY", "OFF") + Command("SET", key, "1") + Command("CLIENT", "REPLY", "ON") + Command("GET", key));
    }

    // ---- HELP -------------------------------------------------------------------------------------------------

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Client_help_lists_the_subcommands(int protocol)
    {
        using var client = Connect(protocol);
        var reply = client.Execute("CLIENT", "HELP");
        Assert.Equal(RespType.Array, reply.Type);
        Assert.All(reply.Items!, item => Assert.Equal(RespType.SimpleString, item.Type));
        var lines = Texts(reply);
        Assert.Equal("CLIENT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:", lines[0]);
        AssertTexts(["HELP", "    Print this help."], lines[^2..]);
        foreach (var entry in new[] { "GETNAME", "ID", "INFO", "KILL <ip:port>", "SETNAME <name>", "NO-EVICT (ON|OFF)", "NO-TOUCH (ON|OFF)", "REPLY (ON|OFF|SKIP)", "SETINFO <option> <value>" })
            Assert.Contains(entry, lines);
    }

    private static List<(string Name, string Value)> Fields(string line) =>
        line.Split(' ').Select(f =>
        {
            var equals = f.IndexOf('=');
            Assert.True(equals > 0, $"'{f}' is not a name=value field");
            return (f[..equals], f[(equals + 1)..]);
        }).ToList();

    private static string AddressOf(RespClient client, long id)
    {
        var line = client.Execute("CLIENT", "LIST", "ID", id.ToString()).Text!.TrimEnd('\n');
        return Fields(line).Single(f => f.Name == "addr").Value;
    }
}
