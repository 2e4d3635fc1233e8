using System.Text;
using AkkaKv.IntegrationTests.Infrastructure;
using AkkaKv.Protocol;

namespace AkkaKv.IntegrationTests.Commands;

/// <summary>
/// Redis's unit/type/stream (this file) and unit/type/stream-cgroups (StreamCommandsTests.ConsumerGroups.cs), under
/// RESP2 and RESP3; journal effects in StreamCommandsTests.Journal.cs. Byte-exact expectations were read from
/// redis-server with the same commands (7.0.15, plus the fields 7.2 added).
/// </summary>
public sealed partial class StreamCommandsTests(ServerFixture server) : CommandTestBase(server), IClassFixture<ServerFixture>
{
    // ---- XADD -------------------------------------------------------------------------------------------------------

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Xadd_adds_entries_that_xrange_reads_back(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        var first = client.Execute("XADD", key, "*", "item", "1", "value", "a");
        var second = client.Execute("XADD", key, "*", "item", "2", "value", "b");
        Assert.Equal(RespType.BulkString, first.Type);
        Assert.True(CompareIds(first.Text!, second.Text!) < 0, $"{first.Text} then {second.Text}");
        AssertInteger(2, client.Execute("XLEN", key));
        Assert.Equal([$"{first.Text} item=1 value=a", $"{second.Text} item=2 value=b"], Entries(client.Execute("XRANGE", key, "-", "+")));
    }

