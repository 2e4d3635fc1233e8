using AkkaKv.Protocol;

namespace AkkaKv.IntegrationTests.Commands;

/// <summary>Redis's unit/type/zset, pops, random members and scans: ZPOP*, ZMPOP, BZPOP*, BZMPOP, ZRANDMEMBER, ZSCAN.</summary>
public sealed partial class SortedSetCommandsTests
{
    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Zpopmin_and_zpopmax_pop_from_either_end(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        client.Execute("ZADD", key, "1", "a", "2", "b", "3", "c", "4", "d");
        var single = client.Execute("ZPOPMIN", key);
        AssertBulk("a", single.Items![0]);
        AssertBulkOrDouble("1", single.Items[1]);
        AssertScored(protocol, client.Execute("ZPOPMAX", key, "2"), "d", "4", "c", "3");
        AssertTexts([], client.Execute("ZPOPMIN", key, "0"));
        AssertScored(protocol, client.Execute("ZPOPMIN", key, "10"), "b", "2");
        AssertInteger(0, client.Execute("EXISTS", key));
        AssertTexts([], client.Execute("ZPOPMIN", key));
        AssertTexts([], client.Execute("ZPOPMAX", key, "3"));
        AssertError("ERR value is out of range, must be positive", client.Execute("ZPOPMIN", key, "-1"));
        AssertError("ERR value is out of range, must be positive", client.Execute("ZPOPMIN", key, "x"));
        AssertError("ERR syntax error", client.Execute("ZPOPMIN", key, "1", "2"));
    }

