using System.Text;
using AkkaKv.IntegrationTests.Infrastructure;
using AkkaKv.Protocol;

namespace AkkaKv.IntegrationTests.Commands;

/// <summary>
/// Redis's unit/type/list: the list commands under RESP2 and RESP3, their exact replies and errors, encodings and
/// digests. Moves, multi-pops and the blocking forms are in ListCommandsTests.Moves.cs.
/// </summary>
public sealed partial class ListCommandsTests(ServerFixture server) : CommandTestBase(server), IClassFixture<ServerFixture>
{
    private const string WrongType = "WRONGTYPE Operation against a key holding the wrong kind of value";
    private const string NotInteger = "ERR value is not an integer or out of range";

    // ---- pushes, pops, length ---------------------------------------------------------------------------------

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Lpush_rpush_llen_lindex_lpop_rpop(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        AssertInteger(1, client.Execute("LPUSH", key, "a"));
        AssertInteger(2, client.Execute("RPUSH", key, "b"));
        AssertInteger(3, client.Execute("RPUSH", key, "c"));
        AssertInteger(3, client.Execute("LLEN", key));
        AssertBulk("a", client.Execute("LINDEX", key, "0"));
        AssertBulk("b", client.Execute("LINDEX", key, "1"));
        AssertBulk("c", client.Execute("LINDEX", key, "2"));
        AssertNull(client.Execute("LINDEX", key, "3"));
        AssertBulk("c", client.Execute("RPOP", key));
        AssertBulk("a", client.Execute("LPOP", key));
        AssertInteger(1, client.Execute("LLEN", key));
        AssertBulk("b", client.Execute("LPOP", key));
        AssertInteger(0, client.Execute("EXISTS", key));
        AssertNull(client.Execute("LPOP", key));
        AssertNull(client.Execute("RPOP", key));
        AssertInteger(0, client.Execute("LLEN", key));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Variadic_pushes_keep_argument_order_at_their_end(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        AssertInteger(4, client.Execute("LPUSH", key, "a", "b", "c", "d"));
        AssertInteger(8, client.Execute("RPUSH", key, "0", "1", "2", "3"));
        AssertTexts(["d", "c", "b", "a", "0", "1", "2", "3"], client.Execute("LRANGE", key, "0", "-1"));
        AssertSimple("list", client.Execute("TYPE", key));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Pushx_only_pushes_onto_an_existing_list(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        AssertInteger(0, client.Execute("LPUSHX", key, "a"));
        AssertInteger(0, client.Execute("RPUSHX", key, "a", "b"));
        AssertInteger(0, client.Execute("EXISTS", key));
        client.Execute("RPUSH", key, "x");
        AssertInteger(3, client.Execute("LPUSHX", key, "b", "a"));
        AssertInteger(5, client.Execute("RPUSHX", key, "y", "z"));
        AssertTexts(["a", "b", "x", "y", "z"], client.Execute("LRANGE", key, "0", "-1"));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Pop_with_a_count_returns_an_array_in_popping_order(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        client.Execute("RPUSH", key, "a", "b", "c", "d", "e", "f");
        AssertTexts(["a"], client.Execute("LPOP", key, "1"));
        AssertTexts(["f", "e"], client.Execute("RPOP", key, "2"));
        AssertTexts([], client.Execute("LPOP", key, "0"));
        AssertTexts(["b", "c", "d"], client.Execute("LPOP", key, "10"));
        AssertInteger(0, client.Execute("EXISTS", key));
    }

    [Fact]
    public void Pop_replies_are_byte_exact_in_resp2()
    {
        var key = NewKey();
        var missing = NewKey("missing");
        AssertRawReply(
            ":3\r\n$1\r\na\r\n*2\r\n$1\r\nc\r\n$1\r\nb\r\n$-1\r\n*-1\r\n*-1\r\n",
            Command("RPUSH", key, "a", "b", "c") + Command("LPOP", key) + Command("RPOP", key, "5") +
            Command("LPOP", missing) + Command("LPOP", missing, "2") + Command("RPOP", missing, "0"));
        AssertRawReply(":1\r\n*0\r\n", Command("RPUSH", key, "a") + Command("LPOP", key, "0"));
    }

    [Fact]
    public void Pop_replies_are_byte_exact_in_resp3()
    {
        var key = NewKey();
        var missing = NewKey("missing");
        AssertRawReply(
            ":2\r\n*0\r\n*1\r\n$1\r\nb\r\n_\r\n_\r\n_\r\n",
            Command("RPUSH", key, "a", "b") + Command("LPOP", key, "0") + Command("RPOP", key, "1") +
            Command("LPOP", missing) + Command("LPOP", missing, "2") + Command("RPOP", missing, "0"),
            protocol: 3);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Pop_count_errors(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        client.Execute("RPUSH", key, "a");
        AssertError("ERR value is out of range, must be positive", client.Execute("LPOP", key, "-1"));
        AssertError("ERR value is out of range, must be positive", client.Execute("RPOP", key, "abc"));
        AssertError("ERR wrong number of arguments for 'lpop' command", client.Execute("LPOP", key, "1", "1"));
        AssertError("ERR wrong number of arguments for 'rpop' command", client.Execute("RPOP", key, "1", "1"));
        AssertInteger(1, client.Execute("LLEN", key));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Elements_are_binary_safe(int protocol)
    {
        using var client = Connect(protocol);
        var key = Encoding.UTF8.GetBytes(NewKey());
        byte[] binary = [0, 255, 13, 10, 0x80, (byte)'x'];
        var big = new byte[100_000];
        new Random(7).NextBytes(big);
        client.Execute("RPUSH"u8.ToArray(), key, binary, big, []);
        Assert.Equal(binary, client.Execute("LINDEX"u8.ToArray(), key, "0"u8.ToArray()).Bytes!);
        Assert.Equal(big, client.Execute("LINDEX"u8.ToArray(), key, "1"u8.ToArray()).Bytes!);
        Assert.Empty(client.Execute("RPOP"u8.ToArray(), key).Bytes!);
        Assert.Equal(big, client.Execute("RPOP"u8.ToArray(), key).Bytes!);
    }

    [Fact]
    public void A_long_list_keeps_its_order_across_nodes()
    {
        using var client = Connect();
        var key = NewKey();
        for (var batch = 0; batch < 10; batch++)
        {
            client.Execute(["RPUSH", key, .. Enumerable.Range(batch * 1000, 1000).Select(i => $"element-{i}")]);
        }

        AssertInteger(10_000, client.Execute("LLEN", key));
        AssertBulk("element-5000", client.Execute("LINDEX", key, "5000"));
        AssertBulk("element-9998", client.Execute("LINDEX", key, "-2"));
        AssertTexts(Enumerable.Range(4990, 20).Select(i => $"element-{i}"), client.Execute("LRANGE", key, "4990", "5009"));
        AssertInteger(0, client.Execute("LREM", key, "0", "nothing"));
        AssertInteger(1, client.Execute("LREM", key, "-1", "element-7777"));
        AssertBulk("element-7778", client.Execute("LINDEX", key, "7777"));
    }

    // ---- LRANGE, LINDEX, LSET ---------------------------------------------------------------------------------

    [Theory]
    [InlineData(2, "1", "-2", "1 2 3 4 5 6 7 8")]
    [InlineData(3, "0", "-1", "0 1 2 3 4 5 6 7 8 9")]
    [InlineData(2, "-3", "-1", "7 8 9")]
    [InlineData(3, "6", "3", "")]
    [InlineData(2, "-1", "-3", "")]
    [InlineData(3, "-1000", "1000", "0 1 2 3 4 5 6 7 8 9")]
    [InlineData(2, "0", "-10", "0")]
    [InlineData(3, "0", "-11", "")]
    [InlineData(2, "10", "20", "")]
    [InlineData(3, "9", "9", "9")]
    public void Lrange_follows_redis_index_rules(int protocol, string start, string end, string expected)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        client.Execute(["RPUSH", key, .. Enumerable.Range(0, 10).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
        AssertTexts(expected.Length == 0 ? [] : expected.Split(' '), client.Execute("LRANGE", key, start, end));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Lrange_of_a_missing_key_is_empty_and_its_arguments_are_checked_first(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        AssertTexts([], client.Execute("LRANGE", key, "0", "-1"));
        AssertError(NotInteger, client.Execute("LRANGE", key, "a", "1"));
        AssertError(NotInteger, client.Execute("LRANGE", key, "0", "1.5"));
    }

    [Fact]
    public void Lrange_replies_are_byte_exact()
    {
        var key = NewKey();
        AssertRawReply(":2\r\n*2\r\n$2\r\nab\r\n$0\r\n\r\n*0\r\n", Command("RPUSH", key, "ab", "") + Command("LRANGE", key, "0", "-1") + Command("LRANGE", key, "5", "6"));
        AssertRawReply("*0\r\n", Command("LRANGE", NewKey(), "0", "-1"), protocol: 3);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Lindex_takes_negative_indexes_and_checks_the_key_before_the_index(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        client.Execute("RPUSH", key, "a", "b", "c");
        AssertBulk("c", client.Execute("LINDEX", key, "-1"));
        AssertBulk("a", client.Execute("LINDEX", key, "-3"));
        AssertNull(client.Execute("LINDEX", key, "-4"));
        AssertError(NotInteger, client.Execute("LINDEX", key, "x"));

        // Redis looks the key up before parsing the index.
        AssertNull(client.Execute("LINDEX", NewKey(), "x"));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Lset_replaces_by_index(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        client.Execute("RPUSH", key, "a", "b", "c");
        AssertOk(client.Execute("LSET", key, "0", "foo"));
        AssertOk(client.Execute("LSET", key, "-1", "bar"));
        AssertTexts(["foo", "b", "bar"], client.Execute("LRANGE", key, "0", "-1"));
        AssertError("ERR index out of range", client.Execute("LSET", key, "3", "x"));
        AssertError("ERR index out of range", client.Execute("LSET", key, "-4", "x"));
        AssertError(NotInteger, client.Execute("LSET", key, "one", "x"));
        AssertError("ERR no such key", client.Execute("LSET", NewKey(), "0", "x"));
        AssertError("ERR no such key", client.Execute("LSET", NewKey(), "bad", "x"));
    }

    // ---- LINSERT, LREM, LTRIM ---------------------------------------------------------------------------------

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Linsert_before_and_after_the_first_match(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        client.Execute("RPUSH", key, "a", "b", "c", "d");
        AssertInteger(5, client.Execute("LINSERT", key, "before", "c", "zz"));
        AssertInteger(6, client.Execute("LINSERT", key, "AFTER", "c", "yy"));
        AssertInteger(7, client.Execute("LINSERT", key, "after", "d", "dd"));
        AssertInteger(8, client.Execute("LINSERT", key, "Before", "a", "aa"));
        AssertTexts(["aa", "a", "b", "zz", "c", "yy", "d", "dd"], client.Execute("LRANGE", key, "0", "-1"));
        AssertInteger(-1, client.Execute("LINSERT", key, "before", "bad", "x"));
        AssertInteger(0, client.Execute("LINSERT", NewKey(), "before", "a", "x"));
        AssertError("ERR syntax error", client.Execute("LINSERT", key, "middle", "a", "x"));
        AssertError("ERR syntax error", client.Execute("LINSERT", NewKey(), "middle", "a", "x"));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Lrem_counts_from_either_end(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        client.Execute("RPUSH", key, "foo", "bar", "foobar", "foobared", "zap", "bar", "test", "foo");
        AssertInteger(2, client.Execute("LREM", key, "0", "bar"));
        AssertTexts(["foo", "foobar", "foobared", "zap", "test", "foo"], client.Execute("LRANGE", key, "0", "-1"));
        AssertInteger(1, client.Execute("LREM", key, "1", "foo"));
        AssertInteger(0, client.Execute("LREM", key, "1", "nosuchelement"));
        client.Execute("RPUSH", key, "zap");
        AssertInteger(1, client.Execute("LREM", key, "-1", "zap"));
        AssertTexts(["foobar", "foobared", "zap", "test", "foo"], client.Execute("LRANGE", key, "0", "-1"));
        AssertInteger(1, client.Execute("LREM", key, "-2", "foo"));
        AssertInteger(0, client.Execute("LREM", NewKey(), "0", "x"));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Lrem_of_every_element_deletes_the_key_and_integers_compare_as_text(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        client.Execute("RPUSH", key, "1", "2", "3", "01", "1");
        AssertInteger(2, client.Execute("LREM", key, "0", "1"));
        AssertTexts(["2", "3", "01"], client.Execute("LRANGE", key, "0", "-1"));
        client.Execute("DEL", key);
        client.Execute("RPUSH", key, "x", "x");
        AssertInteger(2, client.Execute("LREM", key, "-5", "x"));
        AssertInteger(0, client.Execute("EXISTS", key));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Lrem_count_errors(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        client.Execute("RPUSH", key, "a");
        AssertError(NotInteger, client.Execute("LREM", key, "x", "a"));
        AssertInteger(1, client.Execute("LREM", key, "-9223372036854775807", "a"));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Lrem_takes_long_min_as_every_match_from_the_tail(int protocol)
    {
        // Redis has no range check here: negating LONG_MIN leaves it negative, so every match goes (found by tests/fuzz).
        var key = NewKey();
        AssertRawReply(":5\r\n:3\r\n*2\r\n$1\r\nb\r\n$1\r\nb\r\n",
            Command("RPUSH", key, "a", "b", "a", "b", "a") + Command("LREM", key, "-9223372036854775808", "a") + Command("LRANGE", key, "0", "-1"),
            protocol);
    }

    [Theory]
    [InlineData(2, "0", "0", "a")]
    [InlineData(3, "1", "2", "b c")]
    [InlineData(2, "-2", "-1", "d e")]
    [InlineData(3, "1", "-2", "b c d")]
    [InlineData(2, "0", "-10", "")]
    [InlineData(3, "3", "1", "")]
    [InlineData(2, "-10", "100", "a b c d e")]
    public void Ltrim_keeps_the_range(int protocol, string start, string end, string expected)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        client.Execute("RPUSH", key, "a", "b", "c", "d", "e");
        AssertOk(client.Execute("LTRIM", key, start, end));
        AssertTexts(expected.Length == 0 ? [] : expected.Split(' '), client.Execute("LRANGE", key, "0", "-1"));
        AssertInteger(expected.Length == 0 ? 0 : 1, client.Execute("EXISTS", key));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Ltrim_of_a_missing_key_is_ok_after_checking_its_arguments(int protocol)
    {
        using var client = Connect(protocol);
        AssertOk(client.Execute("LTRIM", NewKey(), "0", "1"));
        AssertError(NotInteger, client.Execute("LTRIM", NewKey(), "a", "1"));
    }

    // ---- LPOS -------------------------------------------------------------------------------------------------

    [Theory]
    [InlineData(2, "a", "", "0")]
    [InlineData(3, "c", "", "2")]
    [InlineData(2, "c", "RANK 1", "2")]
    [InlineData(3, "c", "RANK 2", "6")]
    [InlineData(2, "c", "RANK 4", null)]
    [InlineData(3, "c", "RANK -1", "7")]
    [InlineData(2, "c", "RANK -2", "6")]
    [InlineData(3, "x", "RANK -1", null)]
    [InlineData(2, "c", "rank 1 maxlen 2", null)]
    public void Lpos_finds_one_position(int protocol, string element, string options, string? expected)
    {
        using var client = Connect(protocol);
        var key = LposList(client);
        var reply = client.Execute(["LPOS", key, element, .. Split(options)]);
        if (expected is null) AssertNull(reply);
        else AssertInteger(long.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), reply);
    }

    [Theory]
    [InlineData(2, "c", "COUNT 0", "2 6 7")]
    [InlineData(3, "c", "COUNT 1", "2")]
    [InlineData(2, "c", "COUNT 2", "2 6")]
    [InlineData(3, "c", "COUNT 100", "2 6 7")]
    [InlineData(2, "c", "COUNT 0 RANK 2", "6 7")]
    [InlineData(3, "c", "COUNT 2 RANK -1", "7 6")]
    [InlineData(2, "x", "COUNT 2 RANK -1", "")]
    [InlineData(3, "a", "COUNT 0 MAXLEN 1", "0")]
    [InlineData(2, "c", "COUNT 0 MAXLEN 1", "")]
    [InlineData(3, "c", "COUNT 0 MAXLEN 3", "2")]
    [InlineData(2, "c", "COUNT 0 MAXLEN 3 RANK -1", "7 6")]
    [InlineData(3, "c", "COUNT 0 MAXLEN 7 RANK 2", "6")]
    public void Lpos_with_count_returns_an_array(int protocol, string element, string options, string expected)
    {
        using var client = Connect(protocol);
        var key = LposList(client);
        var reply = client.Execute(["LPOS", key, element, .. Split(options)]);
        Assert.Equal(RespType.Array, reply.Type);
        Assert.Equal(Split(expected), reply.Items!.Select(i => i.Integer.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData("RANK 0", "ERR RANK can't be zero: use 1 to start from the first match, 2 from the second ... or use negative to start from the end of the list")]
    [InlineData("RANK -9223372036854775808", "ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807")]
    [InlineData("RANK x", "ERR value is not an integer or out of range")]
    [InlineData("COUNT -1", "ERR COUNT can't be negative")]
    [InlineData("COUNT x", "ERR COUNT can't be negative")]
    [InlineData("MAXLEN -1", "ERR MAXLEN can't be negative")]
    [InlineData("MAXLEN 1.5", "ERR MAXLEN can't be negative")]
    [InlineData("RANK", "ERR syntax error")]
    [InlineData("FOO 1", "ERR syntax error")]
    public void Lpos_option_errors(string options, string error)
    {
        using var client = Connect();
        var key = LposList(client);
        AssertError(error, client.Execute(["LPOS", key, "c", .. Split(options)]));
        AssertError(error, client.Execute(["LPOS", NewKey(), "c", .. Split(options)]));
    }

    [Fact]
    public void Lpos_of_a_missing_key_is_null_or_an_empty_array_bytes()
    {
        AssertRawReply("$-1\r\n*0\r\n", Command("LPOS", NewKey(), "a") + Command("LPOS", NewKey(), "a", "COUNT", "0"));
        AssertRawReply("_\r\n*0\r\n", Command("LPOS", NewKey(), "a") + Command("LPOS", NewKey(), "a", "COUNT", "0"), protocol: 3);
    }

    // ---- types, encodings, digests, copies ---------------------------------------------------------------------

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Every_list_command_refuses_another_type(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        var list = NewKey("list");
        client.Execute("SET", key, "string");
        client.Execute("RPUSH", list, "a");
        string[][] requests =
        [
            ["LPUSH", key, "a"], ["RPUSH", key, "a"], ["LPUSHX", key, "a"], ["RPUSHX", key, "a"], ["LPOP", key], ["RPOP", key, "2"],
            ["LRANGE", key, "0", "-1"], ["LINDEX", key, "0"], ["LSET", key, "0", "a"], ["LINSERT", key, "BEFORE", "a", "b"],
            ["LLEN", key], ["LREM", key, "0", "a"], ["LTRIM", key, "0", "1"], ["LPOS", key, "a"], ["LMOVE", key, list, "LEFT", "LEFT"],
            ["LMOVE", list, key, "LEFT", "LEFT"], ["RPOPLPUSH", key, list], ["LMPOP", "1", key, "LEFT"], ["BLPOP", key, "0"],
            ["BRPOP", key, "0"], ["BLMOVE", key, list, "LEFT", "LEFT", "0"], ["BRPOPLPUSH", list, key, "0"], ["BLMPOP", "0", "1", key, "LEFT"],
        ];
        foreach (var request in requests) AssertError(WrongType, client.Execute(request));
        AssertBulk("string", client.Execute("GET", key));
        AssertTexts(["a"], client.Execute("LRANGE", list, "0", "-1"));
    }

    [Fact]
    public void Config_list_max_listpack_size_decides_the_encoding_both_ways()
    {
        using var client = Connect();
        var key = NewKey();
        try
        {
            AssertOk(client.Execute("CONFIG", "SET", "list-max-listpack-size", "4"));
            client.Execute("RPUSH", key, "a", "b", "c", "d");
            AssertBulk("listpack", client.Execute("OBJECT", "ENCODING", key));
            client.Execute("RPUSH", key, "e");
            AssertBulk("quicklist", client.Execute("OBJECT", "ENCODING", key));

            // Back to a listpack only once one node holds at most half the limit.
            client.Execute("RPOP", key);
            AssertBulk("quicklist", client.Execute("OBJECT", "ENCODING", key));
            client.Execute("RPOP", key);
            AssertBulk("quicklist", client.Execute("OBJECT", "ENCODING", key));
            client.Execute("RPOP", key);
            AssertBulk("listpack", client.Execute("OBJECT", "ENCODING", key));
            AssertTexts(["a", "b"], client.Execute("LRANGE", key, "0", "-1"));
        }
        finally
        {
            client.Execute("CONFIG", "SET", "list-max-listpack-size", "-2");
        }
    }

    [Fact]
    public void The_default_limit_is_8_KB_of_listpack()
    {
        using var client = Connect();
        var key = NewKey();

        // 681 ten-byte elements make a 8179-byte listpack; the 682nd fits (8191), the 683rd does not.
        client.Execute(["RPUSH", key, .. Enumerable.Range(0, 681).Select(i => $"e{i:D9}")]);
        AssertBulk("listpack", client.Execute("OBJECT", "ENCODING", key));
        client.Execute("RPUSH", key, "e999999998");
        AssertBulk("listpack", client.Execute("OBJECT", "ENCODING", key));
        client.Execute("RPUSH", key, "e999999999");
        AssertBulk("quicklist", client.Execute("OBJECT", "ENCODING", key));

        // One 8191-byte node left is still more than half of 8 KB; 340 elements (4087 bytes) are not.
        client.Execute("RPOP", key);
        AssertBulk("quicklist", client.Execute("OBJECT", "ENCODING", key));
        AssertOk(client.Execute("LTRIM", key, "0", "340"));
        AssertBulk("quicklist", client.Execute("OBJECT", "ENCODING", key));
        AssertOk(client.Execute("LTRIM", key, "0", "339"));
        AssertBulk("listpack", client.Execute("OBJECT", "ENCODING", key));
        AssertInteger(340, client.Execute("LLEN", key));
    }

    [Fact]
    public void A_big_element_makes_a_quicklist_until_one_small_node_is_left()
    {
        using var client = Connect();
        var key = NewKey();
        client.Execute("RPUSH", key, "small");
        AssertBulk("listpack", client.Execute("OBJECT", "ENCODING", key));
        client.Execute("LINSERT", key, "AFTER", "small", new string('x', 9000));
        AssertBulk("quicklist", client.Execute("OBJECT", "ENCODING", key));

        // The big element got a node of its own; two nodes never turn back into a listpack, one small one does.
        AssertOk(client.Execute("LSET", key, "1", "tiny"));
        AssertBulk("quicklist", client.Execute("OBJECT", "ENCODING", key));
        AssertTexts(["small", "tiny"], client.Execute("LRANGE", key, "0", "-1"));
        AssertBulk("tiny", client.Execute("RPOP", key));
        AssertBulk("listpack", client.Execute("OBJECT", "ENCODING", key));
    }

    [Theory]
    [InlineData("-2")]
    [InlineData("1")]
    public void Debug_digest_value_matches_redis_in_either_encoding(string listMaxListpackSize)
    {
        using var client = Connect();
        var key = NewKey();
        try
        {
            AssertOk(client.Execute("CONFIG", "SET", "list-max-listpack-size", listMaxListpackSize));
            client.Execute("RPUSH", key, "a", "1", "-5", "007", "12345678901", "", "hello", "-0", "9223372036854775807");
            AssertBulk(listMaxListpackSize == "1" ? "quicklist" : "listpack", client.Execute("OBJECT", "ENCODING", key));

            // redis-server 7.0.15 with the same RPUSH, DEBUG DIGEST-VALUE.
            AssertTexts(["2584476cef08b843a7b106e81c36e8fa7c39ac9d"], client.Execute("DEBUG", "DIGEST-VALUE", key));
        }
        finally
        {
            client.Execute("CONFIG", "SET", "list-max-listpack-size", "-2");
        }
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Copy_makes_an_independent_list(int protocol)
    {
        using var client = Connect(protocol);
        var (source, copy) = KeysOnDifferentShards("copy");
        client.Execute("RPUSH", source, "a", "b");
        AssertInteger(1, client.Execute("COPY", source, copy));
        client.Execute("RPUSH", source, "c");
        client.Execute("LSET", copy, "0", "z");
        AssertTexts(["a", "b", "c"], client.Execute("LRANGE", source, "0", "-1"));
        AssertTexts(["z", "b"], client.Execute("LRANGE", copy, "0", "-1"));
    }

    [Fact]
    public void Commands_that_change_nothing_propagate_nothing()
    {
        using var client = Connect();
        var key = NewKey();
        client.Execute("RPUSH", key, "a", "b");
        var before = Changes(client);
        client.Execute("LPOP", NewKey());
        client.Execute("LPOP", key, "0");
        client.Execute("LINSERT", key, "BEFORE", "zz", "x");
        client.Execute("LREM", key, "0", "zz");
        client.Execute("LTRIM", key, "0", "-1");
        client.Execute("LPUSHX", NewKey(), "a");
        client.Execute("LMOVE", NewKey(), key, "LEFT", "LEFT");
        client.Execute("LMPOP", "2", NewKey(), NewKey(), "LEFT");
        client.Execute("LSET", key, "5", "x");
        Assert.Equal(before, Changes(client));

        client.Execute("LTRIM", key, "1", "-1");
        Assert.Equal(before + 1, Changes(client));
    }

    private static long Changes(RespClient client) => InfoFields.Integer(client, "persistence", "rdb_changes_since_last_save");

    private string LposList(RespClient client)
    {
        var key = NewKey("lpos");
        client.Execute("RPUSH", key, "a", "b", "c", "1", "2", "3", "c", "c");
        return key;
    }

    private static string[] Split(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
