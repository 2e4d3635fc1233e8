using AkkaKv.Protocol;

namespace AkkaKv.IntegrationTests.Commands;

/// <summary>SINTER, SUNION, SDIFF, their STORE forms and SINTERCARD: Redis's tests over five sets, on random shards.</summary>
public sealed partial class SetCommandsTests
{
    [Theory]
    [InlineData(2, "regular")]
    [InlineData(3, "regular")]
    [InlineData(2, "intset")]
    [InlineData(3, "intset")]
    public void Algebra_over_the_five_sets_of_redis_tests(int protocol, string type)
    {
        using var client = Connect(protocol);
        var (set1, set2, set3, set4, set5) = (NewKey("set1"), NewKey("set2"), NewKey("set3"), NewKey("set4"), NewKey("set5"));
        var large = type == "regular" ? "foo" : "200";
        var (small, big) = type == "regular" ? ("listpack", "hashtable") : ("intset", "intset");
        client.Execute(["SADD", set1, .. Enumerable.Range(0, 200).Select(i => i.ToString()), large]);
        client.Execute(["SADD", set2, .. Enumerable.Range(195, 200).Select(i => i.ToString()), large]);
        client.Execute("SADD", set3, "199", "195", "1000", "2000", large);
        client.Execute(["SADD", set4, .. Enumerable.Range(5, 195).Select(i => i.ToString()), large]);
        client.Execute("SADD", set5, "0", large);
        foreach (var (key, encoding) in new[] { (set1, big), (set2, big), (set3, small), (set4, big), (set5, small) }) AssertEncoding(client, key, encoding);

        Assert.Equal(Ordered("195", "196", "197", "198", "199", large), Sorted(client.Execute("SINTER", set1, set2)));
        AssertSetType(protocol, client.Execute("SINTER", set1, set2));
        AssertInteger(6, client.Execute("SINTERCARD", "2", set1, set2));
        AssertInteger(6, client.Execute("SINTERCARD", "2", set1, set2, "limit", "0"));
        AssertInteger(3, client.Execute("SINTERCARD", "2", set1, set2, "LIMIT", "3"));
        AssertInteger(6, client.Execute("SINTERCARD", "2", set1, set2, "limit", "10"));

        var result = NewKey("setres");
        AssertInteger(6, client.Execute("SINTERSTORE", result, set1, set2));
        AssertEncoding(client, result, small);
        Assert.Equal(Ordered("195", "196", "197", "198", "199", large), Sorted(client.Execute("SMEMBERS", result)));

        var union = Sorted(client.Execute("SMEMBERS", set1)).Union(Sorted(client.Execute("SMEMBERS", set2))).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(union, Sorted(client.Execute("SUNION", set1, set2)));
        Assert.Equal(union, Sorted(client.Execute("SUNION", NewKey("nokey"), set1, set2, NewKey("nokey"))));
        AssertInteger(union.Length, client.Execute("SUNIONSTORE", result, set1, set2));
        AssertEncoding(client, result, big);
        Assert.Equal(union, Sorted(client.Execute("SMEMBERS", result)));

        Assert.Equal(Ordered("195", "199", large), Sorted(client.Execute("SINTER", set1, set2, set3)));
        AssertInteger(3, client.Execute("SINTERCARD", "3", set1, set2, set3));
        AssertInteger(2, client.Execute("SINTERCARD", "3", set1, set2, set3, "LIMIT", "2"));
        AssertInteger(3, client.Execute("SINTERSTORE", result, set1, set2, set3));
        Assert.Equal(Ordered("195", "199", large), Sorted(client.Execute("SMEMBERS", result)));

        Assert.Equal(["0", "1", "2", "3", "4"], Sorted(client.Execute("SDIFF", set1, set4)));
        Assert.Equal(["1", "2", "3", "4"], Sorted(client.Execute("SDIFF", set1, set4, set5)));
        AssertInteger(4, client.Execute("SDIFFSTORE", result, set1, set4, set5));
        if (type == "intset") AssertEncoding(client, result, "intset");
        Assert.Equal(["1", "2", "3", "4"], Sorted(client.Execute("SMEMBERS", result)));

        var all = Sorted(client.Execute("SMEMBERS", set1));
        Assert.Equal(all, Sorted(client.Execute("SINTER", set1, set1, set1)));
        Assert.Equal(all, Sorted(client.Execute("SUNION", set1, set1, set1)));
        Assert.Empty(Texts(client.Execute("SDIFF", set1, set1, set1)));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Sinterstore_of_integers_is_an_intset_whatever_the_inputs(int protocol)
    {
        using var client = Connect(protocol);
        var (result, set1, set2) = (NewKey("res"), NewKey("set1"), NewKey("set2"));
        client.Execute("SADD", set1, "a", "b", "c", "1", "3", "6", "x", "y", "z");
        client.Execute("SADD", set2, "e", "f", "g", "1", "2", "3", "u", "v", "w");
        AssertEncoding(client, set1, "listpack");
        AssertInteger(2, client.Execute("SINTERSTORE", result, set1, set2));
        Assert.Equal(["1", "3"], Sorted(client.Execute("SMEMBERS", result)));
        AssertEncoding(client, result, "intset");

        var (big1, big2) = (NewKey("big1"), NewKey("big2"));
        client.Execute(["SADD", big1, "a", "b", "c", "444", "555", "666", .. Enumerable.Range(1, 129).Select(i => i.ToString())]);
        client.Execute(["SADD", big2, "e", "f", "g", "111", "222", "333", .. Enumerable.Range(1, 129).Select(i => i.ToString())]);
        AssertEncoding(client, big1, "hashtable");
        AssertInteger(129, client.Execute("SINTERSTORE", result, big1, big2));
        AssertEncoding(client, result, "intset");
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Sunion_of_a_hashtable_and_a_listpack_and_sinter_across_encodings(int protocol)
    {
        using var client = Connect(protocol);
        var (set1, set2) = (NewKey("set1"), NewKey("set2"));
        string[] union = ["abcdefghijklmnopqrstuvwxyz1234567890", "a", "b", "c", "1", "2", "3"];
        WithConfig([("set-max-listpack-value", "32")], () =>
        {
            client.Execute(["SADD", set1, .. union]);
            client.Execute("SADD", set2, "a", "b", "c");
            AssertEncoding(client, set1, "hashtable");
            AssertEncoding(client, set2, "listpack");
            Assert.Equal(union.Order(StringComparer.Ordinal), Sorted(client.Execute("SUNION", set1, set2)));
        });

        var (ints, mixed) = (NewKey("ints"), NewKey("mixed"));
        client.Execute("SADD", ints, "1", "2", "3");
        client.Execute("SADD", mixed, "1", "2", "3", "a");
        client.Execute("SREM", mixed, "a");
        AssertEncoding(client, ints, "intset");
        AssertEncoding(client, mixed, "listpack");
        Assert.Equal(["1", "2", "3"], Sorted(client.Execute("SINTER", ints, mixed)));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Sdiff_edge_cases(int protocol)
    {
        using var client = Connect(protocol);
        var (set1, set2, set3) = (NewKey("set1"), NewKey("set2"), NewKey("set3"));
        client.Execute("SADD", set2, "1", "2", "3", "4");
        client.Execute("SADD", set3, "a", "b", "c", "d");
        Assert.Empty(Texts(client.Execute("SDIFF", set1, set2, set3)));

        var same = NewKey("same");
        client.Execute("SADD", same, "a", "b", "c", "1", "2", "3", "4", "5", "6");
        Assert.Empty(Texts(client.Execute("SDIFF", same, same)));

        var (a, b) = (NewKey("a"), NewKey("b"));
        client.Execute("SADD", a, "a", "b", "c");
        client.Execute("SADD", b, "b", "c", "d");
        AssertTexts(["a"], client.Execute("SDIFF", a, b, NewKey("none")));
        Assert.Empty(Texts(client.Execute("SDIFF", NewKey("none"), b, a)));
    }

    [Fact]
    public void Sdiff_fuzzing_agrees_with_a_model()
    {
        using var client = Connect();
        var random = new Random(42);
        for (var round = 0; round < 40; round++)
        {
            var keys = new List<string>();
            var expected = new HashSet<string>();
            for (var i = random.Next(1, 8); i > 0; i--)
            {
                var key = NewKey("fuzz");
                keys.Add(key);
                var members = Enumerable.Range(0, random.Next(100)).Select(_ => RandomValue(random)).ToArray();
                if (members.Length > 0) client.Execute(["SADD", key, .. members]);
                if (keys.Count == 1) expected.UnionWith(members);
                else expected.ExceptWith(members);
            }
            Assert.Equal(expected.Order(StringComparer.Ordinal), Sorted(client.Execute(["SDIFF", .. keys])));
        }
    }

    [Theory]
    [InlineData(2, "SINTER")]
    [InlineData(3, "SUNION")]
    [InlineData(2, "SDIFF")]
    public void Algebra_against_a_non_set_is_wrongtype_even_beside_a_missing_key(int protocol, string command)
    {
        using var client = Connect(protocol);
        var (text, set) = (NewKey("string"), NewKey("set"));
        client.Execute("SET", text, "x");
        client.Execute("SADD", set, "a", "b", "c");
        AssertError(WrongType, client.Execute(command, text, NewKey("noset")));
        AssertError(WrongType, client.Execute(command, NewKey("noset"), text));
        AssertError(WrongType, client.Execute(command, text, set));
        AssertError(WrongType, client.Execute(command, set, text));
    }

    [Theory]
    [InlineData(2, "SINTERSTORE")]
    [InlineData(3, "SUNIONSTORE")]
    [InlineData(2, "SDIFFSTORE")]
    public void A_store_against_a_non_set_leaves_the_destination_alone(int protocol, string command)
    {
        using var client = Connect(protocol);
        var (text, set1, set2, destination) = (NewKey("string"), NewKey("set1"), NewKey("set2"), NewKey("dst"));
        client.Execute("SET", text, "x");
        AssertError(WrongType, client.Execute(command, destination, text, NewKey("noset")));
        AssertError(WrongType, client.Execute(command, destination, NewKey("noset"), text));
        AssertInteger(0, client.Execute("EXISTS", destination));

        client.Execute("SADD", set1, "a", "b", "c");
        client.Execute("SADD", set2, "b", "c", "d");
        client.Execute("SADD", destination, "e");
        AssertError(WrongType, client.Execute(command, destination, text, set2, NewKey("noset")));
        AssertError(WrongType, client.Execute(command, destination, set1, text, set2));
        AssertTexts(["e"], client.Execute("SMEMBERS", destination));
    }

    [Theory]
    [InlineData(2, "SINTERSTORE")]
    [InlineData(3, "SUNIONSTORE")]
    [InlineData(2, "SDIFFSTORE")]
    public void A_store_of_an_empty_result_deletes_the_destination(int protocol, string command)
    {
        using var client = Connect(protocol);
        var destination = NewKey("dst");
        client.Execute("SET", destination, "xxx");
        AssertInteger(0, client.Execute(command, destination, NewKey("foo"), NewKey("bar")));
        AssertInteger(0, client.Execute("EXISTS", destination));

        client.Execute("SADD", destination, "a", "b", "c");
        AssertInteger(0, client.Execute(command, destination, NewKey("foo"), NewKey("bar")));
        AssertInteger(0, client.Execute("EXISTS", destination));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Stores_handle_missing_sources_and_a_destination_among_the_sources(int protocol)
    {
        using var client = Connect(protocol);
        var (set1, set2, set3) = (NewKey("set1"), NewKey("set2"), NewKey("set3"));
        client.Execute("SADD", set1, "a", "b", "c");
        client.Execute("SADD", set3, "e", "f");
        AssertInteger(3, client.Execute("SUNIONSTORE", set3, set1, set2));
        Assert.Equal(["a", "b", "c"], Sorted(client.Execute("SMEMBERS", set3)));
        AssertInteger(3, client.Execute("SDIFFSTORE", set3, set1, set2));
        AssertInteger(0, client.Execute("SINTERSTORE", set3, set1, set2));
        AssertInteger(0, client.Execute("EXISTS", set3));

        client.Execute("SADD", set2, "b", "c", "d");
        AssertInteger(4, client.Execute("SUNIONSTORE", set1, set1, set2));
        Assert.Equal(["a", "b", "c", "d"], Sorted(client.Execute("SMEMBERS", set1)));
        AssertInteger(3, client.Execute("SINTERSTORE", set2, set2, set1));
        AssertInteger(1, client.Execute("SDIFFSTORE", set1, set1, set2));
        AssertTexts(["a"], client.Execute("SMEMBERS", set1));
        AssertInteger(0, client.Execute("SDIFFSTORE", set1, set1, set1));
        AssertInteger(0, client.Execute("EXISTS", set1));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void A_store_replaces_the_destination_value_and_its_ttl(int protocol)
    {
        using var client = Connect(protocol);
        var (source, destination) = (NewKey("src"), NewKey("dst"));
        client.Execute("SADD", source, "a");
        client.Execute("SET", destination, "x", "EX", "100");
        AssertInteger(1, client.Execute("SUNIONSTORE", destination, source));
        AssertSimple("set", client.Execute("TYPE", destination));
        AssertInteger(-1, client.Execute("TTL", destination));
    }

    [Theory]
    [InlineData(2, "SINTERSTORE", new[] { "b", "c" })]
    [InlineData(3, "SUNIONSTORE", new[] { "a", "b", "c", "d" })]
    [InlineData(2, "SDIFFSTORE", new[] { "a" })]
    public void Stores_work_across_shards(int protocol, string command, string[] expected)
    {
        using var client = Connect(protocol);
        var (first, destination) = KeysOnDifferentShards("cross");
        var (second, _) = KeysOnDifferentShards("cross");
        client.Execute("SADD", first, "a", "b", "c");
        client.Execute("SADD", second, "b", "c", "d");
        AssertInteger(expected.Length, client.Execute(command, destination, first, second));
        Assert.Equal(expected, Sorted(client.Execute("SMEMBERS", destination)));
        Assert.Equal(expected, Sorted(client.Execute(command[..^5], first, second)));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Sintercard_argument_errors(int protocol)
    {
        using var client = Connect(protocol);
        var (set, text) = (NewKey("set"), NewKey("string"));
        AssertError("ERR wrong number of arguments for 'sintercard' command", client.Execute("SINTERCARD"));
        AssertError("ERR numkeys should be greater than 0", client.Execute("SINTERCARD", "0", set));
        AssertError("ERR numkeys should be greater than 0", client.Execute("SINTERCARD", "a", set));
        AssertError("ERR numkeys should be greater than 0", client.Execute("SINTERCARD", "-1", set));
        AssertError("ERR Number of keys can't be greater than number of args", client.Execute("SINTERCARD", "2", set));
        AssertError("ERR Number of keys can't be greater than number of args", client.Execute("SINTERCARD", "3", set, NewKey()));
        AssertError("ERR syntax error", client.Execute("SINTERCARD", "1", set, NewKey()));
        AssertError("ERR syntax error", client.Execute("SINTERCARD", "1", set, "bar_arg"));
        AssertError("ERR syntax error", client.Execute("SINTERCARD", "1", set, "LIMIT"));
        AssertError("ERR LIMIT can't be negative", client.Execute("SINTERCARD", "1", set, "LIMIT", "-1"));
        AssertError("ERR LIMIT can't be negative", client.Execute("SINTERCARD", "1", set, "LIMIT", "a"));

        client.Execute("SADD", set, "a", "b", "c");
        client.Execute("SET", text, "x");
        AssertError(WrongType, client.Execute("SINTERCARD", "1", text));
        AssertError(WrongType, client.Execute("SINTERCARD", "2", set, text));
        AssertError(WrongType, client.Execute("SINTERCARD", "2", text, NewKey("noset")));
        AssertInteger(0, client.Execute("SINTERCARD", "1", NewKey("missing")));
        AssertInteger(0, client.Execute("SINTERCARD", "1", NewKey("missing"), "limit", "10"));
        AssertInteger(3, client.Execute("SINTERCARD", "1", set, "LIMIT", "5", "LIMIT", "0"));
    }

    [Fact]
    public void Sintercard_reports_its_keys_as_movable()
    {
        using var client = Connect();
        var keys = client.Execute("COMMAND", "GETKEYS", "SINTERCARD", "2", "a", "b", "LIMIT", "1");
        AssertTexts(["a", "b"], keys);
        var info = client.Execute("COMMAND", "INFO", "SINTERCARD").Items![0];
        Assert.Contains("movablekeys", Texts(info.Items![2]));
    }

    private static string[] Ordered(params string[] members) => members.Order(StringComparer.Ordinal).ToArray();

    /// <summary>Like Redis's randomValue: integers of various widths, or short random strings.</summary>
    private static string RandomValue(Random random) => random.Next(4) switch
    {
        0 => random.Next(100).ToString(),
        1 => random.NextInt64(-4_000_000_000, 4_000_000_000).ToString(),
        2 => "s" + random.Next(200),
        _ => new string((char)('a' + random.Next(26)), random.Next(1, 4)),
    };
}
