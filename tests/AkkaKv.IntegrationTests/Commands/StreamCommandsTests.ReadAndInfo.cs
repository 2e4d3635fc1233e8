using System.Diagnostics;
using AkkaKv.Protocol;

namespace AkkaKv.IntegrationTests.Commands;

/// <summary>XREAD, XINFO, the generic key commands on streams, and the helpers the stream tests share.</summary>
public sealed partial class StreamCommandsTests
{
    // ---- XREAD ----------------------------------------------------------------------------------------------------------

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Xread_serves_the_streams_with_newer_entries_across_shards(int protocol)
    {
        using var client = Connect(protocol);
        var (first, second) = KeysOnDifferentShards();
        var missing = NewKey();
        client.Execute("XADD", first, "1-0", "a", "1");
        client.Execute("XADD", first, "2-0", "a", "2");
        client.Execute("XADD", second, "5-0", "b", "5");

        var reply = ReadReply(client.Execute("XREAD", "COUNT", "1", "STREAMS", missing, first, second, "0", "0", "4"), protocol);
        Assert.Equal([first, second], reply.Keys);
        Assert.Equal(["1-0 a=1"], reply[first]);
        Assert.Equal(["5-0 b=5"], reply[second]);

        reply = ReadReply(client.Execute("XREAD", "STREAMS", first, second, "1-0", "5-0"), protocol);
        Assert.Equal([first], reply.Keys);
        Assert.Equal(["2-0 a=2"], reply[first]);

        AssertNull(client.Execute("XREAD", "STREAMS", first, second, "$", "$"));
        AssertNull(client.Execute("XREAD", "STREAMS", missing, "0"));
    }

    [Fact]
    public void Xread_is_an_array_of_pairs_in_resp2_and_a_map_in_resp3_bytes()
    {
        var key = NewKey("k");
        var setup = Command("XADD", key, "1-1", "a", "1", "b", "2");
        var entry = $"*1\r\n*2\r\n$3\r\n1-1\r\n*4\r\n$1\r\na\r\n$1\r\n1\r\n$1\r\nb\r\n$1\r\n2\r\n";
        var name = $"${key.Length}\r\n{key}\r\n";
        AssertRawReply($"$3\r\n1-1\r\n*1\r\n*2\r\n{name}{entry}*-1\r\n", setup + Command("XREAD", "STREAMS", key, "0") + Command("XREAD", "STREAMS", key, "$"));
        AssertRawReply($"%1\r\n{name}{entry}_\r\n", Command("XREAD", "STREAMS", key, "0") + Command("XREAD", "STREAMS", key, "+1-1"), protocol: 3);
    }

    [Theory]
    [InlineData(2, "ERR Unbalanced 'xread' list of streams: for each stream key an ID or '$' must be specified.", "STREAMS", "a", "b", "0")]
    [InlineData(3, "ERR syntax error", "COUNT", "1", "BLOCK", "0")]
    [InlineData(2, "ERR syntax error", "FOO", "STREAMS", "a", "0")]
    [InlineData(3, "ERR The GROUP option is only supported by XREADGROUP. You called XREAD instead.", "GROUP", "g", "c", "STREAMS", "a", "0")]
    [InlineData(2, "ERR The NOACK option is only supported by XREADGROUP. You called XREAD instead.", "NOACK", "STREAMS", "a", "0")]
    [InlineData(3, "ERR The > ID can be specified only when calling XREADGROUP using the GROUP <group> <consumer> option.", "STREAMS", "a", ">")]
    [InlineData(2, "ERR Invalid stream ID specified as stream command argument", "STREAMS", "a", "+")]
    [InlineData(3, "ERR Invalid stream ID specified as stream command argument", "STREAMS", "a", "-")]
    [InlineData(2, "ERR value is not an integer or out of range", "COUNT", "x", "STREAMS", "a", "0")]
    [InlineData(3, "ERR timeout is not an integer or out of range", "BLOCK", "1.5", "STREAMS", "a", "0")]
    [InlineData(2, "ERR timeout is negative", "BLOCK", "-1", "STREAMS", "a", "0")]
    public void Xread_argument_errors_match_redis(int protocol, string error, params string[] rest)
    {
        using var client = Connect(protocol);
        AssertError(error, client.Execute(["XREAD", .. rest]));
    }

