namespace AkkaKv.IntegrationTests.Commands;

/// <summary>Redis's unit/type/zset, set algebra: ZUNION, ZINTER, ZDIFF, their STORE forms and ZINTERCARD.</summary>
public sealed partial class SortedSetCommandsTests
{
    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Zunion_zinter_zdiff_combine_scores(int protocol)
    {
        using var client = Connect(protocol);
        var (first, second) = KeysOnDifferentShards("algebra");
        client.Execute("ZADD", first, "1", "a", "2", "b", "3", "c");
        client.Execute("ZADD", second, "10", "b", "20", "c", "30", "d");
        AssertScored(protocol, client.Execute("ZUNION", "2", first, second, "WITHSCORES"), "a", "1", "b", "12", "c", "23", "d", "30");
        AssertScored(protocol, client.Execute("ZINTER", "2", first, second, "WITHSCORES"), "b", "12", "c", "23");
        AssertScored(protocol, client.Execute("ZDIFF", "2", first, second, "WITHSCORES"), "a", "1");
        AssertTexts(["d"], client.Execute("ZDIFF", "2", second, first));
        AssertScored(protocol, client.Execute("ZUNION", "2", first, second, "WEIGHTS", "2", "0.5", "WITHSCORES"), "a", "2", "b", "9", "d", "15", "c", "16");
        AssertScored(protocol, client.Execute("ZUNION", "2", first, second, "AGGREGATE", "MIN", "WITHSCORES"), "a", "1", "b", "2", "c", "3", "d", "30");
        AssertScored(protocol, client.Execute("ZINTER", "2", first, second, "AGGREGATE", "MAX", "WITHSCORES"), "b", "10", "c", "20");
        AssertTexts(["b", "c"], client.Execute("ZINTER", "2", first, second));
        AssertTexts([], client.Execute("ZINTER", "3", first, second, NewKey()));
        AssertTexts(["a", "b", "c"], client.Execute("ZUNION", "2", first, NewKey()));
        AssertTexts([], client.Execute("ZDIFF", "2", first, first));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Infinite_weights_and_scores_follow_redis_nan_rules(int protocol)
    {
        using var client = Connect(protocol);
        var (first, second) = KeysOnDifferentShards("inf");
        client.Execute("ZADD", first, "inf", "a", "0", "b", "-inf", "c");
        client.Execute("ZADD", second, "-inf", "a", "inf", "b", "-inf", "c");
        // inf + -inf is 0; 0 × inf is 0; -inf + -inf stays -inf.
        AssertScored(protocol, client.Execute("ZUNION", "2", first, second, "WITHSCORES"), "c", "-inf", "a", "0", "b", "inf");
        AssertScored(protocol, client.Execute("ZUNION", "2", first, second, "WEIGHTS", "0", "1", "WITHSCORES"), "a", "-inf", "c", "-inf", "b", "inf");
        AssertScored(protocol, client.Execute("ZINTER", "2", first, second, "WEIGHTS", "inf", "1", "AGGREGATE", "MAX", "WITHSCORES"), "c", "-inf", "a", "inf", "b", "inf");
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Store_forms_replace_or_delete_the_destination_across_shards(int protocol)
    {
        using var client = Connect(protocol);
        var (first, second) = KeysOnDifferentShards("store");
        var destination = NewKey("destination");
        client.Execute("ZADD", first, "1", "a", "2", "b");
        client.Execute("ZADD", second, "3", "b", "4", "c");
        client.Execute("SET", destination, "string");
        AssertInteger(3, client.Execute("ZUNIONSTORE", destination, "2", first, second));
        AssertScored(protocol, client.Execute("ZRANGE", destination, "0", "-1", "WITHSCORES"), "a", "1", "c", "4", "b", "5");
        AssertInteger(1, client.Execute("ZINTERSTORE", destination, "2", first, second, "WEIGHTS", "1", "-1"));
        AssertScored(protocol, client.Execute("ZRANGE", destination, "0", "-1", "WITHSCORES"), "b", "-1");
        AssertInteger(1, client.Execute("ZDIFFSTORE", destination, "2", first, second));
        AssertTexts(["a"], client.Execute("ZRANGE", destination, "0", "-1"));
        AssertInteger(0, client.Execute("ZINTERSTORE", destination, "2", first, NewKey()));
        AssertInteger(0, client.Execute("EXISTS", destination));
        AssertInteger(2, client.Execute("ZUNIONSTORE", first, "1", first, "WEIGHTS", "10"));
        AssertScored(protocol, client.Execute("ZRANGE", first, "0", "-1", "WITHSCORES"), "a", "10", "b", "20");
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Set_inputs_count_with_score_one(int protocol)
    {
        using var client = Connect(protocol);
        var (set, sortedSet) = KeysOnDifferentShards("mixed");
        var integers = NewKey("intset");
        client.Execute("SADD", set, "a", "b", "c");
        client.Execute("SADD", integers, "1", "2", "3");
        client.Execute("ZADD", sortedSet, "10", "b", "20", "d");
        AssertScored(protocol, client.Execute("ZUNION", "2", set, sortedSet, "WITHSCORES"), "a", "1", "c", "1", "b", "11", "d", "20");
        AssertScored(protocol, client.Execute("ZINTER", "2", set, sortedSet, "WEIGHTS", "2", "1", "WITHSCORES"), "b", "12");
        AssertScored(protocol, client.Execute("ZDIFF", "2", set, sortedSet, "WITHSCORES"), "a", "1", "c", "1");
        AssertInteger(1, client.Execute("ZINTERCARD", "2", set, sortedSet));
        AssertScored(protocol, client.Execute("ZUNION", "2", integers, sortedSet, "WITHSCORES"), "1", "1", "2", "1", "3", "1", "b", "10", "d", "20");
        var destination = NewKey();
        AssertInteger(3, client.Execute("ZUNIONSTORE", destination, "1", set));
        AssertBulk("listpack", client.Execute("OBJECT", "ENCODING", destination));
        AssertScored(protocol, client.Execute("ZRANGE", destination, "0", "-1", "WITHSCORES"), "a", "1", "b", "1", "c", "1");
    }

    [Fact]
    public void A_stored_result_is_a_listpack_when_it_fits_one()
    {
        using var client = Connect();
        var (first, second) = KeysOnDifferentShards("enc");
        var destination = NewKey();
        WithListpackEntries(client, "3", () =>
        {
            client.Execute("ZADD", first, "1", "a", "2", "b", "3", "c", "4", "d");
            client.Execute("ZADD", second, "1", "a", "2", "b");
            AssertBulk("skiplist", client.Execute("OBJECT", "ENCODING", first));
            AssertInteger(2, client.Execute("ZINTERSTORE", destination, "2", first, second));
            AssertBulk("listpack", client.Execute("OBJECT", "ENCODING", destination));
            AssertInteger(4, client.Execute("ZUNIONSTORE", destination, "2", first, second));
            AssertBulk("skiplist", client.Execute("OBJECT", "ENCODING", destination));
        });
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Zintercard_counts_up_to_the_limit(int protocol)
    {
        using var client = Connect(protocol);
        var (first, second) = KeysOnDifferentShards("card");
        client.Execute("ZADD", first, "1", "a", "2", "b", "3", "c", "4", "d");
        client.Execute("ZADD", second, "1", "b", "2", "c", "3", "d", "4", "e");
        AssertInteger(3, client.Execute("ZINTERCARD", "2", first, second));
        AssertInteger(2, client.Execute("ZINTERCARD", "2", first, second, "LIMIT", "2"));
        AssertInteger(3, client.Execute("ZINTERCARD", "2", first, second, "LIMIT", "0"));
        AssertInteger(0, client.Execute("ZINTERCARD", "2", first, NewKey()));
        AssertError("ERR LIMIT can't be negative", client.Execute("ZINTERCARD", "2", first, second, "LIMIT", "-1"));
        AssertError("ERR syntax error", client.Execute("ZINTERCARD", "2", first, second, "WITHSCORES"));
        AssertError("ERR at least 1 input key is needed for 'zintercard' command", client.Execute("ZINTERCARD", "0", first));
    }

    [Theory]
    [InlineData(2, "ZUNION", "0", "ERR at least 1 input key is needed for 'zunion' command")]
    [InlineData(3, "ZUNIONSTORE", "0", "ERR at least 1 input key is needed for 'zunionstore' command")]
    [InlineData(2, "ZINTER", "x", "ERR value is not an integer or out of range")]
    [InlineData(3, "ZDIFFSTORE", "3", "ERR syntax error")]
    public void Numkeys_is_checked(int protocol, string command, string numKeys, string error)
    {
        using var client = Connect(protocol);
        string[] args = command.EndsWith("STORE", StringComparison.Ordinal) ? [command, NewKey(), numKeys, NewKey()] : [command, numKeys, NewKey()];
        AssertError(error, client.Execute(args));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Algebra_options_are_checked(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        client.Execute("ZADD", key, "1", "a");
        AssertError("ERR weight value is not a float", client.Execute("ZUNION", "1", key, "WEIGHTS", "x"));
        AssertError("ERR syntax error", client.Execute("ZUNION", "1", key, "WEIGHTS", "1", "2"));
        AssertError("ERR syntax error", client.Execute("ZUNION", "1", key, "AGGREGATE", "AVG"));
        AssertError("ERR syntax error", client.Execute("ZDIFF", "1", key, "WEIGHTS", "1"));
        AssertError("ERR syntax error", client.Execute("ZUNIONSTORE", NewKey(), "1", key, "WITHSCORES"));
        AssertError("ERR syntax error", client.Execute("ZINTER", "1", key, "LIMIT", "1"));
    }
}
