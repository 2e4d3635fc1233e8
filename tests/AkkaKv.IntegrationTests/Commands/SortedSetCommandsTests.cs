using AkkaKv.IntegrationTests.Infrastructure;
using AkkaKv.Protocol;

namespace AkkaKv.IntegrationTests.Commands;

/// <summary>
/// Redis's unit/type/zset: the sorted-set commands under RESP2 and RESP3. This part: ZADD and its options, single
/// member reads and writes, score formatting, encodings and conversions. The other parts cover ranges, pops,
/// random picks and scans, set algebra, and what is journaled.
/// </summary>
public sealed partial class SortedSetCommandsTests(ServerFixture server) : CommandTestBase(server), IClassFixture<ServerFixture>
{
    // ---- ZADD -----------------------------------------------------------------------------------------------------

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Zadd_adds_and_updates_and_counts_only_new_members(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        AssertInteger(3, client.Execute("ZADD", key, "10", "x", "20", "y", "30", "z"));
        AssertInteger(1, client.Execute("ZADD", key, "1", "y", "5", "w"));
        AssertInteger(4, client.Execute("ZCARD", key));
        AssertScored(protocol, client.Execute("ZRANGE", key, "0", "-1", "WITHSCORES"), "y", "1", "w", "5", "x", "10", "z", "30");
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Zadd_options_follow_redis(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        AssertInteger(0, client.Execute("ZADD", key, "XX", "10", "x"));
        AssertInteger(0, client.Execute("EXISTS", key));
        AssertInteger(1, client.Execute("ZADD", key, "NX", "10", "x"));
        AssertInteger(0, client.Execute("ZADD", key, "NX", "20", "x"));
        AssertBulkOrDouble("10", client.Execute("ZSCORE", key, "x"));
        AssertInteger(0, client.Execute("ZADD", key, "XX", "20", "x", "30", "new"));
        AssertBulkOrDouble("20", client.Execute("ZSCORE", key, "x"));
        AssertNull(client.Execute("ZSCORE", key, "new"));
        AssertInteger(2, client.Execute("ZADD", key, "CH", "21", "x", "5", "y"));
        AssertInteger(1, client.Execute("ZADD", key, "GT", "CH", "10", "x", "6", "y"));
        AssertScored(protocol, client.Execute("ZRANGE", key, "0", "-1", "WITHSCORES"), "y", "6", "x", "21");
        AssertInteger(1, client.Execute("ZADD", key, "LT", "CH", "30", "x", "1", "y"));
        AssertInteger(1, client.Execute("ZADD", key, "GT", "1", "z"));
        AssertInteger(1, client.Execute("ZADD", key, "XX", "LT", "CH", "0", "z", "0", "nope"));
        AssertScored(protocol, client.Execute("ZRANGE", key, "0", "-1", "WITHSCORES"), "z", "0", "y", "1", "x", "21");
    }

    [Theory]
    [InlineData(2, "NX", "XX", "ERR XX and NX options at the same time are not compatible")]
    [InlineData(3, "GT", "LT", "ERR GT, LT, and/or NX options at the same time are not compatible")]
    [InlineData(2, "NX", "GT", "ERR GT, LT, and/or NX options at the same time are not compatible")]
    [InlineData(3, "LT", "NX", "ERR GT, LT, and/or NX options at the same time are not compatible")]
    public void Zadd_refuses_incompatible_options(int protocol, string first, string second, string error)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        AssertError(error, client.Execute("ZADD", key, first, second, "1", "a"));
        AssertInteger(0, client.Execute("EXISTS", key));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Zadd_refuses_bad_pairs_and_scores_before_changing_anything(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        AssertInteger(1, client.Execute("ZADD", key, "1", "a"));
        AssertError("ERR syntax error", client.Execute("ZADD", key, "1", "b", "2"));
        AssertError("ERR syntax error", client.Execute("ZADD", key, "NX", "CH"));
        AssertError("ERR value is not a valid float", client.Execute("ZADD", key, "2", "b", "abc", "c"));
        AssertError("ERR value is not a valid float", client.Execute("ZADD", key, "nan", "c"));
        AssertError("ERR value is not a valid float", client.Execute("ZADD", key, " 1", "c"));
        AssertError("ERR INCR option supports a single increment-element pair", client.Execute("ZADD", key, "INCR", "1", "a", "2", "b"));
        AssertError("ERR wrong number of arguments for 'zadd' command", client.Execute("ZADD", key, "1"));
        AssertInteger(1, client.Execute("ZCARD", key));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Zadd_incr_and_zincrby_reply_the_new_score_or_null(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        AssertBulkOrDouble("2.5", client.Execute("ZINCRBY", key, "2.5", "a"));
        AssertBulkOrDouble("3", client.Execute("ZADD", key, "INCR", "0.5", "a"));
        AssertNull(client.Execute("ZADD", key, "NX", "INCR", "1", "a"));
        AssertNull(client.Execute("ZADD", key, "XX", "INCR", "1", "b"));
        AssertNull(client.Execute("ZADD", key, "GT", "INCR", "-1", "a"));
        AssertBulkOrDouble("-inf", client.Execute("ZINCRBY", key, "-inf", "a"));
        AssertError("ERR resulting score is not a number (NaN)", client.Execute("ZINCRBY", key, "+inf", "a"));
        AssertError("ERR resulting score is not a number (NaN)", client.Execute("ZADD", key, "INCR", "inf", "a"));
        AssertBulkOrDouble("-inf", client.Execute("ZSCORE", key, "a"));
        AssertError("ERR value is not a valid float", client.Execute("ZINCRBY", key, "x", "a"));
    }

    [Fact]
    public void Zincrby_and_zadd_incr_reply_doubles_bytes()
    {
        var key = NewKey();
        AssertRawReply("$3\r\n1.5\r\n$1\r\n3\r\n", Command("ZINCRBY", key, "1.5", "m") + Command("ZADD", key, "INCR", "1.5", "m"));
        AssertRawReply(",4.5\r\n_\r\n", Command("ZINCRBY", key, "1.5", "m") + Command("ZADD", key, "NX", "INCR", "1", "m"), protocol: 3);
    }

    // ---- single-member reads and writes ---------------------------------------------------------------------------

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Zscore_and_zmscore_report_scores_or_nulls(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        client.Execute("ZADD", key, "1.5", "a", "-3", "b");
        AssertBulkOrDouble("1.5", client.Execute("ZSCORE", key, "a"));
        AssertNull(client.Execute("ZSCORE", key, "zz"));
        AssertNull(client.Execute("ZSCORE", NewKey(), "a"));
        var scores = client.Execute("ZMSCORE", key, "b", "zz", "a");
        Assert.Equal(3, scores.Items!.Count);
        AssertBulkOrDouble("-3", scores.Items[0]);
        AssertNull(scores.Items[1]);
        AssertBulkOrDouble("1.5", scores.Items[2]);
        var missing = client.Execute("ZMSCORE", NewKey(), "a", "b");
        Assert.All(missing.Items!, AssertNull);
    }

    [Theory]
    [InlineData(1.5, "1.5")]
    [InlineData(0.1, "0.1")]
    [InlineData(1e20, "1e+20")]
    [InlineData(1.5e-7, "1.5e-7")]
    [InlineData(-2.0, "-2")]
    [InlineData(123456789012345678901234.0, "123456789012345690000000")]
    public void Scores_print_as_redis_7_2_does_bytes(double score, string text)
    {
        var key = NewKey();
        var written = score.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        AssertRawReply($":1\r\n${text.Length}\r\n{text}\r\n", Command("ZADD", key, written, "m") + Command("ZSCORE", key, "m"));
        AssertRawReply($",{text}\r\n", Command("ZSCORE", key, "m"), protocol: 3);
    }

    [Fact]
    public void Infinite_scores_print_as_inf_bytes()
    {
        var key = NewKey();
        AssertRawReply(":2\r\n*4\r\n$1\r\na\r\n$4\r\n-inf\r\n$1\r\nb\r\n$3\r\ninf\r\n",
            Command("ZADD", key, "-inf", "a", "+inf", "b") + Command("ZRANGE", key, "0", "-1", "WITHSCORES"));
        AssertRawReply("*2\r\n*2\r\n$1\r\na\r\n,-inf\r\n*2\r\n$1\r\nb\r\n,inf\r\n", Command("ZRANGE", key, "0", "-1", "WITHSCORES"), protocol: 3);
    }

    [Fact]
    public void Negative_zero_is_zero_in_a_listpack_but_kept_in_a_skiplist_bytes()
    {
        var small = NewKey();
        AssertRawReply(":1\r\n$1\r\n0\r\n", Command("ZADD", small, "-0", "m") + Command("ZSCORE", small, "m"));
        using var client = Connect();
        var big = NewKey();
        WithListpackEntries(client, "0", () =>
            AssertRawReply(":1\r\n$2\r\n-0\r\n", Command("ZADD", big, "-0", "m") + Command("ZSCORE", big, "m")));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Zrank_and_zrevrank_with_and_without_scores(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        client.Execute("ZADD", key, "10", "x", "20", "y", "30", "z");
        AssertInteger(0, client.Execute("ZRANK", key, "x"));
        AssertInteger(2, client.Execute("ZRANK", key, "z"));
        AssertInteger(2, client.Execute("ZREVRANK", key, "x"));
        AssertInteger(0, client.Execute("ZREVRANK", key, "z"));
        AssertNull(client.Execute("ZRANK", key, "nope"));
        AssertNull(client.Execute("ZRANK", NewKey(), "nope"));
        var withScore = client.Execute("ZREVRANK", key, "y", "WITHSCORE");
        AssertInteger(1, withScore.Items![0]);
        AssertBulkOrDouble("20", withScore.Items[1]);
        AssertNull(client.Execute("ZRANK", key, "nope", "WITHSCORE"));
        AssertError("ERR syntax error", client.Execute("ZRANK", key, "x", "WITHSCORES"));
        AssertError("ERR wrong number of arguments for 'zrank' command", client.Execute("ZRANK", key, "x", "WITHSCORE", "x"));
        client.Execute("ZADD", key, "25", "x");
        AssertInteger(1, client.Execute("ZRANK", key, "x"));
    }

    [Fact]
    public void Zrank_withscore_of_a_missing_member_is_a_null_array_bytes()
    {
        var key = NewKey();
        AssertRawReply(":1\r\n*-1\r\n$-1\r\n", Command("ZADD", key, "1", "a") + Command("ZRANK", key, "b", "WITHSCORE") + Command("ZRANK", key, "b"));
        AssertRawReply("_\r\n*2\r\n:0\r\n,1\r\n", Command("ZRANK", key, "b", "WITHSCORE") + Command("ZRANK", key, "a", "WITHSCORE"), protocol: 3);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Zrem_removes_members_and_the_key_with_the_last_one(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        client.Execute("ZADD", key, "1", "a", "2", "b", "3", "c");
        AssertInteger(0, client.Execute("ZREM", key, "nope"));
        AssertInteger(2, client.Execute("ZREM", key, "a", "nope", "b", "a"));
        AssertInteger(1, client.Execute("ZREM", key, "c", "d"));
        AssertInteger(0, client.Execute("EXISTS", key));
        AssertInteger(0, client.Execute("ZREM", key, "c"));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Every_command_refuses_another_type(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        var other = NewKey();
        client.Execute("SET", key, "string");
        client.Execute("ZADD", other, "1", "a");
        const string WrongType = "WRONGTYPE Operation against a key holding the wrong kind of value";
        string[][] commands =
        [
            ["ZADD", key, "1", "a"], ["ZINCRBY", key, "1", "a"], ["ZCARD", key], ["ZSCORE", key, "a"], ["ZMSCORE", key, "a"],
            ["ZRANK", key, "a"], ["ZREVRANK", key, "a"], ["ZREM", key, "a"], ["ZCOUNT", key, "0", "1"], ["ZLEXCOUNT", key, "-", "+"],
            ["ZRANGE", key, "0", "-1"], ["ZREVRANGE", key, "0", "-1"], ["ZRANGEBYSCORE", key, "0", "1"], ["ZREVRANGEBYSCORE", key, "1", "0"],
            ["ZRANGEBYLEX", key, "-", "+"], ["ZREVRANGEBYLEX", key, "+", "-"], ["ZREMRANGEBYRANK", key, "0", "1"],
            ["ZREMRANGEBYSCORE", key, "0", "1"], ["ZREMRANGEBYLEX", key, "-", "+"], ["ZPOPMIN", key], ["ZPOPMAX", key, "2"],
            ["ZMPOP", "1", key, "MIN"], ["ZRANDMEMBER", key], ["ZRANDMEMBER", key, "2"], ["ZSCAN", key, "0"],
            ["ZUNION", "2", other, key], ["ZINTER", "2", other, key], ["ZDIFF", "2", other, key], ["ZINTERCARD", "2", other, key],
            ["ZUNIONSTORE", NewKey(), "2", other, key], ["ZRANGESTORE", NewKey(), key, "0", "-1"], ["BZPOPMIN", key, "0"],
            ["BZMPOP", "0", "1", key, "MAX"],
        ];
        foreach (var command in commands) AssertError(WrongType, client.Execute(command));
        AssertBulk("string", client.Execute("GET", key));
    }

    // ---- encodings ------------------------------------------------------------------------------------------------

    [Fact]
    public void A_listpack_becomes_a_skiplist_past_the_entry_limit_and_stays_one()
    {
        using var client = Connect();
        WithListpackEntries(client, "3", () =>
        {
            var key = NewKey();
            client.Execute("ZADD", key, "1", "a", "2", "b", "3", "c");
            AssertBulk("listpack", client.Execute("OBJECT", "ENCODING", key));
            client.Execute("ZADD", key, "4", "d");
            AssertBulk("skiplist", client.Execute("OBJECT", "ENCODING", key));
            client.Execute("ZREM", key, "a", "b", "c");
            AssertBulk("skiplist", client.Execute("OBJECT", "ENCODING", key));
            AssertTexts(["d"], client.Execute("ZRANGE", key, "0", "-1"));

            // Redis 7.2 sizes the new set from the number of pairs given, repeated members included.
            var hinted = NewKey();
            client.Execute("ZADD", hinted, "1", "a", "1", "a", "1", "a", "1", "a");
            AssertBulk("skiplist", client.Execute("OBJECT", "ENCODING", hinted));
            AssertInteger(1, client.Execute("ZCARD", hinted));
        });
    }

    [Fact]
    public void A_long_member_makes_a_skiplist()
    {
        using var client = Connect();
        var previous = client.Execute("CONFIG", "GET", "zset-max-listpack-value").Items![1].Text!;
        AssertOk(client.Execute("CONFIG", "SET", "zset-max-listpack-value", "5"));
        try
        {
            var key = NewKey();
            client.Execute("ZADD", key, "1", "abcde");
            AssertBulk("listpack", client.Execute("OBJECT", "ENCODING", key));
            client.Execute("ZADD", key, "2", "abcdef");
            AssertBulk("skiplist", client.Execute("OBJECT", "ENCODING", key));
            var direct = NewKey();
            client.Execute("ZADD", direct, "1", "abcdef");
            AssertBulk("skiplist", client.Execute("OBJECT", "ENCODING", direct));
            AssertTexts(["abcdef"], client.Execute("ZRANGE", direct, "0", "-1"));
        }
        finally
        {
            client.Execute("CONFIG", "SET", "zset-max-listpack-value", previous);
        }
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void A_big_sorted_set_answers_like_a_small_one(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        var random = new Random(protocol);
        var expected = new SortedDictionary<string, int>(StringComparer.Ordinal);
        for (var batch = 0; batch < 10; batch++)
        {
            var args = new List<string> { "ZADD", key };
            for (var i = 0; i < 100; i++)
            {
                var member = "m" + random.Next(700);
                var score = random.Next(50);
                expected[member] = score;
                args.Add(score.ToString(System.Globalization.CultureInfo.InvariantCulture));
                args.Add(member);
            }
            client.Execute([.. args]);
        }

        AssertBulk("skiplist", client.Execute("OBJECT", "ENCODING", key));
        var order = expected.OrderBy(e => e.Value).ThenBy(e => e.Key, StringComparer.Ordinal).Select(e => e.Key).ToList();
        AssertInteger(order.Count, client.Execute("ZCARD", key));
        AssertTexts(order, client.Execute("ZRANGE", key, "0", "-1"));
        AssertTexts(order.Skip(100).Take(50), client.Execute("ZRANGE", key, "100", "149"));
        foreach (var member in order.Where((_, i) => i % 37 == 0))
        {
            AssertInteger(order.IndexOf(member), client.Execute("ZRANK", key, member));
        }
        var inRange = expected.Where(e => e.Value is >= 10 and < 20).ToList();
        AssertInteger(inRange.Count, client.Execute("ZCOUNT", key, "10", "(20"));
    }

    [Fact]
    public void Debug_digest_value_matches_redis()
    {
        using var client = Connect();
        var key = NewKey();
        client.Execute("ZADD", key, "1", "a", "2", "b", "1.5", "c");
        AssertSimpleOrBulk("289309e47a0fdffa6b0c13617bf09b88b90ebf0d", client.Execute("DEBUG", "DIGEST-VALUE", key).Items![0]);
    }

    // ---- helpers --------------------------------------------------------------------------------------------------

    /// <summary>Runs <paramref name="body"/> with zset-max-listpack-entries set, restoring it after.</summary>
    private static void WithListpackEntries(RespClient client, string entries, Action body)
    {
        var previous = client.Execute("CONFIG", "GET", "zset-max-listpack-entries").Items![1].Text!;
        AssertOk(client.Execute("CONFIG", "SET", "zset-max-listpack-entries", entries));
        try
        {
            body();
        }
        finally
        {
            client.Execute("CONFIG", "SET", "zset-max-listpack-entries", previous);
        }
    }

    /// <summary>A score: a bulk string under RESP2, a double under RESP3; compared by its text.</summary>
    private static void AssertBulkOrDouble(string expected, RespValue reply)
    {
        Assert.True(reply.Type is RespType.BulkString or RespType.Double, $"expected the score {expected}, got {reply}");
        Assert.Equal(expected, reply.Text);
    }

    private static void AssertSimpleOrBulk(string expected, RespValue reply)
    {
        Assert.True(reply.Type is RespType.BulkString or RespType.SimpleString, $"expected {expected}, got {reply}");
        Assert.Equal(expected, reply.Text);
    }

    /// <summary>Nested [member, score] pairs whatever the protocol (ZMPOP), scores compared by text.</summary>
    private static void AssertPairs(RespValue reply, params string[] memberScores)
    {
        Assert.Equal(RespType.Array, reply.Type);
        Assert.Equal(memberScores.Length / 2, reply.Items!.Count);
        for (var i = 0; i < reply.Items.Count; i++)
        {
            AssertBulk(memberScores[2 * i], reply.Items[i].Items![0]);
            AssertBulkOrDouble(memberScores[2 * i + 1], reply.Items[i].Items![1]);
        }
    }

    /// <summary>
    /// A WITHSCORES reply holding these member, score pairs: a flat array under RESP2, an array of [member, score]
    /// arrays (scores as doubles) under RESP3.
    /// </summary>
    private static void AssertScored(int protocol, RespValue reply, params string[] memberScores)
    {
        Assert.Equal(RespType.Array, reply.Type);
        var items = reply.Items!;
        if (protocol == 2)
        {
            Assert.All(items, item => Assert.Equal(RespType.BulkString, item.Type));
            AssertTexts(memberScores, items.Select(i => i.Text));
            return;
        }

        Assert.Equal(memberScores.Length / 2, items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            var pair = items[i].Items!;
            Assert.Equal(2, pair.Count);
            AssertBulk(memberScores[2 * i], pair[0]);
            Assert.Equal(RespType.Double, pair[1].Type);
            Assert.Equal(memberScores[2 * i + 1], pair[1].Text);
        }
    }
}
