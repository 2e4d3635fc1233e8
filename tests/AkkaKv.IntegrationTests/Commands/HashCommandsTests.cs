using System.Text;
using AkkaKv.IntegrationTests.Infrastructure;
using AkkaKv.Protocol;

namespace AkkaKv.IntegrationTests.Commands;

/// <summary>Redis's unit/type/hash: the hash commands, under RESP2 and RESP3 (field expiry in the .FieldExpiry part).</summary>
public sealed partial class HashCommandsTests(ServerFixture server) : CommandTestBase(server), IClassFixture<ServerFixture>
{
    // ---- HSET / HGET / HLEN / encodings --------------------------------------------------------------------------

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Hset_creates_a_small_listpack_hash(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        for (var i = 0; i < 8; i++) AssertInteger(1, client.Execute("HSET", key, "f" + i, "v" + i));
        AssertInteger(0, client.Execute("HSET", key, "f0", "changed"));
        AssertInteger(8, client.Execute("HLEN", key));
        AssertBulk("changed", client.Execute("HGET", key, "f0"));
        AssertBulk("v7", client.Execute("HGET", key, "f7"));
        AssertNull(client.Execute("HGET", key, "nope"));
        AssertNull(client.Execute("HGET", NewKey(), "f0"));
        AssertBulk("listpack", client.Execute("OBJECT", "ENCODING", key));
        AssertSimple("hash", client.Execute("TYPE", key));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Hset_with_several_pairs_counts_only_new_fields(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        AssertInteger(2, client.Execute("HSET", key, "a", "1", "b", "2"));
        AssertInteger(1, client.Execute("HSET", key, "a", "x", "c", "3", "c", "4"));
        AssertTexts(["x", "2", "4"], client.Execute("HMGET", key, "a", "b", "c"));
    }

    [Theory]
    [InlineData("HSET")]
    [InlineData("HMSET")]
    public void Hset_with_a_field_missing_its_value_is_a_wrong_arity_error(string command)
    {
        using var client = Connect();
        var key = NewKey();
        AssertError($"ERR wrong number of arguments for '{command.ToLowerInvariant()}' command", client.Execute(command, key, "a", "1", "b"));
        AssertError($"ERR wrong number of arguments for '{command.ToLowerInvariant()}' command", client.Execute(command, key, "a"));
        AssertInteger(0, client.Execute("EXISTS", key));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Hmset_replies_ok(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        AssertOk(client.Execute("HMSET", key, "a", "1", "b", "2"));
        AssertInteger(2, client.Execute("HLEN", key));
    }

    [Theory]
    [InlineData(2, "value")]
    [InlineData(3, "field")]
    public void A_field_or_value_longer_than_hash_max_listpack_value_promotes_to_a_hashtable(int protocol, string which)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        client.Execute("HSET", key, "small", new string('x', 64));
        AssertBulk("listpack", client.Execute("OBJECT", "ENCODING", key));
        var big = new string('y', 65);
        if (which == "value") client.Execute("HSET", key, "f", big);
        else client.Execute("HSET", key, big, "v");
        AssertBulk("hashtable", client.Execute("OBJECT", "ENCODING", key));
        AssertBulk(new string('x', 64), client.Execute("HGET", key, "small"));
    }

    [Fact]
    public void More_than_128_fields_promote_to_a_hashtable_and_never_back()
    {
        using var client = Connect();
        var key = NewKey();
        for (var i = 0; i < 128; i++) client.Execute("HSET", key, "f" + i, "v" + i);
        AssertBulk("listpack", client.Execute("OBJECT", "ENCODING", key));
        client.Execute("HSET", key, "f128", "v128");
        AssertBulk("hashtable", client.Execute("OBJECT", "ENCODING", key));
        for (var i = 0; i < 120; i++) client.Execute("HDEL", key, "f" + i);
        AssertInteger(9, client.Execute("HLEN", key));
        AssertBulk("hashtable", client.Execute("OBJECT", "ENCODING", key));
        AssertBulk("v128", client.Execute("HGET", key, "f128"));
    }

    [Fact]
    public void One_hset_with_more_pairs_than_the_limit_converts_even_when_they_repeat_a_field()
    {
        // Redis's hashTypeTryConversion sizes by the argument count before looking at the fields.
        using var client = Connect();
        var key = NewKey();
        var args = new List<string> { "HSET", key };
        for (var i = 0; i < 129; i++) args.AddRange(["same", "v" + i]);
        AssertInteger(1, client.Execute([.. args]));
        AssertBulk("hashtable", client.Execute("OBJECT", "ENCODING", key));
    }

    [Fact]
    public void Config_set_hash_max_listpack_entries_and_value_apply_to_the_next_insertion()
    {
        using var client = Connect();
        var (byEntries, byValue, untouched) = (NewKey(), NewKey(), NewKey());
        client.Execute("HSET", untouched, "a", "1", "b", "2", "c", "3");
        try
        {
            AssertOk(client.Execute("CONFIG", "SET", "hash-max-listpack-entries", "2"));
            AssertOk(client.Execute("CONFIG", "SET", "hash-max-listpack-value", "4"));
            client.Execute("HSET", byEntries, "a", "1", "b", "2");
            AssertBulk("listpack", client.Execute("OBJECT", "ENCODING", byEntries));
            client.Execute("HSET", byEntries, "c", "3");
            AssertBulk("hashtable", client.Execute("OBJECT", "ENCODING", byEntries));

            client.Execute("HSET", byValue, "a", "1234");
            AssertBulk("listpack", client.Execute("OBJECT", "ENCODING", byValue));
            client.Execute("HINCRBY", byValue, "a", "1");
            AssertBulk("listpack", client.Execute("OBJECT", "ENCODING", byValue));
            client.Execute("HINCRBY", byValue, "a", "10000");
            AssertBulk("hashtable", client.Execute("OBJECT", "ENCODING", byValue));
            AssertBulk("11235", client.Execute("HGET", byValue, "a"));

            AssertBulk("listpack", client.Execute("OBJECT", "ENCODING", untouched));
        }
        finally
        {
            client.Execute("CONFIG", "SET", "hash-max-listpack-entries", "128");
            client.Execute("CONFIG", "SET", "hash-max-listpack-value", "64");
        }
    }

    [Fact]
    public void Hsetnx_with_a_big_value_promotes_to_a_hashtable()
    {
        using var client = Connect();
        var key = NewKey();
        client.Execute("HSET", key, "a", "1");
        AssertInteger(1, client.Execute("HSETNX", key, "b", new string('z', 100)));
        AssertBulk("hashtable", client.Execute("OBJECT", "ENCODING", key));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Hsetnx_sets_only_a_missing_field(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        AssertInteger(1, client.Execute("HSETNX", key, "f", "first"));
        AssertInteger(0, client.Execute("HSETNX", key, "f", "second"));
        AssertBulk("first", client.Execute("HGET", key, "f"));
    }

    // ---- HMGET / HKEYS / HVALS / HGETALL ------------------------------------------------------------------------

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Hmget_of_missing_key_and_fields_is_nulls(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        AssertTexts([null, null], client.Execute("HMGET", NewKey(), "a", "b"));
        client.Execute("HSET", key, "a", "1");
        AssertTexts(["1", null, "1"], client.Execute("HMGET", key, "a", "b", "a"));
    }

    [Fact]
    public void Hmget_of_a_missing_key_bytes()
    {
        AssertRawReply("*2\r\n$-1\r\n$-1\r\n", Command("HMGET", NewKey(), "a", "b"));
        AssertRawReply("*2\r\n_\r\n_\r\n", Command("HMGET", NewKey(), "a", "b"), protocol: 3);
    }

    [Theory]
    [InlineData(2, 10)]
    [InlineData(3, 10)]
    [InlineData(2, 300)]
    [InlineData(3, 300)]
    public void Hkeys_hvals_and_hgetall_return_everything(int protocol, int size)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        var expected = Enumerable.Range(0, size).ToDictionary(i => "field:" + i, i => "value:" + i);
        foreach (var (field, value) in expected) client.Execute("HSET", key, field, value);

        Assert.Equal(expected.Keys.Order(), Strings(client.Execute("HKEYS", key)).Order());
        Assert.Equal(expected.Values.Order(), Strings(client.Execute("HVALS", key)).Order());
        var all = AssertMap(client.Execute("HGETALL", key), protocol);
        Assert.Equal(expected, all.ToDictionary(p => p.Key, p => p.Value.Text!));
    }

    [Fact]
    public void Hgetall_is_a_flat_array_under_resp2_bytes()
    {
        var key = NewKey();
        AssertRawReply(":2\r\n*4\r\n$1\r\na\r\n$1\r\n1\r\n$1\r\nb\r\n$0\r\n\r\n", Command("HSET", key, "a", "1", "b", "") + Command("HGETALL", key));
        AssertRawReply("*0\r\n", Command("HGETALL", NewKey()));
    }

    [Fact]
    public void Hgetall_is_a_map_under_resp3_bytes()
    {
        var key = NewKey();
        AssertRawReply(":2\r\n%2\r\n$1\r\na\r\n$1\r\n1\r\n$1\r\nb\r\n$0\r\n\r\n", Command("HSET", key, "a", "1", "b", "") + Command("HGETALL", key), protocol: 3);
        AssertRawReply("%0\r\n", Command("HGETALL", NewKey()), protocol: 3);
        AssertRawReply("*0\r\n*0\r\n", Command("HKEYS", NewKey()) + Command("HVALS", NewKey()), protocol: 3);
    }

    // ---- HDEL / HEXISTS / HSTRLEN -------------------------------------------------------------------------------

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Hdel_returns_the_number_deleted_and_deletes_the_emptied_hash(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        client.Execute("HSET", key, "a", "1", "b", "2", "c", "3");
        AssertInteger(2, client.Execute("HDEL", key, "a", "b", "nope", "a"));
        AssertInteger(0, client.Execute("HDEL", key, "a"));
        AssertInteger(0, client.Execute("HDEL", NewKey(), "a"));
        AssertInteger(1, client.Execute("HDEL", key, "c", "c"));
        AssertInteger(0, client.Execute("EXISTS", key));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Hexists_and_hstrlen(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        client.Execute("HSET", key, "f", "hello", "n", "-1234", "e", "");
        AssertInteger(1, client.Execute("HEXISTS", key, "f"));
        AssertInteger(0, client.Execute("HEXISTS", key, "g"));
        AssertInteger(0, client.Execute("HEXISTS", NewKey(), "f"));
        AssertInteger(5, client.Execute("HSTRLEN", key, "f"));
        AssertInteger(5, client.Execute("HSTRLEN", key, "n"));
        AssertInteger(0, client.Execute("HSTRLEN", key, "e"));
        AssertInteger(0, client.Execute("HSTRLEN", key, "g"));
        AssertInteger(0, client.Execute("HSTRLEN", NewKey(), "f"));
    }

    [Theory]
    [InlineData("HSET", "f", "v")]
    [InlineData("HSETNX", "f", "v")]
    [InlineData("HMSET", "f", "v")]
    [InlineData("HGET", "f")]
    [InlineData("HMGET", "f")]
    [InlineData("HDEL", "f")]
    [InlineData("HLEN")]
    [InlineData("HSTRLEN", "f")]
    [InlineData("HEXISTS", "f")]
    [InlineData("HKEYS")]
    [InlineData("HVALS")]
    [InlineData("HGETALL")]
    [InlineData("HINCRBY", "f", "1")]
    [InlineData("HINCRBYFLOAT", "f", "1")]
    [InlineData("HRANDFIELD")]
    [InlineData("HRANDFIELD", "0")]
    [InlineData("HRANDFIELD", "-3", "WITHVALUES")]
    [InlineData("HSCAN", "0")]
    [InlineData("HEXPIRE", "10", "FIELDS", "1", "f")]
    [InlineData("HTTL", "FIELDS", "1", "f")]
    [InlineData("HPERSIST", "FIELDS", "1", "f")]
    public void Hash_commands_against_a_string_are_wrongtype(string command, params string[] rest)
    {
        using var client = Connect();
        var key = NewKey();
        client.Execute("SET", key, "text");
        AssertError("WRONGTYPE Operation against a key holding the wrong kind of value", client.Execute([command, key, .. rest]));
        AssertBulk("text", client.Execute("GET", key));
    }

    // ---- HINCRBY / HINCRBYFLOAT ---------------------------------------------------------------------------------

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Hincrby_creates_counts_and_goes_past_32_bits(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        AssertInteger(2, client.Execute("HINCRBY", key, "n", "2"));
        AssertInteger(-3, client.Execute("HINCRBY", key, "n", "-5"));
        AssertInteger(17179869184, client.Execute("HINCRBY", key, "big", "17179869184"));
        AssertInteger(17179869185, client.Execute("HINCRBY", key, "big", "1"));
        AssertBulk("17179869185", client.Execute("HGET", key, "big"));
    }

    [Theory]
    [InlineData(" 11")]
    [InlineData("11 ")]
    [InlineData("1.5")]
    [InlineData("abc")]
    [InlineData("")]
    public void Hincrby_against_a_non_integer_value_fails(string value)
    {
        using var client = Connect();
        var key = NewKey();
        client.Execute("HSET", key, "f", value);
        AssertError("ERR hash value is not an integer", client.Execute("HINCRBY", key, "f", "1"));
        AssertBulk(value, client.Execute("HGET", key, "f"));
    }

    [Fact]
    public void Hincrby_detects_overflow_and_bad_increments()
    {
        using var client = Connect();
        var key = NewKey();
        client.Execute("HSET", key, "max", "9223372036854775807", "min", "-9223372036854775808");
        AssertError("ERR increment or decrement would overflow", client.Execute("HINCRBY", key, "max", "1"));
        AssertError("ERR increment or decrement would overflow", client.Execute("HINCRBY", key, "min", "-1"));
        AssertError("ERR value is not an integer or out of range", client.Execute("HINCRBY", key, "max", "x"));
        AssertError("ERR value is not an integer or out of range", client.Execute("HINCRBY", NewKey(), "f", "9223372036854775808"));
        AssertBulk("9223372036854775807", client.Execute("HGET", key, "max"));
    }

    [Fact]
    public void Hincrby_checks_the_increment_before_the_type_and_leaves_no_key_on_error()
    {
        using var client = Connect();
        var text = NewKey();
        client.Execute("SET", text, "x");
        AssertError("ERR value is not an integer or out of range", client.Execute("HINCRBY", text, "f", "abc"));
        AssertError("ERR value is not a valid float", client.Execute("HINCRBYFLOAT", text, "f", "abc"));
        var missing = NewKey();
        AssertError("ERR value is NaN or Infinity", client.Execute("HINCRBYFLOAT", missing, "f", "inf"));
        AssertInteger(0, client.Execute("EXISTS", missing));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Hincrbyfloat_adds_and_formats_like_redis(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        AssertBulk("10.5", client.Execute("HINCRBYFLOAT", key, "f", "10.5"));
        AssertBulk("10.6", client.Execute("HINCRBYFLOAT", key, "f", "0.1"));
        AssertBulk("10.6", client.Execute("HGET", key, "f"));
        client.Execute("HSET", key, "i", "17179869184");
        AssertBulk("17179869185.5", client.Execute("HINCRBYFLOAT", key, "i", "1.5"));
        AssertBulk("5200", client.Execute("HINCRBYFLOAT", key, "e", "5.2e3"));
    }

    [Fact]
    public void Hincrbyfloat_errors()
    {
        using var client = Connect();
        var key = NewKey();
        client.Execute("HSET", key, "text", "abc", "inf", "inf", "n", "1");
        AssertError("ERR hash value is not a float", client.Execute("HINCRBYFLOAT", key, "text", "1"));
        AssertError("ERR increment would produce NaN or Infinity", client.Execute("HINCRBYFLOAT", key, "inf", "1"));
        AssertError("ERR value is not a valid float", client.Execute("HINCRBYFLOAT", key, "n", "1.0x"));
        AssertError("ERR value is NaN or Infinity", client.Execute("HINCRBYFLOAT", key, "n", "-inf"));
        AssertBulk("1", client.Execute("HGET", key, "n"));
    }

    // ---- HRANDFIELD ---------------------------------------------------------------------------------------------

    [Fact]
    public void Hrandfield_of_a_missing_key_bytes()
    {
        AssertRawReply("$-1\r\n*0\r\n*0\r\n", Command("HRANDFIELD", NewKey()) + Command("HRANDFIELD", NewKey(), "5") + Command("HRANDFIELD", NewKey(), "-5", "WITHVALUES"));
        AssertRawReply("_\r\n*0\r\n", Command("HRANDFIELD", NewKey()) + Command("HRANDFIELD", NewKey(), "5"), protocol: 3);
    }

    [Fact]
    public void Hrandfield_with_values_is_flat_under_resp2_and_pairs_under_resp3_bytes()
    {
        var key = NewKey();
        AssertRawReply(":1\r\n*4\r\n$1\r\na\r\n$1\r\n1\r\n$1\r\na\r\n$1\r\n1\r\n", Command("HSET", key, "a", "1") + Command("HRANDFIELD", key, "-2", "WITHVALUES"));
        AssertRawReply("*2\r\n*2\r\n$1\r\na\r\n$1\r\n1\r\n*2\r\n$1\r\na\r\n$1\r\n1\r\n", Command("HRANDFIELD", key, "-2", "WITHVALUES"), protocol: 3);
        AssertRawReply("*1\r\n*2\r\n$1\r\na\r\n$1\r\n1\r\n", Command("HRANDFIELD", key, "5", "WITHVALUES"), protocol: 3);
        AssertRawReply("$1\r\na\r\n*0\r\n", Command("HRANDFIELD", key) + Command("HRANDFIELD", key, "0"));
    }

    [Theory]
    [InlineData(2, 10)]
    [InlineData(3, 10)]
    [InlineData(2, 200)]
    [InlineData(3, 200)]
    public void Hrandfield_positive_counts_are_distinct_and_negative_counts_repeat(int protocol, int size)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        var all = Enumerable.Range(0, size).Select(i => "f" + i).ToHashSet();
        foreach (var field in all) client.Execute("HSET", key, field, "v" + field);

        foreach (var count in new[] { 1, 3, size / 3 + 1, size - 1, size, size + 5 })
        {
            var picked = Strings(client.Execute("HRANDFIELD", key, count.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            Assert.Equal(Math.Min(count, size), picked.Length);
            Assert.Equal(picked.Length, picked.Distinct().Count());
            Assert.Subset(all, picked.ToHashSet());
        }

        var repeated = Strings(client.Execute("HRANDFIELD", key, "-" + (size * 5)));
        Assert.Equal(size * 5, repeated.Length);
        Assert.Subset(all, repeated.ToHashSet());
        Assert.True(repeated.Distinct().Count() < repeated.Length);

        var withValues = client.Execute("HRANDFIELD", key, "-7", "WITHVALUES");
        var pairs = protocol == 3
            ? withValues.Items!.Select(p => (p.Items![0].Text!, p.Items[1].Text!)).ToList()
            : withValues.Items!.Chunk(2).Select(p => (p[0].Text!, p[1].Text!)).ToList();
        Assert.Equal(7, pairs.Count);
        Assert.All(pairs, p => Assert.Equal("v" + p.Item1, p.Item2));
    }

    [Fact]
    public void Hrandfield_count_errors_as_redis()
    {
        using var client = Connect();
        var key = NewKey();
        client.Execute("HSET", key, "a", "1");
        AssertError("ERR value is out of range", client.Execute("HRANDFIELD", key, "-9223372036854770000", "WITHVALUES"));
        AssertError("ERR value is out of range", client.Execute("HRANDFIELD", key, "4611686018427387904", "withvalues"));
        AssertError("ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807", client.Execute("HRANDFIELD", key, "-9223372036854775808", "WITHVALUES"));
        AssertError("ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807", client.Execute("HRANDFIELD", key, "-9223372036854775808"));
        AssertError("ERR value is not an integer or out of range", client.Execute("HRANDFIELD", key, "abc"));
        AssertError("ERR syntax error", client.Execute("HRANDFIELD", key, "1", "WITHVALUE"));
        AssertError("ERR syntax error", client.Execute("HRANDFIELD", key, "1", "WITHVALUES", "x"));
    }

    [Fact]
    public void Hrandfield_refuses_a_count_whose_reply_could_not_be_built()
    {
        // Redis would try to stream ~9e18 fields; this reply could never be held, so the count is out of range.
        using var client = Connect();
        var key = NewKey();
        client.Execute("HSET", key, "a", "1");
        AssertError("ERR value is out of range", client.Execute("HRANDFIELD", key, "-9223372036854775807"));
        AssertError("ERR value is out of range", client.Execute("HRANDFIELD", key, "-100000000"));
        Assert.Equal(1000, Strings(client.Execute("HRANDFIELD", key, "-1000")).Length);
    }

    // ---- HSCAN --------------------------------------------------------------------------------------------------

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Hscan_of_a_listpack_returns_everything_at_once(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        client.Execute("HSET", key, "a", "1", "b", "2", "c", "3");
        var reply = client.Execute("HSCAN", key, "0", "COUNT", "1");
        AssertBulk("0", reply.Items![0]);
        Assert.Equal(["a", "1", "b", "2", "c", "3"], Strings(reply.Items[1]));
        Assert.Equal(["a", "b", "c"], Strings(client.Execute("HSCAN", key, "0", "NOVALUES").Items![1]));
        Assert.Equal(["b", "2"], Strings(client.Execute("HSCAN", key, "0", "MATCH", "b*").Items![1]));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Hscan_of_a_hashtable_iterates_every_field_once(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        for (var i = 0; i < 1000; i += 100)
        {
            var args = new List<string> { "HSET", key };
            for (var j = i; j < i + 100; j++) args.AddRange(["f" + j, "v" + j]);
            client.Execute([.. args]);
        }
        var seen = new Dictionary<string, string>();
        var matched = new List<string>();
        var cursor = "0";
        var calls = 0;
        do
        {
            var reply = client.Execute("HSCAN", key, cursor, "COUNT", "37");
            cursor = reply.Items![0].Text!;
            var items = Strings(reply.Items[1]);
            for (var i = 0; i < items.Length; i += 2) seen.Add(items[i], items[i + 1]);
            calls++;
        }
        while (cursor != "0" && calls < 1000);
        Assert.Equal(1000, seen.Count);
        Assert.All(seen, p => Assert.Equal("v" + p.Key[1..], p.Value));

        cursor = "0";
        calls = 0;
        do
        {
            var reply = client.Execute("HSCAN", key, cursor, "MATCH", "f9?", "NOVALUES");
            cursor = reply.Items![0].Text!;
            matched.AddRange(Strings(reply.Items[1]));
            calls++;
        }
        while (cursor != "0" && calls < 1000);
        Assert.Equal(Enumerable.Range(90, 10).Select(i => "f" + i).Order(), matched.Order());
    }

    [Fact]
    public void Hscan_of_a_missing_key_is_an_empty_scan_bytes()
    {
        AssertRawReply("*2\r\n$1\r\n0\r\n*0\r\n", Command("HSCAN", NewKey(), "0"));
        AssertRawReply("*2\r\n$1\r\n0\r\n*0\r\n", Command("HSCAN", NewKey(), "0"), protocol: 3);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData(" 1")]
    [InlineData("1 ")]
    [InlineData("-")]
    [InlineData("18446744073709551616")]
    [InlineData("0x10")]
    public void Hscan_with_an_invalid_cursor_fails(string cursor)
    {
        using var client = Connect();
        var key = NewKey();
        client.Execute("HSET", key, "a", "1");
        AssertError("ERR invalid cursor", client.Execute("HSCAN", key, cursor));
        AssertError("ERR invalid cursor", client.Execute("HSCAN", NewKey(), cursor));
    }

    [Theory]
    [InlineData("")]
    [InlineData("+5")]
    [InlineData("-1")]
    [InlineData("18446744073709551615")]
    [InlineData("007")]
    public void Hscan_accepts_cursors_as_strtoul_reads_them(string cursor)
    {
        using var client = Connect();
        var key = NewKey();
        client.Execute("HSET", key, "a", "1");
        var reply = client.Execute("HSCAN", key, cursor);
        AssertBulk("0", reply.Items![0]);
        Assert.Equal(["a", "1"], Strings(reply.Items[1]));
    }

    [Fact]
    public void Hscan_option_errors()
    {
        using var client = Connect();
        var key = NewKey();
        client.Execute("HSET", key, "a", "1");
        AssertError("ERR syntax error", client.Execute("HSCAN", key, "0", "COUNT", "0"));
        AssertError("ERR value is not an integer or out of range", client.Execute("HSCAN", key, "0", "COUNT", "x"));
        AssertError("ERR syntax error", client.Execute("HSCAN", key, "0", "COUNT"));
        AssertError("ERR syntax error", client.Execute("HSCAN", key, "0", "MATCH"));
        AssertError("ERR syntax error", client.Execute("HSCAN", key, "0", "TYPE", "string"));
        AssertError("ERR syntax error", client.Execute("HSCAN", key, "0", "FOO"));
    }

    [Fact]
    public void Hscan_returns_every_field_present_throughout_while_others_come_and_go()
    {
        using var scanner = Connect();
        using var writer = Connect();
        var key = NewKey();
        var stable = Enumerable.Range(0, 500).Select(i => "stable:" + i).ToList();
        var args = new List<string> { "HSET", key };
        foreach (var field in stable) args.AddRange([field, "s"]);
        for (var i = 0; i < 500; i++) args.AddRange(["churn:" + i, "c"]);
        scanner.Execute([.. args]);

        using var stop = new CancellationTokenSource();
        var churn = Task.Run(() =>
        {
            var random = new Random(11);
            var rounds = 0;
            while (!stop.IsCancellationRequested && rounds++ < 100_000)
            {
                var batch = new List<string> { random.Next(2) == 0 ? "HSET" : "HDEL", key };
                for (var i = 0; i < 50; i++)
                {
                    batch.Add("churn:" + random.Next(5_000));
                    if (batch[0] == "HSET") batch.Add("c");
                }
                writer.Execute([.. batch]);
            }
        });
        var seen = new HashSet<string>();
        var cursor = "0";
        var calls = 0;
        do
        {
            var reply = scanner.Execute("HSCAN", key, cursor, "COUNT", "20", "NOVALUES");
            cursor = reply.Items![0].Text!;
            seen.UnionWith(Strings(reply.Items[1]));
            calls++;
        }
        while (cursor != "0" && calls < 10_000);
        stop.Cancel();
        churn.Wait(TimeSpan.FromSeconds(30));

        Assert.Equal("0", cursor);
        Assert.Empty(stable.Except(seen));
    }

    // ---- OBJECT, DEBUG, COPY ------------------------------------------------------------------------------------

    [Fact]
    public void Debug_digest_value_matches_redis_in_both_encodings()
    {
        // Recorded from redis-server 7.0 for the same content.
        using var client = Connect();
        var (small, big) = (NewKey(), NewKey());
        client.Execute("HSET", small, "field", "hello", "empty", "", "num", "-42");
        client.Execute("HSET", big, "num", "-42", "empty", "", "field", "hello", "x", new string('x', 100));
        client.Execute("HDEL", big, "x");
        AssertBulk("hashtable", client.Execute("OBJECT", "ENCODING", big));
        AssertTexts(["e972aa5d3f139222fda23efb299c3bb7cc8a834b", "e972aa5d3f139222fda23efb299c3bb7cc8a834b"], client.Execute("DEBUG", "DIGEST-VALUE", small, big));
    }

    [Fact]
    public void Copy_of_a_hash_is_independent()
    {
        using var client = Connect();
        var (source, copy) = KeysOnDifferentShards();
        client.Execute("HSET", source, "a", "1", "b", "2");
        AssertInteger(1, client.Execute("COPY", source, copy));
        client.Execute("HSET", source, "a", "changed");
        client.Execute("HDEL", copy, "b");
        AssertTexts(["1", null], client.Execute("HMGET", copy, "a", "b"));
        AssertTexts(["changed", "2"], client.Execute("HMGET", source, "a", "b"));
    }

    /// <summary>An array reply's items as non-null texts.</summary>
    private static string[] Strings(RespValue reply) => Texts(reply).Select(t => t!).ToArray();
}
