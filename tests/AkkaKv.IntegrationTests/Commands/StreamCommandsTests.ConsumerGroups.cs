using AkkaKv.Protocol;

namespace AkkaKv.IntegrationTests.Commands;

/// <summary>Redis's unit/type/stream-cgroups: XGROUP, XREADGROUP, XACK, XPENDING, XCLAIM, XAUTOCLAIM and group lag.</summary>
public sealed partial class StreamCommandsTests
{
    // ---- XGROUP -------------------------------------------------------------------------------------------------------

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Xgroup_create_refuses_duplicates_and_missing_keys(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        AssertError("ERR The XGROUP subcommand requires the key to exist. Note that for CREATE you may want to use the MKSTREAM option to create an empty stream automatically.",
            client.Execute("XGROUP", "CREATE", key, "g", "$"));
        AssertOk(client.Execute("XGROUP", "CREATE", key, "g", "$", "MKSTREAM"));
        AssertError("BUSYGROUP Consumer Group name already exists", client.Execute("XGROUP", "CREATE", key, "g", "$"));
        AssertError("ERR value for ENTRIESREAD must be positive or -1", client.Execute("XGROUP", "CREATE", key, "g2", "$", "ENTRIESREAD", "-3"));
        AssertError("ERR unknown subcommand or wrong number of arguments for 'CREATE'. Try XGROUP HELP.", client.Execute("XGROUP", "CREATE", key, "g2", "$", "FOO"));
        AssertError("ERR unknown subcommand or wrong number of arguments for 'setid'. Try XGROUP HELP.", client.Execute("XGROUP", "setid", key, "g", "0", "MKSTREAM"));
        AssertError("ERR Invalid stream ID specified as stream command argument", client.Execute("XGROUP", "CREATE", key, "g2", "-"));
        AssertError("ERR wrong number of arguments for 'xgroup|create' command", client.Execute("XGROUP", "CREATE", key, "g2"));
        AssertError("ERR unknown subcommand 'FOO'. Try XGROUP HELP.", client.Execute("XGROUP", "FOO", key, "g"));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Xgroup_entriesread_sets_the_read_counter(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        foreach (var id in new[] { "1-1", "1-2", "1-3", "1-4" }) client.Execute("XADD", key, id, "f", "v");
        AssertOk(client.Execute("XGROUP", "CREATE", key, "mygroup1", "$", "ENTRIESREAD", "0"));
        AssertOk(client.Execute("XGROUP", "CREATE", key, "mygroup2", "$", "ENTRIESREAD", "3"));
        var groups = client.Execute("XINFO", "GROUPS", key).Items!.Select(g => AssertMap(g, protocol)).ToList();
        AssertInteger(0, groups[0]["entries-read"]);
        AssertInteger(3, groups[1]["entries-read"]);
        AssertInteger(1, groups[1]["lag"]);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Xgroup_consumer_and_group_lifecycle(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        client.Execute("XGROUP", "CREATE", key, "g", "$", "MKSTREAM");
        client.Execute("XADD", key, "1-0", "f", "v");
        AssertError("NOGROUP No such consumer group 'nog' for key name '" + key + "'", client.Execute("XGROUP", "CREATECONSUMER", key, "nog", "c"));
        AssertError("NOGROUP No such consumer group 'nog' for key name '" + key + "'", client.Execute("XGROUP", "SETID", key, "nog", "0"));
        AssertInteger(1, client.Execute("XGROUP", "CREATECONSUMER", key, "g", "Bob"));
        AssertInteger(0, client.Execute("XGROUP", "CREATECONSUMER", key, "g", "Bob"));
        client.Execute("XREADGROUP", "GROUP", "g", "Alice", "STREAMS", key, ">");
        var consumers = client.Execute("XINFO", "CONSUMERS", key, "g").Items!.Select(c => AssertMap(c, protocol)).ToList();
        Assert.Equal(["Alice", "Bob"], consumers.Select(c => c["name"].Text));
        Assert.Equal(["name", "pending", "idle", "inactive"], consumers[0].Keys);
        AssertInteger(1, consumers[0]["pending"]);
        AssertInteger(-1, consumers[1]["inactive"]);

        AssertInteger(1, client.Execute("XGROUP", "DELCONSUMER", key, "g", "Alice"));
        AssertInteger(0, client.Execute("XGROUP", "DELCONSUMER", key, "g", "Alice"));
        AssertInteger(0, client.Execute("XPENDING", key, "g").Items![0]);
        AssertInteger(1, client.Execute("XGROUP", "DESTROY", key, "g"));
        AssertInteger(0, client.Execute("XGROUP", "DESTROY", key, "g"));
        Assert.Empty(client.Execute("XINFO", "GROUPS", key).Items!);
        AssertError("NOGROUP No such consumer group 'g' for key name '" + key + "'", client.Execute("XINFO", "CONSUMERS", key, "g"));
    }

    // ---- XREADGROUP ---------------------------------------------------------------------------------------------------

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Xreadgroup_delivers_new_entries_once_and_each_consumer_its_history(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        client.Execute("XADD", key, "1-0", "foo", "bar");
        client.Execute("XGROUP", "CREATE", key, "mygroup", "$");
        client.Execute("XADD", key, "2-0", "a", "1");
        client.Execute("XADD", key, "3-0", "b", "2");
        Assert.Equal(["2-0 a=1", "3-0 b=2"], ReadReply(client.Execute("XREADGROUP", "GROUP", "mygroup", "consumer-1", "STREAMS", key, ">"), protocol)[key]);
        client.Execute("XADD", key, "4-0", "c", "3");
        client.Execute("XADD", key, "5-0", "d", "4");
        Assert.Equal(["4-0 c=3", "5-0 d=4"], ReadReply(client.Execute("XREADGROUP", "GROUP", "mygroup", "consumer-2", "STREAMS", key, ">"), protocol)[key]);
        AssertNull(client.Execute("XREADGROUP", "GROUP", "mygroup", "consumer-2", "STREAMS", key, ">"));

        Assert.Equal(["2-0 a=1", "3-0 b=2"], ReadReply(client.Execute("XREADGROUP", "GROUP", "mygroup", "consumer-1", "COUNT", "10", "STREAMS", key, "0"), protocol)[key]);
        Assert.Equal(["5-0 d=4"], ReadReply(client.Execute("XREADGROUP", "GROUP", "mygroup", "consumer-2", "STREAMS", key, "4-0"), protocol)[key]);
        Assert.Empty(ReadReply(client.Execute("XREADGROUP", "GROUP", "mygroup", "consumer-3", "STREAMS", key, "0"), protocol)[key]);

        var pending = client.Execute("XPENDING", key, "mygroup", "-", "+", "10").Items!;
        Assert.Equal(["consumer-1", "consumer-1", "consumer-2", "consumer-2"], pending.Select(p => p.Items![1].Text));
        Assert.Equal([2L, 2L, 1L, 2L], pending.Select(p => p.Items![3].Integer));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Xreadgroup_after_setid_reassigns_pending_entries(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        for (var i = 1; i <= 4; i++) client.Execute("XADD", key, $"{i}-0", "f1", "v1");
        client.Execute("XGROUP", "CREATE", key, "g1", "$");
        client.Execute("XADD", key, "5-0", "f1", "v1");
        Assert.Single(ReadReply(client.Execute("XREADGROUP", "GROUP", "g1", "c1", "STREAMS", key, ">"), protocol)[key]);
        AssertOk(client.Execute("XGROUP", "SETID", key, "g1", "-"));
        Assert.Equal(5, ReadReply(client.Execute("XREADGROUP", "GROUP", "g1", "c2", "STREAMS", key, ">"), protocol)[key].Count);
        Assert.Equal(["c2"], client.Execute("XPENDING", key, "g1", "-", "+", "10").Items!.Select(p => p.Items![1].Text).Distinct());
    }

    [Fact]
    public void Xreadgroup_history_reports_deleted_entries_as_nil_bytes()
    {
        var key = NewKey("k");
        var name = $"${key.Length}\r\n{key}\r\n";
        AssertRawReply($"+OK\r\n$3\r\n1-0\r\n*1\r\n*2\r\n{name}*1\r\n*2\r\n$3\r\n1-0\r\n*2\r\n$6\r\nfield1\r\n$1\r\nA\r\n"
            + $"$3\r\n2-0\r\n*1\r\n*2\r\n{name}*1\r\n*2\r\n$3\r\n2-0\r\n*2\r\n$6\r\nfield1\r\n$1\r\nB\r\n"
            + $"*1\r\n*2\r\n{name}*2\r\n*2\r\n$3\r\n1-0\r\n*-1\r\n*2\r\n$3\r\n2-0\r\n*2\r\n$6\r\nfield1\r\n$1\r\nB\r\n",
            Command("XGROUP", "CREATE", key, "mygroup", "$", "MKSTREAM") + Command("XADD", key, "1", "field1", "A")
            + Command("XREADGROUP", "GROUP", "mygroup", "myconsumer", "STREAMS", key, ">") + Command("XADD", key, "MAXLEN", "1", "2", "field1", "B")
            + Command("XREADGROUP", "GROUP", "mygroup", "myconsumer", "STREAMS", key, ">")
            + Command("XREADGROUP", "GROUP", "mygroup", "myconsumer", "STREAMS", key, "0-1"));
        AssertRawReply($"%1\r\n{name}*2\r\n*2\r\n$3\r\n1-0\r\n_\r\n*2\r\n$3\r\n2-0\r\n*2\r\n$6\r\nfield1\r\n$1\r\nB\r\n%1\r\n{name}*0\r\n",
            Command("XREADGROUP", "GROUP", "mygroup", "myconsumer", "STREAMS", key, "0")
            + Command("XREADGROUP", "GROUP", "mygroup", "other", "STREAMS", key, "0"), protocol: 3);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Xreadgroup_with_an_explicit_id_never_blocks(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        client.Execute("XGROUP", "CREATE", key, "mygroup", "$", "MKSTREAM");
        client.Execute("XADD", key, "666", "key", "value");
        client.Execute("XDEL", key, "666");
        foreach (var id in new[] { "0", "600", "666", "700" })
        {
            Assert.Empty(ReadReply(client.Execute("XREADGROUP", "GROUP", "mygroup", "myconsumer", "BLOCK", "0", "STREAMS", key, id), protocol)[key]);
        }

        client.Execute("XADD", key, "667", "key", "value");
        Assert.Equal(["667-0 key=value"], ReadReply(client.Execute("XREADGROUP", "GROUP", "mygroup", "myconsumer", "BLOCK", "0", "STREAMS", key, ">"), protocol)[key]);
        foreach (var id in new[] { "0", "600", "666" })
        {
            Assert.Equal(["667-0 key=value"], ReadReply(client.Execute("XREADGROUP", "GROUP", "mygroup", "myconsumer", "BLOCK", "0", "STREAMS", key, id), protocol)[key]);
        }

        client.Execute("XACK", key, "mygroup", "667");
        Assert.Empty(ReadReply(client.Execute("XREADGROUP", "GROUP", "mygroup", "myconsumer", "BLOCK", "0", "STREAMS", key, "0"), protocol)[key]);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Xreadgroup_noack_advances_without_pending_entries_across_shards(int protocol)
    {
        using var client = Connect(protocol);
        var (first, second) = KeysOnDifferentShards();
        foreach (var key in new[] { first, second })
        {
            client.Execute("XADD", key, "1-0", "f", "v");
            client.Execute("XGROUP", "CREATE", key, "g", "0");
        }

        var reply = ReadReply(client.Execute("XREADGROUP", "GROUP", "g", "c", "NOACK", "STREAMS", first, second, ">", ">"), protocol);
        Assert.Equal([first, second], reply.Keys);
        AssertInteger(0, client.Execute("XPENDING", first, "g").Items![0]);
        var group = AssertMap(client.Execute("XINFO", "GROUPS", second).Items![0], protocol);
        AssertBulk("1-0", group["last-delivered-id"]);
        AssertInteger(1, group["consumers"]);
        AssertInteger(0, group["lag"]);
    }

    [Theory]
    [InlineData(2, "ERR Unbalanced 'xreadgroup' list of streams: for each stream key an ID or '>' must be specified.", "GROUP", "g", "c", "COUNT", "1", "STREAMS", "KEY")]
    [InlineData(3, "ERR Missing GROUP option for XREADGROUP", "COUNT", "1", "COUNT", "2", "STREAMS", "KEY", ">")]
    [InlineData(2, "ERR The $ ID is meaningless in the context of XREADGROUP: you want to read the history of this consumer by specifying a proper ID, or use the > ID to get new messages. The $ ID would just return an empty result set.", "GROUP", "g", "c", "STREAMS", "KEY", "$")]
    [InlineData(3, "ERR syntax error", "GROUP", "g", "c", "FOO", "STREAMS", "KEY", ">")]
    [InlineData(2, "NOGROUP No such key 'KEY' or consumer group 'nog' in XREADGROUP with GROUP option", "GROUP", "nog", "c", "STREAMS", "KEY", ">")]
    [InlineData(3, "ERR Invalid stream ID specified as stream command argument", "GROUP", "g", "c", "STREAMS", "KEY", "+")]
    public void Xreadgroup_argument_errors_match_redis(int protocol, string error, params string[] rest)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        client.Execute("XGROUP", "CREATE", key, "g", "$", "MKSTREAM");
        AssertError(error.Replace("KEY", key), client.Execute(["XREADGROUP", .. rest.Select(r => r == "KEY" ? key : r)]));
        var missing = NewKey();
        AssertError($"NOGROUP No such key '{missing}' or consumer group 'g' in XREADGROUP with GROUP option",
            client.Execute("XREADGROUP", "GROUP", "g", "c", "STREAMS", missing, ">"));
    }

    // ---- XPENDING / XACK ----------------------------------------------------------------------------------------------

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Xpending_summarizes_and_lists_the_pending_entries(int protocol)
    {
        using var client = Connect(protocol);
        var key = GroupWithPending(client, out _);
        var summary = client.Execute("XPENDING", key, "mygroup").Items!;
        AssertInteger(4, summary[0]);
        AssertBulk("1-0", summary[1]);
        AssertBulk("4-0", summary[2]);
        Assert.Equal(["consumer-1 2", "consumer-2 2"], summary[3].Items!.Select(c => c.Items![0].Text + " " + c.Items[1].Text));

        Assert.Equal(2, client.Execute("XPENDING", key, "mygroup", "-", "+", "10", "consumer-1").Items!.Count);
        Assert.Empty(client.Execute("XPENDING", key, "mygroup", "-", "+", "10", "nobody").Items!);
        Assert.Equal(["2-0", "3-0"], client.Execute("XPENDING", key, "mygroup", "(1-0", "(4-0", "10").Items!.Select(p => p.Items![0].Text));
        Assert.Equal(["1-0"], client.Execute("XPENDING", key, "mygroup", "-", "+", "1").Items!.Select(p => p.Items![0].Text));
        Assert.Empty(client.Execute("XPENDING", key, "mygroup", "-", "+", "0").Items!);

        Thread.Sleep(20);
        Assert.Empty(client.Execute("XPENDING", key, "mygroup", "IDLE", "99999999", "-", "+", "10").Items!);
        Assert.Equal(2, client.Execute("XPENDING", key, "mygroup", "IDLE", "1", "-", "+", "10", "consumer-1").Items!.Count);
        var detail = client.Execute("XPENDING", key, "mygroup", "IDLE", "1", "-", "+", "10").Items!;
        Assert.Equal(4, detail.Count);
        Assert.All(detail, p => Assert.True(p.Items![2].Integer >= 1 && p.Items[3].Integer == 1, p.ToString()));
    }

    [Fact]
    public void Xpending_of_an_empty_group_is_zero_and_nulls_bytes()
    {
        var key = NewKey();
        AssertRawReply("+OK\r\n*4\r\n:0\r\n$-1\r\n$-1\r\n*-1\r\n", Command("XGROUP", "CREATE", key, "g", "$", "MKSTREAM") + Command("XPENDING", key, "g"));
        AssertRawReply("*4\r\n:0\r\n_\r\n_\r\n_\r\n", Command("XPENDING", key, "g"), protocol: 3);
    }

    [Theory]
    [InlineData(2, "ERR syntax error", "-", "+")]
    [InlineData(3, "ERR syntax error", "IDLE", "5", "-", "+")]
    [InlineData(2, "ERR value is not an integer or out of range", "-", "+", "x")]
    [InlineData(3, "ERR value is not an integer or out of range", "IDLE", "x", "-", "+", "10")]
    [InlineData(2, "ERR Invalid stream ID specified as stream command argument", "bad", "+", "10")]
    [InlineData(3, "ERR invalid start ID for the interval", "(18446744073709551615-18446744073709551615", "+", "10")]
    public void Xpending_argument_errors_match_redis(int protocol, string error, params string[] rest)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        client.Execute("XGROUP", "CREATE", key, "g", "$", "MKSTREAM");
        AssertError(error, client.Execute(["XPENDING", key, "g", .. rest]));
        AssertError($"NOGROUP No such key '{key}' or consumer group 'nog'", client.Execute("XPENDING", key, "nog"));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Xack_removes_from_both_pending_lists_all_or_nothing(int protocol)
    {
        using var client = Connect(protocol);
        var key = GroupWithPending(client, out _);
        AssertInteger(1, client.Execute("XACK", key, "mygroup", "1-0"));
        AssertInteger(0, client.Execute("XACK", key, "mygroup", "1-0"));
        Assert.Equal(["2-0"], client.Execute("XPENDING", key, "mygroup", "-", "+", "10", "consumer-1").Items!.Select(p => p.Items![0].Text));
        AssertError("ERR Invalid stream ID specified as stream command argument", client.Execute("XACK", key, "mygroup", "2-0", "invalid-id"));
        AssertInteger(2, client.Execute("XACK", key, "mygroup", "1-0", "2-0", "3-0"));
        AssertInteger(1, client.Execute("XPENDING", key, "mygroup").Items![0]);
        AssertInteger(0, client.Execute("XACK", key, "nog", "4-0"));
        AssertInteger(0, client.Execute("XACK", NewKey(), "mygroup", "bad"));
    }

    // ---- XCLAIM / XAUTOCLAIM ------------------------------------------------------------------------------------------

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Xclaim_moves_entries_counts_deliveries_and_drops_deleted_ones(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        foreach (var id in new[] { "1-0", "2-0", "3-0" }) client.Execute("XADD", key, id, "f", "v" + id[0]);
        client.Execute("XGROUP", "CREATE", key, "grp", "0");
        client.Execute("XREADGROUP", "GROUP", "grp", "Alice", "STREAMS", key, ">");
        Thread.Sleep(20);
        Assert.Empty(client.Execute("XCLAIM", key, "grp", "Bob", "100000", "1-0").Items!);
        Assert.Equal(["1-0 f=v1"], Entries(client.Execute("XCLAIM", key, "grp", "Bob", "10", "1-0")));
        var pending = client.Execute("XPENDING", key, "grp", "-", "+", "10").Items!;
        Assert.Equal("Bob", pending[0].Items![1].Text);
        AssertInteger(2, pending[0].Items![3]);

        AssertTexts(["1-0"], client.Execute("XCLAIM", key, "grp", "Carol", "0", "1-0", "JUSTID"));
        AssertInteger(2, client.Execute("XPENDING", key, "grp", "-", "+", "10").Items![0].Items![3]);
        Assert.Single(client.Execute("XCLAIM", key, "grp", "Carol", "0", "1-0").Items!);

        client.Execute("XDEL", key, "2-0");
        Assert.Equal(["3-0 f=v3"], Entries(client.Execute("XCLAIM", key, "grp", "Bob", "0", "2-0", "3-0", "RETRYCOUNT", "7")));
        Assert.Equal(["1-0 Carol", "3-0 Bob"], client.Execute("XPENDING", key, "grp", "-", "+", "10").Items!.Select(p => p.Items![0].Text + " " + p.Items![1].Text));
        AssertInteger(7, client.Execute("XPENDING", key, "grp", "-", "+", "10", "Bob").Items![0].Items![3]);
        Assert.Empty(client.Execute("XPENDING", key, "grp", "-", "+", "10", "Alice").Items!);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Xclaim_force_lastid_and_idle_options(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        client.Execute("XADD", key, "1-0", "f", "v");
        client.Execute("XADD", key, "2-0", "f", "v");
        client.Execute("XGROUP", "CREATE", key, "g", "$");
        Assert.Empty(client.Execute("XCLAIM", key, "g", "c", "0", "1-0").Items!);
        AssertTexts(["1-0"], client.Execute("XCLAIM", key, "g", "c", "0", "1-0", "9-0", "FORCE", "JUSTID", "IDLE", "5000", "LASTID", "5-0"));
        var pending = client.Execute("XPENDING", key, "g", "-", "+", "10").Items!;
        Assert.Single(pending);
        Assert.True(pending[0].Items![2].Integer >= 5000, pending[0].ToString());
        AssertInteger(1, pending[0].Items![3]);
        AssertBulk("5-0", AssertMap(client.Execute("XINFO", "GROUPS", key).Items![0], protocol)["last-delivered-id"]);
    }

    [Theory]
    [InlineData(2, "ERR Invalid min-idle-time argument for XCLAIM", "x", "1-0")]
    [InlineData(3, "ERR Unrecognized XCLAIM option 'FOO'", "0", "1-0", "FOO")]
    [InlineData(2, "ERR Invalid IDLE option argument for XCLAIM", "0", "1-0", "IDLE", "x")]
    [InlineData(3, "ERR Invalid TIME option argument for XCLAIM", "0", "1-0", "TIME", "x")]
    [InlineData(2, "ERR Invalid RETRYCOUNT option argument for XCLAIM", "0", "1-0", "RETRYCOUNT", "x")]
    [InlineData(3, "ERR Invalid stream ID specified as stream command argument", "0", "1-0", "LASTID", "x")]
    public void Xclaim_argument_errors_match_redis(int protocol, string error, params string[] rest)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        client.Execute("XGROUP", "CREATE", key, "g", "$", "MKSTREAM");
        AssertError(error, client.Execute(["XCLAIM", key, "g", "c", .. rest]));
        AssertError($"NOGROUP No such key '{key}' or consumer group 'nog'", client.Execute(["XCLAIM", key, "nog", "c", .. rest]));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Xautoclaim_iterates_the_pel_with_a_cursor(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        for (var i = 1; i <= 5; i++) client.Execute("XADD", key, $"{i}-0", "f", $"{i}");
        client.Execute("XGROUP", "CREATE", key, "mygroup", "0");
        client.Execute("XREADGROUP", "GROUP", "mygroup", "consumer1", "COUNT", "90", "STREAMS", key, ">");
        Thread.Sleep(20);

        var reply = client.Execute("XAUTOCLAIM", key, "mygroup", "consumer2", "10", "-", "COUNT", "2").Items!;
        AssertBulk("3-0", reply[0]);
        Assert.Equal(["1-0 f=1", "2-0 f=2"], Entries(reply[1]));
        Assert.Empty(reply[2].Items!);
        reply = client.Execute("XAUTOCLAIM", key, "mygroup", "consumer2", "10", "3-0", "COUNT", "2").Items!;
        AssertBulk("5-0", reply[0]);
        reply = client.Execute("XAUTOCLAIM", key, "mygroup", "consumer2", "10", "5-0", "JUSTID").Items!;
        AssertBulk("0-0", reply[0]);
        AssertTexts(["5-0"], reply[1]);
        Assert.Empty(client.Execute("XAUTOCLAIM", key, "mygroup", "consumer3", "100000", "-").Items![1].Items!);
    }

    [Fact]
    public void Xautoclaim_reports_deleted_entries_third_bytes()
    {
        var key = NewKey();
        var setup = Command("XADD", key, "1-0", "f", "v") + Command("XADD", key, "2-0", "f", "v") + Command("XADD", key, "3-0", "f", "v")
            + Command("XGROUP", "CREATE", key, "grp", "0") + Command("XREADGROUP", "GROUP", "grp", "Alice", "STREAMS", key, ">")
            + Command("XDEL", key, "1-0") + Command("XDEL", key, "2-0");
        var expected = "$3\r\n1-0\r\n$3\r\n2-0\r\n$3\r\n3-0\r\n+OK\r\n";
        var entries = "*3\r\n*2\r\n$3\r\n1-0\r\n*2\r\n$1\r\nf\r\n$1\r\nv\r\n*2\r\n$3\r\n2-0\r\n*2\r\n$1\r\nf\r\n$1\r\nv\r\n*2\r\n$3\r\n3-0\r\n*2\r\n$1\r\nf\r\n$1\r\nv\r\n";
        var name = $"${key.Length}\r\n{key}\r\n";
        expected += $"*1\r\n*2\r\n{name}{entries}:1\r\n:1\r\n";
        expected += "*3\r\n$3\r\n2-0\r\n*0\r\n*1\r\n$3\r\n1-0\r\n";
        expected += "*3\r\n$3\r\n3-0\r\n*0\r\n*1\r\n$3\r\n2-0\r\n";
        expected += "*3\r\n$3\r\n0-0\r\n*1\r\n*2\r\n$3\r\n3-0\r\n*2\r\n$1\r\nf\r\n$1\r\nv\r\n*0\r\n";
        expected += "*0\r\n";
        AssertRawReply(expected, setup + Command("XAUTOCLAIM", key, "grp", "Bob", "0", "0-0", "COUNT", "1")
            + Command("XAUTOCLAIM", key, "grp", "Bob", "0", "2-0", "COUNT", "1") + Command("XAUTOCLAIM", key, "grp", "Bob", "0", "3-0", "COUNT", "1")
            + Command("XPENDING", key, "grp", "-", "+", "10", "Alice"));
    }

    [Theory]
    [InlineData(2, "ERR COUNT must be > 0", "0", "-", "COUNT", "0")]
    [InlineData(3, "ERR COUNT must be > 0", "0", "-", "COUNT", "8070450532247928833")]
    [InlineData(2, "ERR COUNT must be > 0", "0", "-", "COUNT", "x")]
    [InlineData(3, "ERR Invalid min-idle-time argument for XAUTOCLAIM", "x", "-")]
    [InlineData(2, "ERR syntax error", "0", "-", "FOO")]
    [InlineData(3, "ERR Invalid stream ID specified as stream command argument", "0", "bad")]
    public void Xautoclaim_argument_errors_match_redis(int protocol, string error, params string[] rest)
    {
        using var client = Connect(protocol);
        AssertError(error, client.Execute(["XAUTOCLAIM", NewKey(), "g", "c", .. rest]));
    }

    // ---- Read counter and lag ------------------------------------------------------------------------------------------

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Group_read_counter_and_lag_follow_reads_and_additions(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        for (var i = 1; i <= 5; i++) client.Execute("XADD", key, $"{i}-0", "data", $"{i}");
        client.Execute("XGROUP", "CREATE", key, "g1", "0");
        AssertCounters(client, key, protocol, null, 5);
        client.Execute("XREADGROUP", "GROUP", "g1", "c11", "COUNT", "1", "STREAMS", key, ">");
        AssertCounters(client, key, protocol, 1, 4);
        client.Execute("XREADGROUP", "GROUP", "g1", "c12", "COUNT", "10", "STREAMS", key, ">");
        AssertCounters(client, key, protocol, 5, 0);
        client.Execute("XADD", key, "6-0", "data", "f");
        AssertCounters(client, key, protocol, 5, 1);
        // Redis 7.2 counts from entries-added even when everything was trimmed away.
        client.Execute("XTRIM", key, "MAXLEN", "0");
        AssertCounters(client, key, protocol, 5, 1);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Group_lag_is_unknown_while_a_deleted_entry_lies_ahead(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        client.Execute("XGROUP", "CREATE", key, "g1", "$", "MKSTREAM");
        client.Execute("XADD", key, "1-0", "data", "a");
        client.Execute("XREADGROUP", "GROUP", "g1", "alice", "STREAMS", key, ">");
        client.Execute("XADD", key, "2-0", "data", "c");
        client.Execute("XADD", key, "3-0", "data", "d");
        client.Execute("XDEL", key, "2-0");
        AssertCounters(client, key, protocol, 1, null);
        // Once the tombstone is before the first entry it no longer counts, and the counter (not knowing 2-0 was
        // never read) goes on from 1: Redis 7.2's arithmetic.
        client.Execute("XDEL", key, "1-0");
        AssertCounters(client, key, protocol, 1, 2);
        client.Execute("XREADGROUP", "GROUP", "g1", "alice", "STREAMS", key, ">");
        AssertCounters(client, key, protocol, 2, 1);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Errors_quote_arguments_up_to_their_first_nul_byte(int protocol)
    {
        // Redis formats these with %s, so a quoted argument stops at its first NUL (found by tests/fuzz).
        var key = NewKey();
        AssertRawReply("-NOGROUP No such key 'k' or consumer group 'g'\r\n", Command("XPENDING", "k\0x", "g\0y"), protocol);
        AssertRawReply("-NOGROUP No such key 'k' or consumer group 'g'\r\n", Command("XAUTOCLAIM", "k\0x", "g\0y", "c", "0", "0"), protocol);
        AssertRawReply("+OK\r\n-NOGROUP No such consumer group 'n' for key name '" + key + "'\r\n",
            Command("XGROUP", "CREATE", key, "g", "$", "MKSTREAM") + Command("XGROUP", "CREATECONSUMER", key, "n\0g", "c"), protocol);
        AssertRawReply("-NOGROUP No such consumer group 'n' for key name '" + key + "'\r\n", Command("XINFO", "CONSUMERS", key, "n\0g"), protocol);
        AssertRawReply("-NOGROUP No such key '" + key + "' or consumer group 'g' in XREADGROUP with GROUP option\r\n",
            Command("XREADGROUP", "GROUP", "g\0z", "c", "STREAMS", key, ">"), protocol);
        AssertRawReply("$3\r\n1-1\r\n-ERR Unrecognized XCLAIM option 'a'\r\n",
            Command("XADD", key, "1-1", "f", "v") + Command("XCLAIM", key, "g", "c", "0", "1-1", "a\0bc"), protocol);
        // The same for errors the session and other commands quote.
        AssertRawReply("-ERR unknown subcommand 'a'. Try XGROUP HELP.\r\n", Command("XGROUP", "a\0b"), protocol);
        AssertRawReply("-ERR Unsupported option x\r\n", Command("EXPIRE", key, "10", "x\0y"), protocol);
    }

    private void AssertCounters(RespClient client, string key, int protocol, long? entriesRead, long? lag)
    {
        var group = AssertMap(client.Execute("XINFO", "GROUPS", key).Items![0], protocol);
        if (entriesRead is null) AssertNull(group["entries-read"]);
        else AssertInteger(entriesRead.Value, group["entries-read"]);
        if (lag is null) AssertNull(group["lag"]);
        else AssertInteger(lag.Value, group["lag"]);
    }

    /// <summary>Entries 1-0..4-0 read by consumer-1 (1-0, 2-0) and consumer-2 (3-0, 4-0) of "mygroup".</summary>
    private string GroupWithPending(RespClient client, out string key)
    {
        key = NewKey();
        client.Execute("XGROUP", "CREATE", key, "mygroup", "$", "MKSTREAM");
        for (var i = 1; i <= 4; i++) client.Execute("XADD", key, $"{i}-0", "f", $"{i}");
        client.Execute("XREADGROUP", "GROUP", "mygroup", "consumer-1", "COUNT", "2", "STREAMS", key, ">");
        client.Execute("XREADGROUP", "GROUP", "mygroup", "consumer-2", "STREAMS", key, ">");
        return key;
    }
}