    [Fact]
    public void Xadd_replies_the_id_as_a_bulk_string_bytes()
    {
        var key = NewKey();
        AssertRawReply("$3\r\n1-1\r\n$3\r\n1-2\r\n$3\r\n2-0\r\n",
            Command("XADD", key, "1-1", "f", "v") + Command("XADD", key, "1-*", "f", "v") + Command("XADD", key, "2-*", "f", "v"));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Xadd_ids_grow_within_one_ms_and_refuse_smaller_ones(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        AssertBulk("5-0", client.Execute("XADD", key, "5-*", "f", "v"));
        AssertBulk("5-1", client.Execute("XADD", key, "5-*", "f", "v"));
        AssertBulk("6-0", client.Execute("XADD", key, "6-*", "f", "v"));
        AssertError("ERR The ID specified in XADD is equal or smaller than the target stream top item", client.Execute("XADD", key, "6-0", "f", "v"));
        AssertError("ERR The ID specified in XADD is equal or smaller than the target stream top item", client.Execute("XADD", key, "5-*", "f", "v"));
        AssertError("ERR The ID specified in XADD is equal or smaller than the target stream top item", client.Execute("XADD", key, "1", "f", "v"));
        AssertInteger(3, client.Execute("XLEN", key));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Xadd_with_id_0_0_fails_without_creating_the_key(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        AssertError("ERR The ID specified in XADD must be greater than 0-0", client.Execute("XADD", key, "0-0", "k", "v"));
        AssertInteger(0, client.Execute("EXISTS", key));
        AssertBulk("0-1", client.Execute("XADD", key, "0-*", "k", "v"));
    }

    [Theory]
    [InlineData(2, "1-x")]
    [InlineData(3, "-")]
    [InlineData(2, "+")]
    [InlineData(3, "abc")]
    [InlineData(2, "1-2-3")]
    public void Xadd_with_a_malformed_id_is_an_error(int protocol, string id)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        AssertError("ERR Invalid stream ID specified as stream command argument", client.Execute("XADD", key, id, "f", "v"));
        AssertInteger(0, client.Execute("EXISTS", key));
    }

    [Theory]
    [InlineData(2, "*", "f")]
    [InlineData(3, "*", "f", "v", "g")]
    [InlineData(2, "MAXLEN", "1", "*")]
    [InlineData(3, "NOMKSTREAM", "*", "f")]
    public void Xadd_needs_field_value_pairs(int protocol, params string[] rest)
    {
        using var client = Connect(protocol);
        AssertError("ERR wrong number of arguments for 'xadd' command", client.Execute(["XADD", NewKey(), .. rest]));
    }

    [Theory]
    [InlineData(2, "ERR syntax error, MAXLEN and MINID options at the same time are not compatible", "MAXLEN", "1", "MINID", "1", "*", "f", "v")]
    [InlineData(3, "ERR The MAXLEN argument must be >= 0.", "MAXLEN", "-1", "*", "f", "v")]
    [InlineData(2, "ERR value is not an integer or out of range", "MAXLEN", "x", "*", "f", "v")]
    [InlineData(3, "ERR value is not an integer or out of range", "MAXLEN", "~", "*", "f", "v")]
    [InlineData(2, "ERR The LIMIT argument must be >= 0.", "MAXLEN", "~", "1", "LIMIT", "-1", "*", "f", "v")]
    [InlineData(3, "ERR syntax error, LIMIT cannot be used without the special ~ option", "MAXLEN", "1", "LIMIT", "1", "*", "f", "v")]
    [InlineData(2, "ERR syntax error, LIMIT cannot be used without specifying a trimming strategy", "LIMIT", "5", "*", "f", "v")]
    [InlineData(3, "ERR syntax error, LIMIT cannot be used without the special ~ option", "LIMIT", "0", "*", "f", "v")]
    [InlineData(2, "ERR Invalid stream ID specified as stream command argument", "MINID", "+", "*", "f", "v")]
    public void Xadd_option_errors_match_redis(int protocol, string error, params string[] rest)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        AssertError(error, client.Execute(["XADD", key, .. rest]));
        AssertInteger(0, client.Execute("EXISTS", key));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Xadd_nomkstream_does_not_create_the_key(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        AssertNull(client.Execute("XADD", key, "NOMKSTREAM", "*", "f", "v"));
        AssertInteger(0, client.Execute("EXISTS", key));
        client.Execute("XADD", key, "1-0", "f", "v");
        AssertBulk("2-0", client.Execute("XADD", key, "NOMKSTREAM", "2-0", "f", "v"));
    }

    [Fact]
    public void Xadd_nomkstream_on_a_missing_key_is_a_null_bulk_bytes()
    {
        AssertRawReply("$-1\r\n", Command("XADD", NewKey(), "NOMKSTREAM", "*", "f", "v"));
        AssertRawReply("_\r\n", Command("XADD", NewKey(), "NOMKSTREAM", "*", "f", "v"), protocol: 3);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Xadd_maxlen_trims_exactly_and_approximately_by_nodes(int protocol)
    {
        using var client = Connect(protocol);
        var exact = NewKey();
        for (var i = 1; i <= 20; i++) client.Execute("XADD", exact, "MAXLEN", "5", $"{i}-0", "xitem", $"{i}");
        Assert.Equal(["16-0", "17-0", "18-0", "19-0", "20-0"], Ids(client.Execute("XRANGE", exact, "-", "+")));

        // unit/type/stream: 1000 XADDs with MAXLEN ~ 555 keep 600 entries (nodes of 100).
        var approximate = NewKey();
        for (var i = 0; i < 1000; i++) client.Execute("XADD", approximate, "MAXLEN", "~", "555", "*", "xitem", $"{i}");
        AssertInteger(600, client.Execute("XLEN", approximate));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Xadd_limit_caps_how_much_one_call_trims(int protocol)
    {
        using var client = Connect(protocol);
        WithNodeSize(client, 10, () =>
        {
            var key = NewKey();
            for (var i = 0; i < 100; i++) client.Execute("XADD", key, "*", "xitem", "v");
            client.Execute("XADD", key, "MAXLEN", "~", "55", "LIMIT", "30", "*", "xitem", "v");
            AssertInteger(71, client.Execute("XLEN", key));
            client.Execute("XADD", key, "MAXLEN", "~", "55", "LIMIT", "30", "*", "xitem", "v");
            AssertInteger(62, client.Execute("XLEN", key));
        });
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Xadd_minid_drops_older_entries(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        for (var i = 1; i <= 50; i++) client.Execute("XADD", key, "MINID", $"{Math.Max(1, i - 5)}", $"{i}", "xitem", $"{i}");
        Assert.Equal(["45-0", "46-0", "47-0", "48-0", "49-0", "50-0"], Ids(client.Execute("XRANGE", key, "-", "+")));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Xadd_maxlen_0_leaves_an_empty_stream_key(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        AssertBulk("1-0", client.Execute("XADD", key, "MAXLEN", "0", "1-0", "a", "b"));
        AssertInteger(0, client.Execute("XLEN", key));
        AssertInteger(1, client.Execute("EXISTS", key));
        AssertSimple("stream", client.Execute("TYPE", key));
        var info = AssertMap(client.Execute("XINFO", "STREAM", key), protocol);
        AssertBulk("1-0", info["last-generated-id"]);
        AssertInteger(1, info["entries-added"]);
    }

    [Fact]
    public void Xadd_after_the_largest_id_reports_an_exhausted_stream()
    {
        using var client = Connect();
        var key = NewKey();
        client.Execute("XADD", key, "18446744073709551615-18446744073709551615", "f", "v");
        AssertError("ERR The stream has exhausted the last possible ID, unable to add more items", client.Execute("XADD", key, "*", "f", "v"));
    }

    [Fact]
    public void Xadd_with_a_future_id_makes_star_continue_from_it()
    {
        using var client = Connect();
        var key = NewKey();
        client.Execute("XADD", key, "2577343934890-18446744073709551615", "f", "v");
        AssertBulk("2577343934891-0", client.Execute("XADD", key, "*", "f2", "v2"));
    }

    [Fact]
    public void Xadd_keeps_binary_fields_and_values()
    {
        using var client = Connect();
        var key = Encoding.UTF8.GetBytes(NewKey());
        byte[] field = [0, 1, (byte)'\r', (byte)'\n', 255];
        var value = new byte[70_000];
        new Random(7).NextBytes(value);
        client.Execute("XADD"u8.ToArray(), key, "1-1"u8.ToArray(), field, value, "12"u8.ToArray(), "-5"u8.ToArray());
        var entry = client.Execute("XRANGE"u8.ToArray(), key, "-"u8.ToArray(), "+"u8.ToArray()).Items![0];
        var pairs = entry.Items![1].Items!;
        Assert.Equal(field, pairs[0].Bytes);
        Assert.Equal(value, pairs[1].Bytes);
        Assert.Equal("12", pairs[2].Text);
        Assert.Equal("-5", pairs[3].Text);
    }

    // ---- XRANGE / XREVRANGE ------------------------------------------------------------------------------------------

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Xrange_and_xrevrange_cover_ids_counts_and_exclusive_bounds(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        foreach (var id in new[] { "1-0", "1-1", "2-0", "3-5", "4-0" }) client.Execute("XADD", key, id, "f", id);

        Assert.Equal(["1-0", "1-1", "2-0", "3-5", "4-0"], Ids(client.Execute("XRANGE", key, "-", "+")));
        Assert.Equal(["4-0", "3-5", "2-0", "1-1", "1-0"], Ids(client.Execute("XREVRANGE", key, "+", "-")));
        Assert.Equal(["1-0", "1-1"], Ids(client.Execute("XRANGE", key, "1", "1")));
        Assert.Equal(["1-1", "2-0", "3-5"], Ids(client.Execute("XRANGE", key, "(1-0", "(4-0")));
        // An incomplete exclusive bound excludes only the one ID it completes to: "(4" as an end is 4-(2^64-1).
        Assert.Equal(["4-0", "3-5"], Ids(client.Execute("XREVRANGE", key, "(4", "(1", "COUNT", "2")));
        Assert.Equal(["1-1", "2-0", "3-5", "4-0"], Ids(client.Execute("XRANGE", key, "(1", "(4")));
        Assert.Equal(["1-0", "1-1"], Ids(client.Execute("XRANGE", key, "-", "+", "COUNT", "2")));
        Assert.Equal(["4-0"], Ids(client.Execute("XREVRANGE", key, "+", "-", "count", "1")));
        Assert.Empty(Ids(client.Execute("XRANGE", key, "5", "+")));
        Assert.Empty(Ids(client.Execute("XRANGE", key, "3", "2")));
        Assert.Empty(Ids(client.Execute("XRANGE", NewKey(), "-", "+")));
    }

    [Fact]
    public void Xrange_replies_bytes_and_count_0_is_a_null_array()
    {
        var key = NewKey();
        AssertRawReply("$3\r\n1-1\r\n*1\r\n*2\r\n$3\r\n1-1\r\n*4\r\n$1\r\na\r\n$1\r\n1\r\n$1\r\nb\r\n$1\r\n2\r\n*-1\r\n*0\r\n",
            Command("XADD", key, "1-1", "a", "1", "b", "2") + Command("XRANGE", key, "-", "+") + Command("XRANGE", key, "-", "+", "COUNT", "0")
            + Command("XRANGE", NewKey(), "-", "+"));
        AssertRawReply("_\r\n*0\r\n", Command("XRANGE", key, "-", "+", "COUNT", "-1") + Command("XREVRANGE", NewKey(), "+", "-"), protocol: 3);
    }

    [Theory]
    [InlineData(2, "ERR Invalid stream ID specified as stream command argument", "(-", "+")]
    [InlineData(3, "ERR Invalid stream ID specified as stream command argument", "abc", "+")]
    [InlineData(2, "ERR invalid start ID for the interval", "(18446744073709551615-18446744073709551615", "+")]
    [InlineData(3, "ERR invalid end ID for the interval", "-", "(0-0")]
    [InlineData(2, "ERR syntax error", "-", "+", "COUNT")]
    [InlineData(3, "ERR syntax error", "-", "+", "LIMIT", "1")]
    [InlineData(2, "ERR value is not an integer or out of range", "-", "+", "COUNT", "x")]
    public void Xrange_argument_errors_match_redis(int protocol, string error, params string[] rest)
    {
        using var client = Connect(protocol);
        AssertError(error, client.Execute(["XRANGE", NewKey(), .. rest]));
    }

    [Fact]
    public void Xrange_iterates_a_large_stream_and_xrevrange_is_its_reverse()
    {
        using var client = Connect();
        var key = NewKey();
        const int Count = 3000;
        for (var i = 0; i < Count; i++) client.Execute("XADD", key, "*", "item", i.ToString());
        AssertInteger(Count, client.Execute("XLEN", key));

        var seen = 0;
        var cursor = "-";
        for (var page = 0; page < Count / 100 + 2; page++)
        {
            var items = client.Execute("XRANGE", key, cursor, "+", "COUNT", "100").Items!;
            if (items.Count == 0) break;
            foreach (var item in items) Assert.Equal(seen++.ToString(), item.Items![1].Items![1].Text);
            cursor = "(" + items[^1].Items![0].Text;
        }

        Assert.Equal(Count, seen);
        var forward = Ids(client.Execute("XRANGE", key, "-", "+"));
        var backward = Ids(client.Execute("XREVRANGE", key, "+", "-"));
        backward.Reverse();
        Assert.Equal(forward, backward);
    }

    [Fact]
    public void Xrange_matches_a_simulation_on_random_bounds()
    {
        using var client = Connect();
        var key = NewKey();
        var random = new Random(11);
        var ids = new List<(long Ms, long Seq)>();
        for (var ms = 1; ms <= 300; ms++)
        {
            for (var seq = 0; seq < random.Next(1, 4); seq++)
            {
                ids.Add((ms, seq));
                client.Execute("XADD", key, $"{ms}-{seq}", "f", "v");
            }
        }

        for (var round = 0; round < 100; round++)
        {
            (long Ms, long Seq) start = (random.Next(1, 301), random.Next(0, 4)), end = (random.Next(1, 301), random.Next(0, 4));
            var expected = ids.Where(i => i.CompareTo(start) >= 0 && i.CompareTo(end) <= 0).Select(i => $"{i.Ms}-{i.Seq}");
            Assert.Equal(expected, Ids(client.Execute("XRANGE", key, $"{start.Ms}-{start.Seq}", $"{end.Ms}-{end.Seq}")));
        }
    }

    // ---- XLEN / XDEL / XTRIM ------------------------------------------------------------------------------------------

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Xdel_removes_entries_and_updates_the_counters(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        foreach (var id in new[] { "1-0", "2-0", "3-0" }) client.Execute("XADD", key, id, "foo", "v" + id);
        AssertInteger(1, client.Execute("XDEL", key, "2-0", "9-9"));
        AssertInteger(0, client.Execute("XDEL", key, "2-0"));
        AssertError("ERR Invalid stream ID specified as stream command argument", client.Execute("XDEL", key, "1-0", "bad"));
        AssertInteger(2, client.Execute("XLEN", key));
        Assert.Equal(["1-0 foo=v1-0", "3-0 foo=v3-0"], Entries(client.Execute("XRANGE", key, "-", "+")));
        AssertInteger(0, client.Execute("XDEL", NewKey(), "bad"));

        AssertInteger(1, client.Execute("XDEL", key, "1-0"));
        var info = AssertMap(client.Execute("XINFO", "STREAM", key), protocol);
        AssertBulk("3-0", info["recorded-first-entry-id"]);
        AssertBulk("2-0", info["max-deleted-entry-id"]);
        AssertInteger(3, info["entries-added"]);
    }

    [Fact]
    public void Xdel_in_random_order_down_to_an_empty_stream_keeps_it_consistent()
    {
        using var client = Connect();
        var key = NewKey();
        var ids = new List<string>();
        for (var i = 0; i < 500; i++) ids.Add(client.Execute("XADD", key, "*", "item", i.ToString()).Text!);
        var left = ids.Count;
        foreach (var id in ids.OrderBy(_ => Random.Shared.Next()))
        {
            AssertInteger(1, client.Execute("XDEL", key, id));
            AssertInteger(--left, client.Execute("XLEN", key));
            if (left % 100 == 0) Assert.Equal(left, client.Execute("XRANGE", key, "-", "+").Items!.Count);
        }

        AssertInteger(1, client.Execute("EXISTS", key));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Xtrim_trims_by_maxlen_and_minid(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        for (var i = 1; i <= 10; i++) client.Execute("XADD", key, $"{i}-0", "f", "v");
        AssertInteger(4, client.Execute("XTRIM", key, "MAXLEN", "6"));
        AssertInteger(2, client.Execute("XTRIM", key, "MINID", "=", "7"));
        AssertInteger(0, client.Execute("XTRIM", key, "MINID", "7"));
        Assert.Equal(["7-0", "8-0", "9-0", "10-0"], Ids(client.Execute("XRANGE", key, "-", "+")));
        AssertInteger(4, client.Execute("XTRIM", key, "MAXLEN", "0"));
        AssertInteger(1, client.Execute("EXISTS", key));
        AssertInteger(0, client.Execute("XTRIM", NewKey(), "MAXLEN", "0"));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Xtrim_approximately_is_limited_unless_exact(int protocol)
    {
        using var client = Connect(protocol);
        WithNodeSize(client, 1, () =>
        {
            var limited = NewKey();
            var exact = NewKey();
            for (var i = 0; i < 102; i++)
            {
                client.Execute("XADD", limited, "*", "xitem", "v");
                client.Execute("XADD", exact, "*", "xitem", "v");
            }

            // Without LIMIT "~" removes at most 100 nodes' worth of entries.
            client.Execute("XTRIM", limited, "MAXLEN", "~", "1");
            AssertInteger(2, client.Execute("XLEN", limited));
            client.Execute("XTRIM", exact, "MAXLEN", "1");
            AssertInteger(1, client.Execute("XLEN", exact));
        });
        WithNodeSize(client, 2, () =>
        {
            var key = NewKey();
            for (var i = 0; i < 3; i++) client.Execute("XADD", key, "*", "xitem", "v");
            AssertInteger(0, client.Execute("XTRIM", key, "MAXLEN", "~", "0", "LIMIT", "1"));
            AssertInteger(2, client.Execute("XTRIM", key, "MAXLEN", "~", "0", "LIMIT", "2"));
        });
        WithNodeSize(client, 10, () =>
        {
            var key = NewKey();
            for (var i = 0; i < 100; i++) client.Execute("XADD", key, "*", "xitem", "v");
            AssertInteger(10, client.Execute("XTRIM", key, "MAXLEN", "~", "85"));
            AssertInteger(90, client.Execute("XLEN", key));
        });
    }

    [Theory]
    [InlineData(2, "ERR syntax error, XTRIM must be called with a trimming strategy", "LIMIT", "0")]
    [InlineData(3, "ERR syntax error, LIMIT cannot be used without the special ~ option", "MAXLEN", "1", "LIMIT", "10")]
    [InlineData(2, "ERR syntax error, LIMIT cannot be used without specifying a trimming strategy", "LIMIT", "10")]
    [InlineData(3, "ERR syntax error", "MAXLEN", "1", "FOO")]
    [InlineData(2, "ERR syntax error", "NOMKSTREAM", "MAXLEN", "1")]
    public void Xtrim_argument_errors_match_redis(int protocol, string error, params string[] rest)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        client.Execute("XADD", key, "1-0", "f", "v");
        AssertError(error, client.Execute(["XTRIM", key, .. rest]));
    }

    // ---- XSETID -----------------------------------------------------------------------------------------------------

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Xsetid_sets_the_last_id_and_counters(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        client.Execute("XADD", key, "MAXLEN", "0", "*", "a", "b");
        AssertOk(client.Execute("XSETID", key, "200-0"));
        AssertOk(client.Execute("XSETID", key, "300-0", "ENTRIESADDED", "1000", "MAXDELETEDID", "250-0"));
        var info = AssertMap(client.Execute("XINFO", "STREAM", key), protocol);
        AssertBulk("300-0", info["last-generated-id"]);
        AssertBulk("250-0", info["max-deleted-entry-id"]);
        AssertInteger(1000, info["entries-added"]);
        AssertBulk("300-1", client.Execute("XADD", key, "300-*", "a", "b"));
    }

    [Theory]
    [InlineData(2, "ERR The ID specified in XSETID is smaller than the target stream top item", "5-0")]
    [InlineData(3, "ERR The entries_added specified in XSETID is smaller than the target stream length", "20-0", "ENTRIESADDED", "1")]
    [InlineData(2, "ERR The ID specified in XSETID is smaller than the provided max_deleted_entry_id", "20-0", "MAXDELETEDID", "30-0")]
    [InlineData(3, "ERR entries_added must be positive", "20-0", "ENTRIESADDED", "-1")]
    [InlineData(2, "ERR syntax error", "20-0", "FOO")]
    [InlineData(3, "ERR syntax error", "20-0", "ENTRIESADDED")]
    [InlineData(2, "ERR Invalid stream ID specified as stream command argument", "+")]
    [InlineData(3, "ERR value is not an integer or out of range", "20-0", "ENTRIESADDED", "x")]
    public void Xsetid_errors_match_redis(int protocol, string error, params string[] rest)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        client.Execute("XADD", key, "10-0", "f", "v");
        client.Execute("XADD", key, "11-0", "f", "v");
        AssertError(error, client.Execute(["XSETID", key, .. rest]));
    }

    [Fact]
    public void Xsetid_cannot_go_below_the_largest_deleted_id_or_on_a_missing_key()
    {
        using var client = Connect();
        var key = NewKey();
        client.Execute("XADD", key, "10-0", "f", "v");
        client.Execute("XDEL", key, "10-0");
        AssertError("ERR The ID specified in XSETID is smaller than current max_deleted_entry_id", client.Execute("XSETID", key, "5-0"));
        AssertError("ERR no such key", client.Execute("XSETID", NewKey(), "1-1"));
    }
}
