using System.Globalization;
using System.Text;
using AkkaKv.IntegrationTests.Infrastructure;
using AkkaKv.Protocol;

namespace AkkaKv.IntegrationTests.Commands;

/// <summary>
/// SORT and SORT_RO (Redis's tests/unit/sort.tcl and more): sources of each type, BY and GET patterns whose keys live on
/// every shard, LIMIT, ALPHA, DESC, the numbers SORT accepts, ties, and the errors. STORE is in the .Store part.
/// </summary>
public sealed partial class SortCommandsTests(ServerFixture server) : CommandTestBase(server), IClassFixture<ServerFixture>
{
    private const string NotDouble = "ERR One or more scores can't be converted into double";
    private const string WrongType = "WRONGTYPE Operation against a key holding the wrong kind of value";
    private const string NotInteger = "ERR value is not an integer or out of range";
    private const string Syntax = "ERR syntax error";
    private const string ByInCluster = "ERR BY option of SORT denied in Cluster mode.";
    private const string GetInCluster = "ERR GET option of SORT denied in Cluster mode.";

    [Theory]
    [InlineData(2, "list")]
    [InlineData(3, "list")]
    [InlineData(2, "set")]
    [InlineData(3, "set")]
    [InlineData(2, "zset")]
    [InlineData(3, "zset")]
    public void Sort_by_key_and_hash_field_with_weights_on_every_shard(int protocol, string type)
    {
        using var client = Connect(protocol);
        var (source, prefix) = (NewKey("src"), NewKey("p"));
        var random = new Random(type.Length * 7 + protocol);
        var ids = Enumerable.Range(0, 24).OrderBy(_ => random.Next()).ToArray();
        var weights = ids.ToDictionary(id => id, _ => Math.Round(random.NextDouble() * 1000, 3));
        foreach (var id in ids)
        {
            var weight = weights[id].ToString("R", CultureInfo.InvariantCulture);
            AssertOk(client.Execute("SET", $"{prefix}w_{id}", weight));
            client.Execute("HSET", $"{prefix}o_{id}", "weight", weight, "name", $"n{id}");
        }
        switch (type)
        {
            case "list": client.Execute(["RPUSH", source, .. ids.Select(i => i.ToString())]); break;
            case "set": client.Execute(["SADD", source, .. ids.Select(i => i.ToString())]); break;
            default: client.Execute(["ZADD", source, .. ids.SelectMany(i => new[] { (100 - i).ToString(), i.ToString() })]); break;
        }
        var shards = Server.Node.State.Shards;
        Assert.Equal(2, ids.Select(i => shards.ShardOf(Encoding.UTF8.GetBytes($"{prefix}w_{i}"))).Distinct().Count());

        var byWeight = ids.OrderBy(i => weights[i]).ThenBy(i => i.ToString(), StringComparer.Ordinal).Select(i => i.ToString()).ToArray();
        AssertTexts(byWeight, client.Execute("SORT", source, "BY", $"{prefix}w_*"));
        AssertTexts(byWeight, client.Execute("SORT_RO", source, "BY", $"{prefix}o_*->weight"));
        AssertTexts(byWeight.Reverse(), client.Execute("SORT", source, "BY", $"{prefix}w_*", "DESC"));
        AssertTexts(byWeight.Skip(5).Take(10), client.Execute("SORT", source, "BY", $"{prefix}w_*", "LIMIT", "5", "10"));
        AssertTexts(byWeight.Reverse().Skip(20), client.Execute("SORT", source, "BY", $"{prefix}o_*->weight", "LIMIT", "20", "10", "DESC"));
        AssertTexts(ids.Order().Select(i => i.ToString()), client.Execute("SORT", source, "GET", "#"));
        AssertTexts(ids.Order().Select(i => i.ToString()).Order(StringComparer.Ordinal), client.Execute("SORT", source, "ALPHA"));
        AssertTexts(ids.Order().Select(i => $"n{i}"), client.Execute("SORT", source, "GET", $"{prefix}o_*->name"));
        AssertTexts(byWeight.SelectMany(i => new[] { i, weights[int.Parse(i)].ToString("R", CultureInfo.InvariantCulture), $"n{i}" }),
            client.Execute("SORT", source, "BY", $"{prefix}w_*", "GET", "#", "GET", $"{prefix}w_*", "GET", $"{prefix}o_*->name"));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Get_patterns_read_strings_hash_fields_and_nothing_else(int protocol)
    {
        using var client = Connect(protocol);
        var (list, p) = (NewKey("l"), NewKey("p"));
        client.Execute("RPUSH", list, "2", "1", "3");
        client.Execute("SET", $"{p}s_1", "one");
        client.Execute("HSET", $"{p}h_1", "f", "hf1", "g", "hg1");
        client.Execute("HSET", $"{p}h_2", "g", "hg2");
        client.Execute("SADD", $"{p}s_2", "x");
        client.Execute("SET", $"{p}h_3->", "arrow-at-the-end");
        client.Execute("SET", $"{p}h_3", "a string, no hash");

        AssertTexts(["one", null, null], client.Execute("SORT", list, "GET", $"{p}s_*"));
        AssertTexts(["hf1", null, null], client.Execute("SORT", list, "GET", $"{p}h_*->f"));
        AssertTexts([null, null, "arrow-at-the-end"], client.Execute("SORT", list, "GET", $"{p}h_*->"));
        AssertTexts([null, null, null], client.Execute("SORT", list, "GET", "constant"));
        AssertTexts(["1", "hg1", "1", "2", "hg2", "2", "3", null, "3"], client.Execute("SORT", list, "GET", "#", "GET", $"{p}h_*->g", "GET", "#"));
        AssertTexts(["3", "2"], client.Execute("SORT", list, "DESC", "LIMIT", "0", "2", "GET", "#"));

        var single = NewKey("single");
        client.Execute("RPUSH", single, "1");
        AssertRawReply(protocol == 3 ? "*2\r\n_\r\n$1\r\n1\r\n" : "*2\r\n$-1\r\n$1\r\n1\r\n",
            Command("SORT", single, "GET", $"{p}nothing_*", "GET", "#"), protocol);
        AssertRawReply("*0\r\n", Command("SORT", NewKey("missing"), "GET", "#"), protocol);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Desc_alpha_and_integer_encoded_strings(int protocol)
    {
        using var client = Connect(protocol);
        var list = NewKey("l");
        client.Execute("RPUSH", list, "2", "1", "3", "10", "1.5", "-1");
        AssertTexts(["-1", "1", "1.5", "2", "3", "10"], client.Execute("SORT", list));
        AssertTexts(["10", "3", "2", "1.5", "1", "-1"], client.Execute("SORT", list, "DESC"));
        AssertTexts(["-1", "1", "1.5", "10", "2", "3"], client.Execute("SORT", list, "ALPHA"));
        AssertTexts(["3", "2", "10", "1.5", "1", "-1"], client.Execute("SORT", list, "alpha", "desc"));
        AssertTexts(["-1", "1", "1.5", "2", "3", "10"], client.Execute("SORT", list, "DESC", "ASC"));

        // sort.tcl "SORT regression for issue #19, sorting floats".
        var floats = NewKey("floats");
        double[] values = [1.1, 5.10, 3.10, 7.44, 2.1, 5.75, 6.12, 0.25, 1.15];
        client.Execute(["RPUSH", floats, .. values.Select(v => v.ToString(CultureInfo.InvariantCulture))]);
        AssertTexts(values.Order().Select(v => v.ToString(CultureInfo.InvariantCulture)), client.Execute("SORT", floats));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Sorted_sets_sort_by_value_and_keep_their_order_by_nosort(int protocol)
    {
        using var client = Connect(protocol);
        var zset = NewKey("z");
        client.Execute("ZADD", zset, "1", "a", "5", "b", "2", "c", "10", "d", "3", "e");
        AssertEncoding(client, zset, "listpack");
        AssertTexts(["a", "b", "c", "d", "e"], client.Execute("SORT", zset, "ALPHA"));
        // Redis converts any sorted set SORT reads, for good.
        AssertEncoding(client, zset, "skiplist");

        AssertTexts(["a", "c", "e", "b", "d"], client.Execute("SORT", zset, "BY", "nosort"));
        AssertTexts(["d", "b", "e", "c", "a"], client.Execute("SORT", zset, "BY", "nosort", "DESC"));
        AssertTexts(["a", "c", "e"], client.Execute("SORT", zset, "BY", "nosort", "ASC", "LIMIT", "0", "3"));
        AssertTexts(["b", "e", "c"], client.Execute("SORT", zset, "BY", "nosort", "DESC", "LIMIT", "1", "3"));
        AssertTexts(["e", "b", "d"], client.Execute("SORT", zset, "BY", "nosort", "LIMIT", "2", "100"));
        AssertTexts([], client.Execute("SORT", zset, "BY", "nosort", "LIMIT", "5", "1"));

        var ro = NewKey("ro");
        client.Execute("ZADD", ro, "1", "3", "2", "1");
        AssertTexts(["1", "3"], client.Execute("SORT_RO", ro));
        AssertEncoding(client, ro, "skiplist");

        // sort.tcl "SORT sorted set: +inf and -inf handling".
        var inf = NewKey("inf");
        client.Execute("ZADD", inf, "-100", "a", "200", "b", "-300", "c", "1000000", "d", "+inf", "max", "-inf", "min");
        AssertTexts(["min", "c", "a", "b", "d", "max"], client.Execute("SORT", inf, "BY", "nosort"));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Nosort_keeps_a_list_in_its_order_with_limit_and_desc(int protocol)
    {
        using var client = Connect(protocol);
        var list = NewKey("l");
        client.Execute("RPUSH", list, "c", "a", "b", "e", "d");
        AssertTexts(["c", "a", "b", "e", "d"], client.Execute("SORT", list, "BY", "nosort"));
        AssertTexts(["d", "e", "b", "a", "c"], client.Execute("SORT", list, "BY", "nosort", "DESC"));
        AssertTexts(["a", "b"], client.Execute("SORT", list, "BY", "nosort", "LIMIT", "1", "2"));
        AssertTexts(["e", "b"], client.Execute("SORT", list, "BY", "nosort", "DESC", "LIMIT", "1", "2"));
        AssertTexts(["c", "a", "b", "e", "d"], client.Execute("SORT", list, "BY", "constant-no-star", "GET", "#"));
        // A nosort BY sticks even when a real pattern follows.
        AssertTexts(["c", "a", "b", "e", "d"], client.Execute("SORT", list, "BY", "nosort", "BY", NewKey("w") + "*", "ALPHA"));

        var set = NewKey("s");
        client.Execute("SADD", set, "5", "3", "9", "1");
        AssertEncoding(client, set, "intset");
        AssertTexts(["1", "3", "5", "9"], client.Execute("SORT", set, "BY", "nosort"));
    }

    [Theory]
    [InlineData(2, "0", "-1", "a b c d e")]
    [InlineData(3, "1", "2", "b c")]
    [InlineData(2, "-1", "2", "a b")]
    [InlineData(3, "-10", "-1", "a b c d e")]
    [InlineData(2, "2", "-5", "c d e")]
    [InlineData(3, "3", "100", "d e")]
    [InlineData(2, "4", "1", "e")]
    [InlineData(3, "5", "1", "")]
    [InlineData(2, "100", "100", "")]
    [InlineData(3, "0", "0", "")]
    [InlineData(2, "9223372036854775807", "9223372036854775807", "")]
    [InlineData(3, "2", "9223372036854775807", "c d e")]
    [InlineData(2, "-9223372036854775808", "-9223372036854775808", "a b c d e")]
    public void Limit_clamps_its_offset_and_count_as_redis_does(int protocol, string offset, string count, string expected)
    {
        using var client = Connect(protocol);
        var (list, ordered, zset) = (NewKey("l"), NewKey("o"), NewKey("z"));
        client.Execute("RPUSH", list, "c", "a", "e", "b", "d");
        client.Execute("RPUSH", ordered, "a", "b", "c", "d", "e");
        client.Execute("ZADD", zset, "1", "a", "2", "b", "3", "c", "4", "d", "5", "e");
        var rows = expected.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        AssertTexts(rows, client.Execute("SORT", list, "ALPHA", "LIMIT", offset, count));
        AssertTexts(rows, client.Execute("SORT", zset, "BY", "nosort", "LIMIT", offset, count));
        AssertTexts(rows, client.Execute("SORT", ordered, "BY", "nosort", "LIMIT", offset, count));
        // Equal (missing) weights under BY keep the list order, LIMIT or not.
        AssertTexts(rows, client.Execute("SORT", ordered, "BY", NewKey("w") + "_*", "ALPHA", "LIMIT", offset, count));
        AssertTexts(rows, client.Execute("SORT", zset, "BY", NewKey("w") + "_*", "LIMIT", offset, count));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Numbers_that_are_not_doubles_fail_unless_alpha(int protocol)
    {
        using var client = Connect(protocol);
        var (list, w) = (NewKey("l"), NewKey("w"));
        // sort.tcl "SORT will complain with numerical sorting and bad doubles (1)" and "(2)".
        client.Execute("RPUSH", list, "1", "2", "3", "4", "5", "a");
        AssertError(NotDouble, client.Execute("SORT", list));
        AssertTexts(["1", "2", "3", "4", "5", "a"], client.Execute("SORT", list, "ALPHA"));
        AssertTexts(["a", "5", "4", "3", "2", "1"], client.Execute("SORT", list, "BY", "nosort", "DESC"));

        var numbers = NewKey("n");
        client.Execute("RPUSH", numbers, "1", "2", "3");
        client.Execute("MSET", $"{w}_1", "1", $"{w}_2", "2", $"{w}_3", "0x");
        AssertError(NotDouble, client.Execute("SORT", numbers, "BY", $"{w}_*"));
        AssertError(NotDouble, client.Execute("SORT", numbers, "BY", $"{w}_*", "STORE", NewKey("dst")));
        AssertTexts(["3", "1", "2"], client.Execute("SORT", numbers, "BY", $"{w}_*", "ALPHA"));
        // GET values are never read as numbers.
        AssertTexts(["1", "2", "0x"], client.Execute("SORT", numbers, "GET", $"{w}_*"));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Weights_are_read_as_strtod_reads_them(int protocol)
    {
        using var client = Connect(protocol);
        var accepted = NewKey("ok");
        // Empty converts nothing (0), leading spaces are skipped, hexadecimal and infinities are numbers, a NUL ends it.
        client.Execute("RPUSH", accepted, "1e-300", "", " \t3", "0x10", "inf", "-Infinity", "12\0junk", ".5", "5.", "0x1p-1070", "0e-400");
        AssertTexts(["-Infinity", "", "0e-400", "0x1p-1070", "1e-300", ".5", " \t3", "5.", "12\0junk", "0x10", "inf"], client.Execute("SORT", accepted));

        // Trailing bytes, nan, overflow, and underflow that is not exact (glibc's ERANGE) are not.
        foreach (var bad in new[] { "3 ", "nan", "1e400", "-1e400", "0x1p1024", "1e-400", "1e-310", "0x1.0000000000001p-1070", "2.2250738585072011e-308", "  ", "+", "0x", "1e", "0x1p", "1_0", "\01" })
        {
            var list = NewKey("bad");
            client.Execute("RPUSH", list, bad, "1");
            var reply = client.Execute("SORT", list);
            if (bad == "\01") AssertTexts(["\01", "1"], reply);
            else AssertError(NotDouble, reply);
        }

        // Rounding up to the smallest normal double is no underflow.
        var edge = NewKey("edge");
        client.Execute("RPUSH", edge, "1", "2.2250738585072013e-308");
        AssertTexts(["2.2250738585072013e-308", "1"], client.Execute("SORT", edge));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Equal_scores_sort_by_the_elements_bytes(int protocol)
    {
        using var client = Connect(protocol);
        var (list, w) = (NewKey("l"), NewKey("w"));
        // sort.tcl "SORT BY sub-sorts lexicographically if score is the same".
        string[] elements = ["a", "b", "c", "d", "e", "f", "g", "h", "i", "l", "m", "n", "o", "p", "q", "r", "s", "t", "u", "v", "z", "aa", "aaa", "azz"];
        client.Execute(["RPUSH", list, .. elements.Reverse()]);
        foreach (var element in elements) client.Execute("SET", $"{w}_{element}", "1");
        AssertTexts(elements.Order(StringComparer.Ordinal), client.Execute("SORT", list, "BY", $"{w}_*"));
        AssertTexts(elements.Order(StringComparer.Ordinal).Reverse(), client.Execute("SORT", list, "BY", $"{w}_*", "DESC"));
        // Missing weights count as 0.
        AssertTexts(elements.Order(StringComparer.Ordinal), client.Execute("SORT", list, "BY", NewKey("none") + "_*"));

        var duplicates = NewKey("dup");
        client.Execute("RPUSH", duplicates, "1", "1", "2", "2", "1");
        AssertTexts(["1", "1", "1", "2", "2"], client.Execute("SORT", duplicates));
        AssertTexts(["2", "2", "1", "1", "1"], client.Execute("SORT", duplicates, "DESC", "ALPHA"));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Alpha_ties_keep_the_list_order_and_missing_weights_come_first(int protocol)
    {
        using var client = Connect(protocol);
        var (list, w) = (NewKey("l"), NewKey("w"));
        client.Execute("RPUSH", list, "c", "b", "a", "d", "e", "f");
        client.Execute("MSET", $"{w}_a", "k", $"{w}_b", "k", $"{w}_c", "k", $"{w}_d", "j", $"{w}_e", "l");
        AssertTexts(["f", "d", "c", "b", "a", "e"], client.Execute("SORT", list, "BY", $"{w}_*", "ALPHA"));
        AssertTexts(["e", "c", "b", "a", "d", "f"], client.Execute("SORT", list, "BY", $"{w}_*", "ALPHA", "DESC"));
        AssertTexts(["c", "b", "a", "d", "e", "f"], client.Execute("SORT", list, "BY", NewKey("none") + "_*", "ALPHA"));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Alpha_compares_c_strings_except_when_storing(int protocol)
    {
        using var client = Connect(protocol);
        var (list, dst) = (NewKey("l"), NewKey("dst"));
        // Redis's strcoll (C locale) stops at a NUL: these three tie and keep their order; STORE compares every byte.
        client.Execute("RPUSH", list, "a\0c", "a\0b", "a");
        AssertTexts(["a\0c", "a\0b", "a"], client.Execute("SORT", list, "ALPHA"));
        AssertInteger(3, client.Execute("SORT", list, "ALPHA", "STORE", dst));
        AssertTexts(["a", "a\0b", "a\0c"], client.Execute("LRANGE", dst, "0", "-1"));

        var (byList, w) = (NewKey("by"), NewKey("w"));
        client.Execute("RPUSH", byList, "x", "y", "z");
        client.Execute("MSET", $"{w}_x", "k\0z", $"{w}_y", "k\0a", $"{w}_z", "k");
        AssertTexts(["x", "y", "z"], client.Execute("SORT", byList, "BY", $"{w}_*", "ALPHA"));
        AssertInteger(3, client.Execute("SORT", byList, "BY", $"{w}_*", "ALPHA", "STORE", dst));
        AssertTexts(["z", "y", "x"], client.Execute("LRANGE", dst, "0", "-1"));

        var cased = NewKey("case");
        client.Execute("RPUSH", cased, "B", "a", "C", "b");
        AssertTexts(["B", "C", "a", "b"], client.Execute("SORT", cased, "ALPHA"));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Errors_come_in_redis_order(int protocol)
    {
        using var client = Connect(protocol);
        var (list, text) = (NewKey("l"), NewKey("str"));
        client.Execute("RPUSH", list, "1");
        client.Execute("SET", text, "x");
        AssertError(WrongType, client.Execute("SORT", text));
        AssertError(WrongType, client.Execute("SORT_RO", text, "BY", "nosort"));
        // Options are parsed before the key is looked at.
        AssertError(NotInteger, client.Execute("SORT", text, "LIMIT", "a", "1"));
        AssertError(Syntax, client.Execute("SORT", text, "FOO"));
        AssertError(NotInteger, client.Execute("SORT", list, "LIMIT", "0", "1.5"));
        AssertError(NotInteger, client.Execute("SORT", list, "LIMIT", " 1", "1"));
        AssertError(Syntax, client.Execute("SORT", list, "LIMIT", "1"));
        AssertError(Syntax, client.Execute("SORT", list, "BY"));
        AssertError(Syntax, client.Execute("SORT", list, "GET"));
        AssertError(Syntax, client.Execute("SORT", list, "STORE"));
        AssertError(Syntax, client.Execute("SORT", list, "FOO", "LIMIT", "a", "b"));
        AssertError(NotInteger, client.Execute("SORT", list, "LIMIT", "a", "b", "FOO"));
        // sort.tcl "SORT_RO - Cannot run with STORE arg".
        AssertError(Syntax, client.Execute("SORT_RO", list, "STORE", NewKey("dst")));
        AssertError("ERR wrong number of arguments for 'sort' command", client.Execute("SORT"));
        AssertError("ERR wrong number of arguments for 'sort_ro' command", client.Execute("SORT_RO"));
        AssertTexts(["1"], client.Execute("SORT_RO", list));
        AssertRawReply($"-{WrongType}\r\n", Command("SORT", text, "GET", "#"), protocol);
    }

    [Theory]
    [InlineData(2, "a", "sort", "a")]
    [InlineData(3, "a b", "sort", "a", "store", "b")]
    [InlineData(2, "a c", "sort", "a", "store", "b", "store", "c")]
    [InlineData(3, "a", "sort", "a", "limit", "store", "1")]
    [InlineData(2, "a b", "sort", "a", "limit", "store", "1", "STORE", "b")]
    [InlineData(3, "a limit", "sort", "a", "store", "limit", "x", "y", "z")]
    [InlineData(2, "a", "sort", "a", "by", "store", "get", "store")]
    [InlineData(3, "a", "sort", "a", "store")]
    [InlineData(2, "a", "sort_ro", "a", "by", "w_*", "store", "b")]
    public void Command_getkeys_finds_the_source_and_the_last_store(int protocol, string keys, params string[] command)
    {
        using var client = Connect(protocol);
        AssertTexts(keys.Split(' '), client.Execute(["COMMAND", "GETKEYS", .. command]));
    }

    private static void AssertEncoding(RespClient client, string key, string encoding) =>
        AssertBulk(encoding, client.Execute("OBJECT", "ENCODING", key));
}
