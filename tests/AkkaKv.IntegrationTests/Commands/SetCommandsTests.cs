using AkkaKv.IntegrationTests.Infrastructure;
using AkkaKv.Protocol;

namespace AkkaKv.IntegrationTests.Commands;

/// <summary>
/// Redis's unit/type/set: the set commands under RESP2 and RESP3, the intset/listpack/hashtable encodings and their
/// conversions, cross-shard SMOVE and STORE forms, SSCAN's guarantee, SPOP's journal, member expiry.
/// </summary>
public sealed partial class SetCommandsTests(ServerFixture server) : CommandTestBase(server), IClassFixture<ServerFixture>
{
    private const string WrongType = "WRONGTYPE Operation against a key holding the wrong kind of value";

    // ---- SADD, SCARD, SISMEMBER, SMISMEMBER, SMEMBERS ---------------------------------------------------------------

    [Theory]
    [InlineData(2, "intset")]
    [InlineData(3, "intset")]
    [InlineData(2, "listpack")]
    [InlineData(3, "listpack")]
    [InlineData(2, "hashtable")]
    [InlineData(3, "hashtable")]
    public void Sadd_scard_sismember_smismember_smembers_basics(int protocol, string encoding)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        string[] initial = encoding switch
        {
            "intset" => ["17"],
            "listpack" => ["foo"],
            _ => ["foo", .. Enumerable.Range(0, 130).Select(i => $"i{i:D3}")],
        };
        AssertInteger(initial.Length, client.Execute(["SADD", key, .. initial]));
        AssertEncoding(client, key, encoding);
        var (present, added, absent) = encoding == "intset" ? ("17", "16", "18") : ("foo", "bar", "bla");

