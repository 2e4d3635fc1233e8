namespace AkkaKv.IntegrationTests.Commands;

/// <summary>Redis's unit/type/zset, ranges: ZRANGE and its older forms, ZRANGESTORE, ZCOUNT, ZLEXCOUNT, ZREMRANGEBY*.</summary>
public sealed partial class SortedSetCommandsTests
{
    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Zrange_by_rank_clamps_and_counts_from_the_end(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        client.Execute("ZADD", key, "1", "a", "2", "b", "3", "c", "4", "d");
        AssertTexts(["a", "b", "c", "d"], client.Execute("ZRANGE", key, "0", "-1"));
        AssertTexts(["b", "c"], client.Execute("ZRANGE", key, "1", "-2"));
        AssertTexts(["a", "b", "c", "d"], client.Execute("ZRANGE", key, "-100", "100"));
        AssertTexts([], client.Execute("ZRANGE", key, "3", "1"));
        AssertTexts([], client.Execute("ZRANGE", key, "5", "10"));
        AssertTexts(["d", "c", "b"], client.Execute("ZREVRANGE", key, "0", "2"));
        AssertTexts(["c", "b"], client.Execute("ZRANGE", key, "1", "2", "REV"));
        AssertScored(protocol, client.Execute("ZREVRANGE", key, "0", "1", "WITHSCORES"), "d", "4", "c", "3");
        AssertTexts([], client.Execute("ZRANGE", NewKey(), "0", "-1"));
        AssertError("ERR value is not an integer or out of range", client.Execute("ZRANGE", key, "a", "1"));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Zrange_by_score_with_bounds_limit_and_reverse(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        client.Execute("ZADD", key, "-inf", "neg", "1", "a", "2", "b", "3", "c", "4", "d", "+inf", "pos");
        AssertTexts(["a", "b", "c"], client.Execute("ZRANGEBYSCORE", key, "1", "3"));
        AssertTexts(["b"], client.Execute("ZRANGEBYSCORE", key, "(1", "(3"));
        AssertTexts(["neg", "a", "b", "c", "d", "pos"], client.Execute("ZRANGEBYSCORE", key, "-inf", "+inf"));
        AssertTexts(["c", "b"], client.Execute("ZREVRANGEBYSCORE", key, "3", "(1"));
        AssertTexts(["c", "b"], client.Execute("ZRANGE", key, "3", "(1", "BYSCORE", "REV"));
        AssertTexts(["b", "c"], client.Execute("ZRANGE", key, "1", "4", "BYSCORE", "LIMIT", "1", "2"));
        AssertTexts(["c", "b"], client.Execute("ZRANGE", key, "4", "1", "BYSCORE", "REV", "LIMIT", "1", "2"));
        AssertTexts(["b", "c", "d", "pos"], client.Execute("ZRANGEBYSCORE", key, "1", "+inf", "LIMIT", "1", "-1"));
        AssertTexts([], client.Execute("ZRANGEBYSCORE", key, "1", "+inf", "LIMIT", "-1", "2"));
        AssertTexts([], client.Execute("ZRANGEBYSCORE", key, "1", "+inf", "LIMIT", "0", "0"));
        AssertTexts([], client.Execute("ZRANGEBYSCORE", key, "1", "+inf", "LIMIT", "10", "2"));
        AssertTexts([], client.Execute("ZRANGEBYSCORE", key, "3", "1"));
        AssertTexts([], client.Execute("ZRANGEBYSCORE", key, "(2", "(2"));
        AssertScored(protocol, client.Execute("ZRANGEBYSCORE", key, "2", "3", "WITHSCORES", "LIMIT", "0", "5"), "b", "2", "c", "3");
        AssertScored(protocol, client.Execute("ZREVRANGEBYSCORE", key, "+inf", "4", "WITHSCORES"), "pos", "inf", "d", "4");
        AssertError("ERR min or max is not a float", client.Execute("ZRANGEBYSCORE", key, "a", "1"));
        AssertError("ERR min or max is not a float", client.Execute("ZRANGEBYSCORE", key, "1", "nan"));
        AssertError("ERR min or max is not a float", client.Execute("ZRANGE", key, "[1", "2", "BYSCORE"));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Zrange_by_lex_and_zlexcount(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        client.Execute("ZADD", key, "0", "alpha", "0", "bar", "0", "cool", "0", "down", "0", "elephant", "0", "foo", "0", "great");
        AssertTexts(["alpha", "bar", "cool"], client.Execute("ZRANGEBYLEX", key, "-", "[cool"));
        AssertTexts(["bar", "cool", "down"], client.Execute("ZRANGEBYLEX", key, "[bar", "[down"));
        AssertTexts(["cool", "down"], client.Execute("ZRANGEBYLEX", key, "(bar", "(elephant"));
        AssertTexts(["great", "foo", "elephant"], client.Execute("ZREVRANGEBYLEX", key, "+", "[elephant"));
        AssertTexts(["foo", "elephant"], client.Execute("ZRANGE", key, "+", "[d", "BYLEX", "REV", "LIMIT", "1", "2"));
        AssertTexts(["bar", "cool"], client.Execute("ZRANGEBYLEX", key, "-", "+", "LIMIT", "1", "2"));
        AssertTexts([], client.Execute("ZRANGEBYLEX", key, "+", "-"));
        AssertTexts([], client.Execute("ZRANGEBYLEX", key, "[z", "[zz"));
        AssertInteger(7, client.Execute("ZLEXCOUNT", key, "-", "+"));
        AssertInteger(2, client.Execute("ZLEXCOUNT", key, "(bar", "[down"));
        AssertInteger(0, client.Execute("ZLEXCOUNT", NewKey(), "-", "+"));
        foreach (var (min, max) in new[] { ("foo", "[bar"), ("[foo", "bar"), ("+x", "[a"), ("[a", "-x"), ("", "+") })
        {
            AssertError("ERR min or max not valid string range item", client.Execute("ZRANGEBYLEX", key, min, max));
            AssertError("ERR min or max not valid string range item", client.Execute("ZLEXCOUNT", key, min, max));
        }
    }

    [Theory]
    [InlineData(2, "ZRANGE", "0", "1", "LIMIT", "0", "1", "ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX")]
    [InlineData(3, "ZREVRANGE", "0", "1", "LIMIT", "0", "1", "ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX")]
    [InlineData(2, "ZRANGE", "-", "+", "BYLEX", "WITHSCORES", "", "ERR syntax error, WITHSCORES not supported in combination with BYLEX")]
    [InlineData(3, "ZRANGEBYLEX", "-", "+", "WITHSCORES", "", "", "ERR syntax error, WITHSCORES not supported in combination with BYLEX")]
    [InlineData(2, "ZRANGE", "0", "1", "REV", "REV", "", "ERR syntax error")]
    [InlineData(3, "ZRANGE", "0", "1", "BYSCORE", "BYLEX", "", "ERR syntax error")]
    [InlineData(2, "ZRANGEBYSCORE", "0", "1", "BYSCORE", "", "", "ERR syntax error")]
    [InlineData(3, "ZREVRANGE", "0", "1", "REV", "", "", "ERR syntax error")]
    [InlineData(2, "ZRANGE", "0", "1", "BYSCORE", "LIMIT", "0", "ERR syntax error")]
    [InlineData(3, "ZRANGE", "0", "1", "BYSCORE", "LIMIT", "a", "ERR syntax error")]
    [InlineData(2, "ZRANGEBYSCORE", "0", "1", "LIMIT", "a", "1", "ERR value is not an integer or out of range")]
    public void Zrange_refuses_bad_option_combinations(int protocol, string command, string min, string max, string option1, string option2, string option3, string error)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        client.Execute("ZADD", key, "1", "a");
        string[] args = [command, key, min, max, option1, option2, option3];
        AssertError(error, client.Execute(args.Where(a => a.Length > 0).ToArray()));
    }

    [Fact]
    public void Zrange_with_an_explicit_limit_of_minus_one_is_allowed_by_rank()
    {
        using var client = Connect();
        var key = NewKey();
        client.Execute("ZADD", key, "1", "a", "2", "b");
        AssertTexts(["a", "b"], client.Execute("ZRANGE", key, "0", "-1", "LIMIT", "0", "-1"));
    }

    [Fact]
    public void Zrange_withscores_is_flat_under_resp2_and_pairs_under_resp3_bytes()
    {
        var key = NewKey();
        AssertRawReply(":2\r\n*4\r\n$1\r\na\r\n$3\r\n1.5\r\n$1\r\nb\r\n$3\r\n0.1\r\n",
            Command("ZADD", key, "0.1", "b", "1.5", "a") + Command("ZREVRANGE", key, "0", "-1", "WITHSCORES"));
        AssertRawReply("*2\r\n*2\r\n$1\r\nb\r\n,0.1\r\n*2\r\n$1\r\na\r\n,1.5\r\n*0\r\n",
            Command("ZRANGE", key, "0", "-1", "WITHSCORES") + Command("ZRANGE", NewKey(), "0", "-1", "WITHSCORES"), protocol: 3);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Zcount_counts_a_score_range(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        client.Execute("ZADD", key, "1", "a", "2", "b", "3", "c", "+inf", "d");
        AssertInteger(3, client.Execute("ZCOUNT", key, "1", "3"));
        AssertInteger(1, client.Execute("ZCOUNT", key, "(1", "(3"));
        AssertInteger(4, client.Execute("ZCOUNT", key, "-inf", "+inf"));
        AssertInteger(0, client.Execute("ZCOUNT", key, "3", "1"));
        AssertInteger(0, client.Execute("ZCOUNT", NewKey(), "-inf", "+inf"));
        AssertError("ERR min or max is not a float", client.Execute("ZCOUNT", key, "x", "1"));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Zremrange_by_rank_score_and_lex_remove_and_delete_the_emptied_key(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        client.Execute("ZADD", key, "1", "a", "2", "b", "3", "c", "4", "d", "5", "e");
        AssertInteger(1, client.Execute("ZREMRANGEBYRANK", key, "0", "0"));
        AssertInteger(2, client.Execute("ZREMRANGEBYRANK", key, "-2", "-1"));
        AssertInteger(0, client.Execute("ZREMRANGEBYRANK", key, "5", "10"));
        AssertTexts(["b", "c"], client.Execute("ZRANGE", key, "0", "-1"));
        AssertInteger(0, client.Execute("ZREMRANGEBYSCORE", key, "(3", "+inf"));
        AssertInteger(2, client.Execute("ZREMRANGEBYSCORE", key, "-inf", "3"));
        AssertInteger(0, client.Execute("EXISTS", key));

        var lex = NewKey();
        client.Execute("ZADD", lex, "0", "a", "0", "b", "0", "c", "0", "d");
        AssertInteger(2, client.Execute("ZREMRANGEBYLEX", lex, "[b", "(d"));
        AssertTexts(["a", "d"], client.Execute("ZRANGE", lex, "0", "-1"));
        AssertInteger(2, client.Execute("ZREMRANGEBYLEX", lex, "-", "+"));
        AssertInteger(0, client.Execute("EXISTS", lex));
        AssertInteger(0, client.Execute("ZREMRANGEBYLEX", lex, "-", "+"));
        AssertError("ERR min or max not valid string range item", client.Execute("ZREMRANGEBYLEX", lex, "a", "b"));
        AssertError("ERR min or max is not a float", client.Execute("ZREMRANGEBYSCORE", lex, "a", "b"));
        AssertError("ERR value is not an integer or out of range", client.Execute("ZREMRANGEBYRANK", lex, "a", "b"));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Zrangestore_stores_ranges_and_deletes_the_destination_when_empty(int protocol)
    {
        using var client = Connect(protocol);
        var source = NewKey();
        var destination = NewKey();
        client.Execute("ZADD", source, "1", "a", "2", "b", "3", "c", "4", "d");
        AssertInteger(3, client.Execute("ZRANGESTORE", destination, source, "0", "2"));
        AssertScored(protocol, client.Execute("ZRANGE", destination, "0", "-1", "WITHSCORES"), "a", "1", "b", "2", "c", "3");
        AssertInteger(2, client.Execute("ZRANGESTORE", destination, source, "4", "(2", "BYSCORE", "REV", "LIMIT", "0", "2"));
        AssertTexts(["c", "d"], client.Execute("ZRANGE", destination, "0", "-1"));
        AssertInteger(2, client.Execute("ZRANGESTORE", destination, source, "[b", "[c", "BYLEX"));
        AssertInteger(0, client.Execute("ZRANGESTORE", destination, source, "10", "20", "BYSCORE"));
        AssertInteger(0, client.Execute("EXISTS", destination));
        AssertInteger(0, client.Execute("ZRANGESTORE", destination, NewKey(), "0", "-1"));
        client.Execute("SET", destination, "string");
        AssertInteger(1, client.Execute("ZRANGESTORE", destination, source, "0", "0"));
        AssertSimple("zset", client.Execute("TYPE", destination));
        AssertError("ERR syntax error", client.Execute("ZRANGESTORE", destination, source, "0", "-1", "WITHSCORES"));
        AssertInteger(4, client.Execute("ZRANGESTORE", source, source, "0", "-1"));
    }

    [Fact]
    public void Zrangestore_across_shards_keeps_the_destination_encoding_rules()
    {
        using var client = Connect();
        var (source, destination) = KeysOnDifferentShards("zrs");
        WithListpackEntries(client, "3", () =>
        {
            client.Execute("ZADD", source, "1", "a", "2", "b", "3", "c", "4", "d", "5", "e");
            AssertInteger(3, client.Execute("ZRANGESTORE", destination, source, "0", "2"));
            AssertBulk("listpack", client.Execute("OBJECT", "ENCODING", destination));
            AssertInteger(4, client.Execute("ZRANGESTORE", destination, source, "-inf", "4", "BYSCORE"));
            AssertBulk("skiplist", client.Execute("OBJECT", "ENCODING", destination));
            AssertTexts(["a", "b", "c", "d"], client.Execute("ZRANGE", destination, "0", "-1"));
        });
    }
}