    [Fact]
    public void Xread_with_block_serves_at_once_what_is_there()
    {
        using var client = Connect();
        var key = NewKey();
        client.Execute("XADD", key, "1-1", "f", "v");
        client.Execute("XADD", key, "1-18446744073709551615", "f", "v");
        client.Execute("XADD", key, "2-1", "f", "v");
        var reply = ReadReply(client.Execute("XREAD", "BLOCK", "0", "STREAMS", key, "1-18446744073709551615"), 2);
        Assert.Equal(["2-1 f=v"], reply[key]);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Xread_with_block_answers_nil_when_nothing_arrives(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        client.Execute("XADD", key, "1-0", "f", "v");
        var clock = Stopwatch.StartNew();
        AssertNull(client.Execute("XREAD", "BLOCK", "100", "STREAMS", key, "$"));
        Assert.True(clock.ElapsedMilliseconds < 5000, $"took {clock.ElapsedMilliseconds} ms");
    }

    [Fact]
    public void Command_getkeys_finds_the_streams_after_the_options()
    {
        using var client = Connect();
        AssertTexts(["a", "b"], client.Execute("COMMAND", "GETKEYS", "XREAD", "COUNT", "2", "BLOCK", "0", "STREAMS", "a", "b", "0", "$"));
        AssertTexts(["k"], client.Execute("COMMAND", "GETKEYS", "XREADGROUP", "GROUP", "streams", "STREAMS", "NOACK", "STREAMS", "k", ">"));
        AssertTexts(["s"], client.Execute("COMMAND", "GETKEYS", "XADD", "s", "*", "f", "v"));
        AssertTexts(["s"], client.Execute("COMMAND", "GETKEYS", "XINFO", "STREAM", "s"));
    }

    // ---- XINFO --------------------------------------------------------------------------------------------------------

    [Fact]
    public void Xinfo_stream_reports_the_counters_and_edge_entries_bytes()
    {
        var key = NewKey();
        const string Entry = "*2\r\n$3\r\n1-1\r\n*4\r\n$1\r\na\r\n$1\r\n1\r\n$1\r\nb\r\n$1\r\n2\r\n";
        const string Counters = "$6\r\nlength\r\n:1\r\n$15\r\nradix-tree-keys\r\n:1\r\n$16\r\nradix-tree-nodes\r\n:2\r\n"
            + "$17\r\nlast-generated-id\r\n$3\r\n2-1\r\n$20\r\nmax-deleted-entry-id\r\n$3\r\n2-1\r\n$13\r\nentries-added\r\n:2\r\n"
            + "$23\r\nrecorded-first-entry-id\r\n$3\r\n1-1\r\n";
        var setup = Command("XADD", key, "1-1", "a", "1", "b", "2") + Command("XADD", key, "2-1", "a", "3", "c", "4") + Command("XDEL", key, "2-1");
        AssertRawReply("$3\r\n1-1\r\n$3\r\n2-1\r\n:1\r\n*20\r\n" + Counters + "$6\r\ngroups\r\n:0\r\n$11\r\nfirst-entry\r\n" + Entry + "$10\r\nlast-entry\r\n" + Entry,
            setup + Command("XINFO", "STREAM", key));
        AssertRawReply("%10\r\n" + Counters + "$6\r\ngroups\r\n:0\r\n$11\r\nfirst-entry\r\n" + Entry + "$10\r\nlast-entry\r\n" + Entry,
            Command("XINFO", "STREAM", key), protocol: 3);
        AssertRawReply("+OK\r\n*18\r\n" + Counters + "$7\r\nentries\r\n*1\r\n" + Entry + "$6\r\ngroups\r\n*1\r\n*14\r\n$4\r\nname\r\n$1\r\ng\r\n"
            + "$17\r\nlast-delivered-id\r\n$3\r\n0-0\r\n$12\r\nentries-read\r\n$-1\r\n$3\r\nlag\r\n$-1\r\n$9\r\npel-count\r\n:0\r\n"
            + "$7\r\npending\r\n*0\r\n$9\r\nconsumers\r\n*0\r\n",
            Command("XGROUP", "CREATE", key, "g", "0") + Command("XINFO", "STREAM", key, "FULL"));
    }

    [Fact]
    public void Xinfo_stream_of_an_empty_stream_has_null_edge_entries_bytes()
    {
        var key = NewKey();
        AssertRawReply("+OK\r\n%10\r\n$6\r\nlength\r\n:0\r\n$15\r\nradix-tree-keys\r\n:0\r\n$16\r\nradix-tree-nodes\r\n:1\r\n"
            + "$17\r\nlast-generated-id\r\n$3\r\n0-0\r\n$20\r\nmax-deleted-entry-id\r\n$3\r\n0-0\r\n$13\r\nentries-added\r\n:0\r\n"
            + "$23\r\nrecorded-first-entry-id\r\n$3\r\n0-0\r\n$6\r\ngroups\r\n:1\r\n$11\r\nfirst-entry\r\n_\r\n$10\r\nlast-entry\r\n_\r\n",
            Command("XGROUP", "CREATE", key, "g", "$", "MKSTREAM") + Command("XINFO", "STREAM", key), protocol: 3);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Xinfo_stream_full_lists_entries_groups_and_consumers(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        foreach (var (id, field) in new[] { ("100", "a"), ("101", "b"), ("102", "c"), ("103", "e"), ("104", "f") }) client.Execute("XADD", key, id, field, "1");
        client.Execute("XGROUP", "CREATE", key, "g1", "0");
        client.Execute("XGROUP", "CREATE", key, "g2", "0");
        client.Execute("XREADGROUP", "GROUP", "g1", "Alice", "COUNT", "1", "STREAMS", key, ">");
        client.Execute("XREADGROUP", "GROUP", "g1", "Bob", "COUNT", "1", "STREAMS", key, ">");
        client.Execute("XREADGROUP", "GROUP", "g1", "Bob", "NOACK", "COUNT", "1", "STREAMS", key, ">");
        client.Execute("XREADGROUP", "GROUP", "g2", "Charlie", "COUNT", "4", "STREAMS", key, ">");
        client.Execute("XDEL", key, "103");

        var full = AssertMap(client.Execute("XINFO", "STREAM", key, "FULL"), protocol);
        Assert.Equal(9, full.Count);
        AssertInteger(4, full["length"]);
        Assert.Equal(["100-0 a=1", "101-0 b=1", "102-0 c=1", "104-0 f=1"], Entries(full["entries"]));
        var groups = full["groups"].Items!;
        var g1 = AssertMap(groups[0], protocol);
        AssertBulk("g1", g1["name"]);
        AssertBulk("102-0", g1["last-delivered-id"]);
        AssertInteger(3, g1["entries-read"]);
        AssertNull(g1["lag"]);
        AssertInteger(2, g1["pel-count"]);
        Assert.Equal("100-0", g1["pending"].Items![0].Items![0].Text);
        var alice = AssertMap(g1["consumers"].Items![0], protocol);
        Assert.Equal(["name", "seen-time", "active-time", "pel-count", "pending"], alice.Keys);
        AssertBulk("Alice", alice["name"]);
        Assert.Equal("100-0", alice["pending"].Items![0].Items![0].Text);
        var charlie = AssertMap(AssertMap(groups[1], protocol)["consumers"].Items![0], protocol);
        Assert.Equal(["100-0", "101-0", "102-0", "103-0"], charlie["pending"].Items!.Select(p => p.Items![0].Text));

        var limited = AssertMap(client.Execute("XINFO", "STREAM", key, "FULL", "COUNT", "1"), protocol);
        Assert.Equal(["100-0 a=1"], Entries(limited["entries"]));
        var limitedCharlie = AssertMap(AssertMap(limited["groups"].Items![1], protocol)["consumers"].Items![0], protocol);
        Assert.Single(limitedCharlie["pending"].Items!);
        AssertInteger(4, limitedCharlie["pel-count"]);
        Assert.Equal(4, Entries(AssertMap(client.Execute("XINFO", "STREAM", key, "FULL", "COUNT", "0"), protocol)["entries"]).Count);
    }

    [Theory]
    [InlineData(2, "ERR unknown subcommand or wrong number of arguments for 'stream'. Try XINFO HELP.", "stream", "FULL", "x")]
    [InlineData(3, "ERR unknown subcommand or wrong number of arguments for 'STREAM'. Try XINFO HELP.", "STREAM", "BAR")]
    [InlineData(2, "ERR unknown subcommand or wrong number of arguments for 'STREAM'. Try XINFO HELP.", "STREAM", "FULL", "COUNT")]
    [InlineData(3, "ERR value is not an integer or out of range", "STREAM", "FULL", "COUNT", "x")]
    public void Xinfo_stream_option_errors_match_redis(int protocol, string error, string subcommand, params string[] options)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        client.Execute("XADD", key, "1-0", "f", "v");
        AssertError(error, client.Execute(["XINFO", subcommand, key, .. options]));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Xinfo_needs_an_existing_stream(int protocol)
    {
        using var client = Connect(protocol);
        AssertError("ERR no such key", client.Execute("XINFO", "STREAM", NewKey()));
        AssertError("ERR no such key", client.Execute("XINFO", "GROUPS", NewKey()));
        AssertError("ERR no such key", client.Execute("XINFO", "CONSUMERS", NewKey(), "g"));
        AssertError("ERR wrong number of arguments for 'xinfo|groups' command", client.Execute("XINFO", "GROUPS", NewKey(), "extra"));
        AssertError("ERR unknown subcommand 'foo'. Try XINFO HELP.", client.Execute("XINFO", "foo", NewKey()));
        var help = Texts(client.Execute("XINFO", "HELP"));
        Assert.Equal("XINFO <subcommand> [<arg> [value] [opt] ...]. Subcommands are:", help[0]);
        Assert.Contains("STREAM <key> [FULL [COUNT <count>]", help);
    }

    // ---- The key as a whole -------------------------------------------------------------------------------------------

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Stream_commands_on_another_type_are_wrongtype(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        client.Execute("SET", key, "v");
        const string WrongType = "WRONGTYPE Operation against a key holding the wrong kind of value";
        string[][] commands =
        [
            ["XADD", key, "*", "f", "v"], ["XLEN", key], ["XRANGE", key, "-", "+"], ["XREVRANGE", key, "+", "-"], ["XDEL", key, "1"],
            ["XTRIM", key, "MAXLEN", "0"], ["XREAD", "STREAMS", key, "0"], ["XREADGROUP", "GROUP", "g", "c", "STREAMS", key, ">"],
            ["XSETID", key, "1-1"], ["XACK", key, "g", "1"], ["XPENDING", key, "g"], ["XCLAIM", key, "g", "c", "0", "1"],
            ["XAUTOCLAIM", key, "g", "c", "0", "0"], ["XINFO", "STREAM", key], ["XINFO", "GROUPS", key], ["XINFO", "CONSUMERS", key, "g"],
            ["XGROUP", "CREATE", key, "g", "$"], ["XGROUP", "DESTROY", key, "g"],
        ];
        foreach (var command in commands) AssertError(WrongType, client.Execute(command));
        AssertBulk("v", client.Execute("GET", key));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void A_stream_has_its_type_encoding_and_redis_digest(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        client.Execute("XADD", key, "1-1", "a", "1", "b", "2");
        client.Execute("XADD", key, "2-0", "a", "3", "c", "4");
        client.Execute("XADD", key, "3-5", "a", "5", "b", "6");
        AssertSimple("stream", client.Execute("TYPE", key));
        AssertBulk("stream", client.Execute("OBJECT", "ENCODING", key));
        AssertTexts(["f668bb98b06c9fe1af6a585553567beb04acc908"], client.Execute("DEBUG", "DIGEST-VALUE", key));
        client.Execute("XDEL", key, "2-0");
        AssertTexts(["2c0b726042dacb47db28699367db4bd7498b4944"], client.Execute("DEBUG", "DIGEST-VALUE", key));
        var found = new List<string?>();
        var cursor = "0";
        for (var round = 0; round < 100; round++)
        {
            var page = client.Execute("SCAN", cursor, "MATCH", key, "TYPE", "stream", "COUNT", "1000").Items!;
            found.AddRange(Texts(page[1]));
            cursor = page[0].Text!;
            if (cursor == "0") break;
        }

        Assert.Equal([key], found);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Copy_of_a_stream_is_independent_of_the_original(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey("{copy}");
        var copy = NewKey("{copy}");
        client.Execute("XADD", key, "1-0", "f", "v");
        client.Execute("XGROUP", "CREATE", key, "g", "0");
        client.Execute("XREADGROUP", "GROUP", "g", "c", "STREAMS", key, ">");
        AssertInteger(1, client.Execute("COPY", key, copy));
        client.Execute("XADD", key, "2-0", "f", "v");
        client.Execute("XACK", key, "g", "1-0");

        Assert.Equal(["1-0"], Ids(client.Execute("XRANGE", copy, "-", "+")));
        AssertInteger(1, client.Execute("XPENDING", copy, "g").Items![0]);
        AssertInteger(0, client.Execute("XPENDING", key, "g").Items![0]);
    }

    // ---- Helpers ------------------------------------------------------------------------------------------------------

    /// <summary>Runs <paramref name="body"/> with stream-node-max-entries set to <paramref name="entries"/>, then restores 100.</summary>
    private static void WithNodeSize(RespClient client, int entries, Action body)
    {
        AssertOk(client.Execute("CONFIG", "SET", "stream-node-max-entries", entries.ToString()));
        try
        {
            body();
        }
        finally
        {
            client.Execute("CONFIG", "SET", "stream-node-max-entries", "100");
        }
    }

    /// <summary>Entries of an XRANGE-shaped reply as "id field=value ...".</summary>
    private static List<string> Entries(RespValue reply)
    {
        Assert.True(reply.Type == RespType.Array, $"expected an array of entries, got {reply}");
        return reply.Items!.Select(Entry).ToList();
    }

    private static string Entry(RespValue entry)
    {
        var parts = entry.Items!;
        if (parts[1].IsNull) return parts[0].Text + " nil";
        var fields = parts[1].Items!;
        var text = new System.Text.StringBuilder(parts[0].Text);
        for (var i = 0; i < fields.Count; i += 2) text.Append(' ').Append(fields[i].Text).Append('=').Append(fields[i + 1].Text);
        return text.ToString();
    }

    private static List<string> Ids(RespValue reply) => Entries(reply).Select(e => e.Split(' ')[0]).ToList();

    /// <summary>An XREAD/XREADGROUP reply as stream name to entries, in reply order: [[key, entries]...] or a RESP3 map.</summary>
    private static OrderedReply ReadReply(RespValue reply, int protocol)
    {
        var result = new OrderedReply();
        if (protocol == 3)
        {
            Assert.True(reply.Type == RespType.Map, $"expected a map, got {reply}");
            for (var i = 0; i < reply.Items!.Count; i += 2) result.Add(reply.Items[i].Text!, Entries(reply.Items[i + 1]));
        }
        else
        {
            Assert.True(reply.Type == RespType.Array, $"expected an array, got {reply}");
            foreach (var pair in reply.Items!) result.Add(pair.Items![0].Text!, Entries(pair.Items[1]));
        }

        return result;
    }

    private static int CompareIds(string a, string b)
    {
        var (am, asq) = SplitId(a);
        var (bm, bsq) = SplitId(b);
        return am != bm ? am.CompareTo(bm) : asq.CompareTo(bsq);
    }

    private static (ulong Ms, ulong Seq) SplitId(string id)
    {
        var dash = id.IndexOf('-');
        return (ulong.Parse(id[..dash]), ulong.Parse(id[(dash + 1)..]));
    }

    /// <summary>Stream name to entries, remembering the reply's order.</summary>
    private sealed class OrderedReply : Dictionary<string, List<string>>
    {
        private readonly List<string> _order = [];

        public new IReadOnlyList<string> Keys => _order;

        public new void Add(string key, List<string> value)
        {
            base.Add(key, value);
            _order.Add(key);
        }
    }
}