        AssertInteger(1, client.Execute("SADD", key, added));
        AssertInteger(0, client.Execute("SADD", key, added));
        AssertInteger(initial.Length + 1, client.Execute("SCARD", key));
        AssertInteger(1, client.Execute("SISMEMBER", key, present));
        AssertInteger(1, client.Execute("SISMEMBER", key, added));
        AssertInteger(0, client.Execute("SISMEMBER", key, absent));
        AssertIntegers([1], client.Execute("SMISMEMBER", key, present));
        AssertIntegers([1, 1], client.Execute("SMISMEMBER", key, present, added));
        AssertIntegers([1, 0], client.Execute("SMISMEMBER", key, present, absent));
        AssertIntegers([0, 1], client.Execute("SMISMEMBER", key, absent, present));
        var members = client.Execute("SMEMBERS", key);
        AssertSetType(protocol, members);
        Assert.Equal(initial.Append(added).Order(StringComparer.Ordinal), Sorted(members));
    }

    [Fact]
    public void Smembers_is_a_set_reply_in_resp3_and_an_array_in_resp2_bytes()
    {
        var key = NewKey();
        const string Members = "$1\r\n1\r\n$1\r\n2\r\n$1\r\n3\r\n";
        AssertRawReply(":3\r\n~3\r\n" + Members, Command("SADD", key, "3", "1", "2") + Command("SMEMBERS", key), protocol: 3);
        AssertRawReply("*3\r\n" + Members, Command("SMEMBERS", key));
        AssertRawReply("~0\r\n", Command("SMEMBERS", NewKey()), protocol: 3);
        AssertRawReply("*0\r\n", Command("SMEMBERS", NewKey()));
        var listpack = NewKey();
        AssertRawReply(":2\r\n~2\r\n$1\r\nb\r\n$1\r\na\r\n", Command("SADD", listpack, "b", "a") + Command("SMEMBERS", listpack), protocol: 3);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Set_commands_against_a_missing_key(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        AssertIntegers([0], client.Execute("SMISMEMBER", key, "foo"));
        AssertIntegers([0, 0], client.Execute("SMISMEMBER", key, "foo", "bar"));
        Assert.Empty(Texts(client.Execute("SMEMBERS", key)));
        AssertInteger(0, client.Execute("SCARD", key));
        AssertInteger(0, client.Execute("SISMEMBER", key, "foo"));
        AssertInteger(0, client.Execute("SREM", key, "foo"));
        AssertNull(client.Execute("SPOP", key));
        AssertNull(client.Execute("SRANDMEMBER", key));
        AssertInteger(0, client.Execute("EXISTS", key));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Set_commands_against_a_key_of_another_type_are_wrongtype(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        var set = NewKey("set");
        AssertInteger(1, client.Execute("LPUSH", key, "foo"));
        AssertInteger(1, client.Execute("SADD", set, "a"));
        string[][] commands =
        [
            ["SADD", key, "bar"], ["SREM", key, "bar"], ["SMEMBERS", key], ["SISMEMBER", key, "a"], ["SMISMEMBER", key, "a"],
            ["SCARD", key], ["SPOP", key], ["SPOP", key, "0"], ["SRANDMEMBER", key], ["SRANDMEMBER", key, "0"],
            ["SSCAN", key, "0"], ["SMOVE", key, set, "a"], ["SMOVE", set, key, "a"], ["SINTER", set, key],
            ["SUNION", key, set], ["SDIFF", set, key], ["SINTERCARD", "2", set, key],
        ];
        foreach (var command in commands) AssertError(WrongType, client.Execute(command));
        AssertTexts(["foo"], client.Execute("LRANGE", key, "0", "-1"));
        AssertTexts(["a"], client.Execute("SMEMBERS", set));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Set_commands_check_their_arity(int protocol)
    {
        using var client = Connect(protocol);
        AssertError("ERR wrong number of arguments for 'sadd' command", client.Execute("SADD", NewKey()));
        AssertError("ERR wrong number of arguments for 'smismember' command", client.Execute("SMISMEMBER", NewKey()));
        AssertError("ERR wrong number of arguments for 'smove' command", client.Execute("SMOVE", NewKey(), NewKey()));
        AssertError("ERR wrong number of arguments for 'sintercard' command", client.Execute("SINTERCARD", "1"));
        AssertError("ERR wrong number of arguments for 'sscan' command", client.Execute("SSCAN", NewKey()));
        AssertError("ERR syntax error", client.Execute("SPOP", NewKey(), "1", "2"));
        AssertError("ERR syntax error", client.Execute("SRANDMEMBER", NewKey(), "1", "2"));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Variadic_sadd_counts_only_new_members(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        AssertInteger(3, client.Execute("SADD", key, "a", "b", "c"));
        AssertInteger(2, client.Execute("SADD", key, "A", "a", "b", "c", "B"));
        Assert.Equal(["A", "B", "a", "b", "c"], Sorted(client.Execute("SMEMBERS", key)));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Binary_members_round_trip(int protocol)
    {
        using var client = Connect(protocol);
        var key = System.Text.Encoding.UTF8.GetBytes(NewKey());
        byte[] binary = [0, 1, 255, (byte)'\r', (byte)'\n'];
        AssertInteger(2, client.Execute("SADD"u8.ToArray(), key, binary, []));
        AssertInteger(1, client.Execute("SISMEMBER"u8.ToArray(), key, binary));
        AssertInteger(1, client.Execute("SISMEMBER"u8.ToArray(), key, []));
        var members = client.Execute("SMEMBERS"u8.ToArray(), key).Items!.Select(i => i.Bytes!).ToList();
        Assert.Contains(members, m => m.SequenceEqual(binary));
        Assert.Contains(members, m => m.Length == 0);
    }

    // ---- encodings ----------------------------------------------------------------------------------------------

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void A_non_integer_converts_a_small_intset_to_a_listpack_and_a_large_one_to_a_hashtable(int protocol)
    {
        using var client = Connect(protocol);
        var small = NewKey();
        client.Execute("SADD", small, "1", "2", "3");
        AssertEncoding(client, small, "intset");
        AssertInteger(1, client.Execute("SADD", small, "a"));
        AssertEncoding(client, small, "listpack");

        var large = NewKey();
        client.Execute("SADD", large, "0");
        for (var i = 1; i < 130; i++) client.Execute("SADD", large, i.ToString());
        AssertEncoding(client, large, "intset");
        AssertInteger(1, client.Execute("SADD", large, "a"));
        AssertEncoding(client, large, "hashtable");
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void An_integer_larger_than_64_bits_is_a_string_member(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        client.Execute("SADD", key, "213244124402402314402033402");
        AssertEncoding(client, key, "listpack");
        AssertInteger(1, client.Execute("SISMEMBER", key, "213244124402402314402033402"));

        var large = NewKey();
        client.Execute(["SADD", large, .. Enumerable.Range(0, 130).Select(i => i.ToString())]);
        AssertEncoding(client, large, "intset");
        client.Execute("SADD", large, "213244124402402314402033402");
        AssertEncoding(client, large, "hashtable");
        AssertIntegers([1], client.Execute("SMISMEMBER", large, "213244124402402314402033402"));
    }

    [Theory]
    [InlineData(2, "single")]
    [InlineData(3, "multiple")]
    [InlineData(2, "single_multiple")]
    public void Sadd_overflowing_an_intset_or_a_listpack_makes_a_hashtable(int protocol, string how)
    {
        using var client = Connect(protocol);
        var ints = Enumerable.Range(0, 512).Select(i => i.ToString()).ToArray();
        var strings = new[] { "a" }.Concat(Enumerable.Range(0, 127).Select(i => i.ToString())).ToArray();
        foreach (var (members, encoding, overflow) in new[] { (ints, "intset", "512"), (strings, "listpack", "b") })
        {
            var key = NewKey();
            if (how == "single")
            {
                foreach (var member in members) client.Execute("SADD", key, member);
            }
            else
            {
                if (how == "single_multiple") client.Execute("SADD", key, members[0]);
                client.Execute(["SADD", key, .. members]);
            }
            AssertEncoding(client, key, encoding);
            AssertInteger(members.Length, client.Execute("SCARD", key));
            AssertInteger(1, client.Execute("SADD", key, overflow));
            AssertEncoding(client, key, "hashtable");
        }
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Config_set_thresholds_drive_intset_listpack_hashtable(int protocol)
    {
        using var client = Connect(protocol);
        WithConfig([("set-max-intset-entries", "3"), ("set-max-listpack-entries", "4"), ("set-max-listpack-value", "5")], () =>
        {
            var key = NewKey();
            client.Execute("SADD", key, "1", "2", "3");
            AssertEncoding(client, key, "intset");
            client.Execute("SADD", key, "x");
            AssertEncoding(client, key, "listpack");
            client.Execute("SADD", key, "y");
            AssertEncoding(client, key, "hashtable");
            client.Execute("SREM", key, "x", "y", "1");
            AssertEncoding(client, key, "hashtable");

            var tooLong = NewKey();
            client.Execute("SADD", tooLong, "abcde");
            AssertEncoding(client, tooLong, "listpack");
            client.Execute("SADD", tooLong, "abcdef");
            AssertEncoding(client, tooLong, "hashtable");

            var intsetOverflow = NewKey();
            client.Execute("SADD", intsetOverflow, "1", "2", "3");
            client.Execute("SADD", intsetOverflow, "4");
            AssertEncoding(client, intsetOverflow, "hashtable");

            // Created for more integers than an intset holds: a listpack when they fit one (Redis 7.2's setTypeCreate).
            var tooManyInts = NewKey();
            client.Execute("SADD", tooManyInts, "1", "2", "3", "4");
            AssertEncoding(client, tooManyInts, "listpack");

            var wideInts = NewKey();
            client.Execute("SADD", wideInts, "123456");
            client.Execute("SADD", wideInts, "a");
            AssertEncoding(client, wideInts, "hashtable");
        });
    }

    // ---- SREM ---------------------------------------------------------------------------------------------------

    [Theory]
    [InlineData(2, "intset")]
    [InlineData(3, "listpack")]
    [InlineData(2, "hashtable")]
    public void Srem_basics(int protocol, string encoding)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        string[] members = encoding switch
        {
            "intset" => ["3", "4", "5"],
            "listpack" => ["foo", "ciao"],
            _ => ["ciao", .. Enumerable.Range(0, 130).Select(i => $"i{i:D3}")],
        };
        client.Execute(["SADD", key, .. members]);
        AssertEncoding(client, key, encoding);
        AssertInteger(0, client.Execute("SREM", key, "qux"));
        AssertInteger(1, client.Execute("SREM", key, members[1]));
        Assert.Equal(members.Where((_, i) => i != 1).Order(StringComparer.Ordinal), Sorted(client.Execute("SMEMBERS", key)));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Srem_with_multiple_arguments_deletes_the_emptied_key(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        client.Execute("SADD", key, "a", "b", "c", "d");
        AssertInteger(0, client.Execute("SREM", key, "k", "k", "k"));
        AssertInteger(2, client.Execute("SREM", key, "b", "d", "x", "y"));
        Assert.Equal(["a", "c"], Sorted(client.Execute("SMEMBERS", key)));

        var ints = NewKey();
        client.Execute("SADD", ints, "1", "2", "3");
        AssertInteger(3, client.Execute("SREM", ints, "1", "2", "3", "4", "5", "6", "7", "8"));
        AssertInteger(0, client.Execute("EXISTS", ints));
    }

    // ---- SMOVE --------------------------------------------------------------------------------------------------

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Smove_converts_the_destination_only_when_the_member_needs_it(int protocol)
    {
        using var client = Connect(protocol);
        var (regular, ints) = SetupMove(client);
        AssertInteger(1, client.Execute("SMOVE", regular, ints, "a"));
        Assert.Equal(["1", "b"], Sorted(client.Execute("SMEMBERS", regular)));
        Assert.Equal(["2", "3", "4", "a"], Sorted(client.Execute("SMEMBERS", ints)));
        AssertEncoding(client, ints, "listpack");

        (regular, ints) = SetupMove(client);
        AssertInteger(1, client.Execute("SMOVE", regular, ints, "1"));
        Assert.Equal(["a", "b"], Sorted(client.Execute("SMEMBERS", regular)));
        Assert.Equal(["1", "2", "3", "4"], Sorted(client.Execute("SMEMBERS", ints)));
        AssertEncoding(client, ints, "intset");

        (regular, ints) = SetupMove(client);
        AssertInteger(1, client.Execute("SMOVE", ints, regular, "2"));
        Assert.Equal(["1", "2", "a", "b"], Sorted(client.Execute("SMEMBERS", regular)));
        Assert.Equal(["3", "4"], Sorted(client.Execute("SMEMBERS", ints)));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Smove_of_a_missing_member_or_source_changes_nothing(int protocol)
    {
        using var client = Connect(protocol);
        var (regular, ints) = SetupMove(client);
        AssertInteger(0, client.Execute("SMOVE", regular, ints, "foo"));
        AssertInteger(0, client.Execute("SMOVE", regular, regular, "foo"));
        AssertInteger(0, client.Execute("SMOVE", NewKey("nosuch"), ints, "foo"));
        Assert.Equal(["1", "a", "b"], Sorted(client.Execute("SMEMBERS", regular)));
        Assert.Equal(["2", "3", "4"], Sorted(client.Execute("SMEMBERS", ints)));

        var text = NewKey("string");
        client.Execute("SET", text, "10");
        AssertInteger(0, client.Execute("SMOVE", NewKey("nosuch"), text, "foo"));
        AssertError(WrongType, client.Execute("SMOVE", text, ints, "foo"));
        AssertError(WrongType, client.Execute("SMOVE", ints, text, "2"));
        AssertInteger(1, client.Execute("SISMEMBER", ints, "2"));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Smove_creates_the_destination_and_deletes_an_emptied_source(int protocol)
    {
        using var client = Connect(protocol);
        var (regular, ints) = SetupMove(client);
        var created = NewKey("created");
        AssertInteger(1, client.Execute("SMOVE", regular, created, "a"));
        AssertTexts(["a"], client.Execute("SMEMBERS", created));
        AssertEncoding(client, created, "listpack");

        var createdInt = NewKey("created");
        AssertInteger(1, client.Execute("SMOVE", ints, createdInt, "2"));
        AssertEncoding(client, createdInt, "intset");

        var single = NewKey("single");
        client.Execute("SADD", single, "x");
        AssertInteger(1, client.Execute("SMOVE", single, regular, "x"));
        AssertInteger(0, client.Execute("EXISTS", single));
        AssertInteger(1, client.Execute("SMOVE", regular, regular, "x"));
        AssertInteger(0, client.Execute("SMOVE", regular, regular, "nope"));
        Assert.Equal(["1", "b", "x"], Sorted(client.Execute("SMEMBERS", regular)));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Smove_across_shards_moves_atomically_and_readers_never_see_the_member_twice_or_never(int protocol)
    {
        using var client = Connect(protocol);
        var (left, right) = KeysOnDifferentShards("smove");
        client.Execute(["SADD", left, .. Enumerable.Range(0, 50).Select(i => "m" + i)]);
        client.Execute("SADD", right, "seed");
        using var reader = Connect(protocol);
        var stop = false;
        var anomalies = 0;
        var checks = 0;
        // Each read is one multi-key command, atomic across the shards: a member in both sets, or in neither, shows.
        var readerTask = Task.Run(() =>
        {
            while (!Volatile.Read(ref stop) && checks < 100_000)
            {
                var common = reader.Execute("SINTERCARD", "2", left, right);
                var union = reader.Execute("SUNION", left, right);
                if (common.Integer != 0 || union.Items!.Count != 51) anomalies++;
                checks++;
            }
        });
        for (var round = 0; round < 3; round++)
        {
            for (var i = 0; i < 50; i++) AssertInteger(1, client.Execute("SMOVE", left, right, "m" + i));
            for (var i = 0; i < 50; i++) AssertInteger(1, client.Execute("SMOVE", right, left, "m" + i));
        }
        Volatile.Write(ref stop, true);
        Assert.True(readerTask.Wait(TimeSpan.FromSeconds(30)));
        Assert.True(checks > 0);
        Assert.Equal(0, anomalies);
        AssertInteger(50, client.Execute("SCARD", left));
        AssertTexts(["seed"], client.Execute("SMEMBERS", right));

        var (source, destination) = KeysOnDifferentShards("smove");
        client.Execute("SADD", source, "only");
        AssertInteger(1, client.Execute("SMOVE", source, destination, "only"));
        AssertInteger(0, client.Execute("EXISTS", source));
        AssertTexts(["only"], client.Execute("SMEMBERS", destination));
    }

    // ---- SSCAN --------------------------------------------------------------------------------------------------

    [Theory]
    [InlineData(2, "intset")]
    [InlineData(3, "intset")]
    [InlineData(2, "listpack")]
    [InlineData(3, "listpack")]
    public void Sscan_returns_a_compact_set_whole_with_cursor_zero(int protocol, string encoding)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        var members = encoding == "intset" ? new[] { "1", "2", "3", "10", "20" } : ["a1", "a2", "b1", "1", "x"];
        client.Execute(["SADD", key, .. members]);
        AssertEncoding(client, key, encoding);
        var reply = client.Execute("SSCAN", key, "0", "COUNT", "1");
        AssertBulk("0", reply.Items![0]);
        Assert.Equal(members.Order(StringComparer.Ordinal), Sorted(reply.Items[1]));
        var matched = client.Execute("SSCAN", key, "12345", "MATCH", encoding == "intset" ? "1*" : "a*");
        AssertBulk("0", matched.Items![0]);
        Assert.Equal(encoding == "intset" ? ["1", "10"] : ["a1", "a2"], Sorted(matched.Items[1]));
    }

    [Fact]
    public void Sscan_reply_bytes()
    {
        var key = NewKey();
        AssertRawReply(":2\r\n*2\r\n$1\r\n0\r\n*2\r\n$1\r\n1\r\n$1\r\n2\r\n", Command("SADD", key, "2", "1") + Command("SSCAN", key, "0"), protocol: 3);
        AssertRawReply("*2\r\n$1\r\n0\r\n*0\r\n", Command("SSCAN", NewKey(), "0", "COUNT", "abc"));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Sscan_errors_follow_redis_order(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        client.Execute("SADD", key, "1", "2", "3");
        AssertError("ERR invalid cursor", client.Execute("SSCAN", key, "abc"));
        AssertError("ERR invalid cursor", client.Execute("SSCAN", key, " 1"));
        AssertError("ERR value is not an integer or out of range", client.Execute("SSCAN", key, "0", "COUNT", "abc"));
        AssertError("ERR syntax error", client.Execute("SSCAN", key, "0", "COUNT", "0"));
        AssertError("ERR syntax error", client.Execute("SSCAN", key, "0", "MATCH"));
        AssertError("ERR syntax error", client.Execute("SSCAN", key, "0", "TYPE", "string"));
        AssertBulk("0", client.Execute("SSCAN", key, "").Items![0]);
        AssertBulk("0", client.Execute("SSCAN", key, "-1").Items![0]);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Sscan_of_a_hashtable_returns_every_stable_member_while_the_set_grows_and_shrinks(int protocol)
    {
        using var client = Connect(protocol);
        using var writer = Connect(protocol);
        var key = NewKey();
        var stable = Enumerable.Range(0, 1000).Select(i => "stable:" + i).ToArray();
        client.Execute(["SADD", key, .. stable]);
        AssertEncoding(client, key, "hashtable");
        var seen = new HashSet<string>();
        var cursor = "0";
        var calls = 0;
        var churn = 0;
        do
        {
            var reply = client.Execute("SSCAN", key, cursor, "COUNT", "20");
            cursor = reply.Items![0].Text!;
            foreach (var member in Texts(reply.Items[1])) seen.Add(member!);
            // Grow by a lot, then shrink back below the start, while the scan runs.
            if (calls % 2 == 0) writer.Execute(["SADD", key, .. Enumerable.Range(churn, 300).Select(i => "churn:" + i)]);
            else writer.Execute(["SREM", key, .. Enumerable.Range(churn, 300).Select(i => "churn:" + i)]);
            if (calls % 2 == 1) churn += 300;
            calls++;
        }
        while (cursor != "0" && calls < 5_000);

        Assert.Equal("0", cursor);
        var missed = stable.Where(m => !seen.Contains(m)).ToList();
        Assert.True(missed.Count == 0, $"never returned: {string.Join(", ", missed.Take(10))}");
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private (string Regular, string Ints) SetupMove(RespClient client)
    {
        var (regular, ints) = KeysOnDifferentShards("move");
        client.Execute("SADD", regular, "1", "a", "b");
        client.Execute("SADD", ints, "2", "3", "4");
        AssertEncoding(client, regular, "listpack");
        AssertEncoding(client, ints, "intset");
        return (regular, ints);
    }

    private static void AssertEncoding(RespClient client, string key, string expected) =>
        AssertBulk(expected, client.Execute("OBJECT", "ENCODING", key));

    private static void AssertIntegers(long[] expected, RespValue reply)
    {
        Assert.True(reply.Type == RespType.Array, $"expected an array of integers, got {reply}");
        Assert.Equal(expected, reply.Items!.Select(i => i.Integer));
        Assert.All(reply.Items!, i => Assert.Equal(RespType.Integer, i.Type));
    }

    private static void AssertSetType(int protocol, RespValue reply) =>
        Assert.Equal(protocol == 3 ? RespType.Set : RespType.Array, reply.Type);

    private static string[] Sorted(RespValue reply) => Texts(reply).Select(t => t!).Order(StringComparer.Ordinal).ToArray();

    /// <summary>Runs <paramref name="body"/> with config parameters changed, restoring them after.</summary>
    private void WithConfig((string Name, string Value)[] changes, Action body)
    {
        using var admin = Connect();
        var saved = changes.Select(c => (c.Name, Texts(admin.Execute("CONFIG", "GET", c.Name))[1]!)).ToArray();
        try
        {
            foreach (var (name, value) in changes) AssertOk(admin.Execute("CONFIG", "SET", name, value));
            body();
        }
        finally
        {
            foreach (var (name, value) in saved) admin.Execute("CONFIG", "SET", name, value);
        }
    }
}