    [Fact]
    public void Zpopmin_reply_shapes_bytes()
    {
        var key = NewKey();
        AssertRawReply(":3\r\n*2\r\n$1\r\na\r\n$1\r\n1\r\n*2\r\n$1\r\nb\r\n$3\r\n2.5\r\n*0\r\n",
            Command("ZADD", key, "1", "a", "2.5", "b", "inf", "c") + Command("ZPOPMIN", key) + Command("ZPOPMIN", key, "1") + Command("ZPOPMIN", NewKey()));
        var other = NewKey();
        AssertRawReply(":2\r\n*2\r\n$1\r\nb\r\n,inf\r\n*1\r\n*2\r\n$1\r\na\r\n,-inf\r\n*0\r\n",
            Command("ZADD", other, "-inf", "a", "inf", "b") + Command("ZPOPMAX", other) + Command("ZPOPMAX", other, "5") + Command("ZPOPMAX", other, "5"), protocol: 3);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Zmpop_pops_from_the_first_non_empty_key(int protocol)
    {
        using var client = Connect(protocol);
        var (first, second) = KeysOnDifferentShards("zmpop");
        client.Execute("ZADD", second, "1", "a", "2", "b", "3", "c");
        var reply = client.Execute("ZMPOP", "2", first, second, "MAX", "COUNT", "2");
        AssertBulk(second, reply.Items![0]);
        AssertPairs(reply.Items[1], "c", "3", "b", "2");
        reply = client.Execute("ZMPOP", "2", first, second, "MIN");
        AssertBulk(second, reply.Items![0]);
        AssertPairs(reply.Items[1], "a", "1");
        AssertInteger(0, client.Execute("EXISTS", second));
        AssertNull(client.Execute("ZMPOP", "2", first, second, "MIN"));
        AssertError("ERR numkeys should be greater than 0", client.Execute("ZMPOP", "0", first, "MIN"));
        AssertError("ERR numkeys should be greater than 0", client.Execute("ZMPOP", "x", first, "MIN"));
        AssertError("ERR syntax error", client.Execute("ZMPOP", "2", first, "MIN"));
        AssertError("ERR syntax error", client.Execute("ZMPOP", "1", first, "BOTH"));
        AssertError("ERR count should be greater than 0", client.Execute("ZMPOP", "1", first, "MIN", "COUNT", "0"));
        AssertError("ERR syntax error", client.Execute("ZMPOP", "1", first, "MIN", "COUNT", "1", "COUNT", "1"));
    }

    [Fact]
    public void Zmpop_replies_nested_pairs_in_both_protocols_bytes()
    {
        var key = NewKey();
        var expected = $"*2\r\n${key.Length}\r\n{key}\r\n*1\r\n*2\r\n$1\r\na\r\n";
        AssertRawReply($":1\r\n{expected}$1\r\n1\r\n*-1\r\n", Command("ZADD", key, "1", "a") + Command("ZMPOP", "1", key, "MIN") + Command("ZMPOP", "1", key, "MIN"));
        AssertRawReply($":1\r\n{expected},1\r\n_\r\n", Command("ZADD", key, "1", "a") + Command("ZMPOP", "1", key, "MIN") + Command("ZMPOP", "1", key, "MIN"), protocol: 3);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Blocking_pops_serve_at_once_when_a_key_has_members(int protocol)
    {
        using var client = Connect(protocol);
        var (first, second) = KeysOnDifferentShards("bzpop");
        client.Execute("ZADD", second, "1", "a", "2", "b", "3", "c");
        var min = client.Execute("BZPOPMIN", first, second, "1");
        AssertTexts([second, "a", "1"], min);
        var max = client.Execute("BZPOPMAX", first, second, "0");
        AssertTexts([second, "c", "3"], max);
        var multi = client.Execute("BZMPOP", "1", "2", first, second, "MIN", "COUNT", "5");
        AssertBulk(second, multi.Items![0]);
        AssertPairs(multi.Items[1], "b", "2");
        AssertInteger(0, client.Execute("EXISTS", second));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Blocking_pops_validate_arguments_first(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        AssertError("ERR timeout is not a float or out of range", client.Execute("BZPOPMIN", key, "x"));
        AssertError("ERR timeout is negative", client.Execute("BZPOPMAX", key, "-1"));
        AssertError("ERR numkeys should be greater than 0", client.Execute("BZMPOP", "x", "0", key, "MIN"));
        AssertError("ERR timeout is not a float or out of range", client.Execute("BZMPOP", "x", "1", key, "MIN"));
        AssertError("ERR syntax error", client.Execute("BZMPOP", "0", "1", key, "UP"));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Zrandmember_picks_distinct_or_repeated_members(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        client.Execute("ZADD", key, "1", "a", "2", "b", "3", "c", "4", "d", "5", "e");
        string[] all = ["a", "b", "c", "d", "e"];
        Assert.Contains(client.Execute("ZRANDMEMBER", key).Text, all);
        AssertNull(client.Execute("ZRANDMEMBER", NewKey()));
        AssertTexts([], client.Execute("ZRANDMEMBER", NewKey(), "3"));
        AssertTexts([], client.Execute("ZRANDMEMBER", key, "0"));
        var distinct = Texts(client.Execute("ZRANDMEMBER", key, "3"));
        Assert.Equal(3, distinct.Distinct().Count());
        Assert.All(distinct, m => Assert.Contains(m, all));
        AssertTexts(["e", "d", "c", "b", "a"], client.Execute("ZRANDMEMBER", key, "10"));
        var repeated = Texts(client.Execute("ZRANDMEMBER", key, "-20"));
        Assert.Equal(20, repeated.Length);
        Assert.All(repeated, m => Assert.Contains(m, all));
        var withScores = client.Execute("ZRANDMEMBER", key, "-4", "WITHSCORES");
        Assert.Equal(protocol == 2 ? 8 : 4, withScores.Items!.Count);
        if (protocol == 3) Assert.All(withScores.Items, pair => Assert.Equal(RespType.Double, pair.Items![1].Type));
        AssertError("ERR syntax error", client.Execute("ZRANDMEMBER", key, "1", "WITHVALUES"));
        AssertError("ERR value is not an integer or out of range", client.Execute("ZRANDMEMBER", key, "x"));
        AssertError("ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807",
            client.Execute("ZRANDMEMBER", key, "-9223372036854775808"));
        AssertError("ERR value is out of range", client.Execute("ZRANDMEMBER", key, "9223372036854775807", "WITHSCORES"));
    }

    [Fact]
    public void Zrandmember_of_the_whole_set_replies_from_the_highest_rank_bytes()
    {
        var key = NewKey();
        AssertRawReply(":2\r\n*4\r\n$1\r\nb\r\n$3\r\n2.5\r\n$1\r\na\r\n$1\r\n1\r\n",
            Command("ZADD", key, "1", "a", "2.5", "b") + Command("ZRANDMEMBER", key, "5", "WITHSCORES"));
        AssertRawReply("*2\r\n*2\r\n$1\r\nb\r\n,2.5\r\n*2\r\n$1\r\na\r\n,1\r\n", Command("ZRANDMEMBER", key, "2", "WITHSCORES"), protocol: 3);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Zrandmember_distinct_picks_are_uniform_enough_in_a_skiplist(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        WithListpackEntries(client, "0", () => client.Execute("ZADD", key, "1", "a", "2", "b", "3", "c", "4", "d"));
        AssertBulk("skiplist", client.Execute("OBJECT", "ENCODING", key));
        var counts = new Dictionary<string, int>();
        for (var i = 0; i < 400; i++)
        {
            foreach (var member in Texts(client.Execute("ZRANDMEMBER", key, "2"))) counts[member!] = counts.GetValueOrDefault(member!) + 1;
        }

        Assert.Equal(4, counts.Count);
        Assert.All(counts.Values, count => Assert.InRange(count, 100, 300));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Zscan_returns_members_and_scores_as_strings(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        client.Execute("ZADD", key, "1", "a", "2.5", "b", "3", "c");
        var reply = client.Execute("ZSCAN", key, "0");
        AssertBulk("0", reply.Items![0]);
        AssertTexts(["a", "1", "b", "2.5", "c", "3"], reply.Items[1]);
        Assert.All(reply.Items[1].Items!, item => Assert.Equal(RespType.BulkString, item.Type));
        AssertTexts(["b", "2.5"], client.Execute("ZSCAN", key, "0", "MATCH", "b*").Items![1]);
        var missing = client.Execute("ZSCAN", NewKey(), "0");
        AssertBulk("0", missing.Items![0]);
        AssertTexts([], missing.Items[1]);
        AssertError("ERR invalid cursor", client.Execute("ZSCAN", key, "x"));
        AssertError("ERR syntax error", client.Execute("ZSCAN", key, "0", "COUNT", "0"));
        AssertError("ERR syntax error", client.Execute("ZSCAN", key, "0", "TYPE", "zset"));
        AssertError("ERR syntax error", client.Execute("ZSCAN", key, "0", "MATCH"));
    }

    [Fact]
    public void Zscan_returns_every_member_present_throughout_despite_churn()
    {
        using var client = Connect();
        using var churn = Connect();
        var key = NewKey();
        WithListpackEntries(client, "0", () => client.Execute("ZADD", key, "0", "seed"));
        var stable = new List<string>();
        for (var batch = 0; batch < 5; batch++)
        {
            var args = new List<string> { "ZADD", key };
            for (var i = 0; i < 200; i++)
            {
                var member = $"stable:{batch * 200 + i}";
                stable.Add(member);
                args.Add((batch * 200 + i).ToString(System.Globalization.CultureInfo.InvariantCulture));
                args.Add(member);
            }
            client.Execute([.. args]);
        }

        var seen = new HashSet<string>();
        var cursor = "0";
        var random = new Random(17);
        for (var calls = 0; calls < 10_000; calls++)
        {
            var reply = client.Execute("ZSCAN", key, cursor, "COUNT", "25");
            cursor = reply.Items![0].Text!;
            var items = reply.Items[1].Items!;
            for (var i = 0; i < items.Count; i += 2) seen.Add(items[i].Text!);
            for (var i = 0; i < 10; i++)
            {
                var member = "churn:" + random.Next(400);
                if (random.Next(2) == 0) churn.Execute("ZADD", key, random.Next(1000).ToString(System.Globalization.CultureInfo.InvariantCulture), member);
                else churn.Execute("ZREM", key, member);
            }
            if (cursor == "0") break;
        }

        Assert.Equal("0", cursor);
        Assert.All(stable, member => Assert.Contains(member, seen));
    }
}
