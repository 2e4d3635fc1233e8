using System.Globalization;
using System.Text;
using AkkaKv.IntegrationTests.Infrastructure;
using AkkaKv.Protocol;

namespace AkkaKv.IntegrationTests.Commands;

/// <summary>
/// Redis's unit/hyperloglog: PFADD, PFCOUNT, PFMERGE, PFDEBUG, PFSELFTEST, under RESP2 and RESP3. HLLs are Redis's
/// exact bytes, so values made by a real redis-server (recorded below from 7.0.15) count the same here.
/// </summary>
public sealed class HyperLogLogCommandsTests(ServerFixture server) : CommandTestBase(server), IClassFixture<ServerFixture>
{
    private const string NotHll = "WRONGTYPE Key is not a valid HyperLogLog string value.";
    private const string Corrupted = "INVALIDOBJ Corrupted HLL object detected";
    private const string WrongType = "WRONGTYPE Operation against a key holding the wrong kind of value";

    /// <summary>redis-server's HLL after PFADD of "1".."100" (sparse, cache invalid).</summary>
    private const string Redis100 =
        "48594c4c01000000000000000000008041768c407684409a9040c9804100801c8c40418840e688405f803f80416880404198407084088041" +
        "20804059842080078040f48042108841368040e2800a8040b08c37883380407680404680408580405f803380404d8840549040da80415b80" +
        "228040e2804058804094803780248041718040658442119440aa8040799040db8040ac904147881a84414280158440bf8440d28c41158440" +
        "81940b8c40b380318c28802d803c80404780446e8040928041e6881588408d80410a8040488440eb803784405a8440a580406d84413e8429" +
        "8040da802480405880068042f4804059801d8840aa8c40ed80404880404a942c80388c308040b28840f28c40b880158418883a8040d99440" +
        "8a80407b8040e8";

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Pfadd_without_elements_creates_an_empty_hll(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        AssertInteger(1, client.Execute("PFADD", key));
        AssertInteger(1, client.Execute("EXISTS", key));
        AssertInteger(0, client.Execute("PFCOUNT", key));
        AssertInteger(0, client.Execute("PFADD", key));
        Assert.Equal("48594c4c0100000000000000000000007fff", Convert.ToHexStringLower(client.Execute("GET", key).Bytes!));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Pfadd_returns_1_only_when_a_register_changed(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        AssertInteger(1, client.Execute("PFADD", key, "a", "b", "c"));
        AssertInteger(0, client.Execute("PFADD", key, "a", "b", "c"));
        AssertInteger(1, client.Execute("PFADD", key, ""));
        AssertInteger(0, client.Execute("PFADD", key, ""));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Pfcount_approximates_small_sets_exactly(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        AssertInteger(0, client.Execute("PFCOUNT", key));
        client.Execute("PFADD", key, "1", "2", "3", "4", "5");
        AssertInteger(5, client.Execute("PFCOUNT", key));
        client.Execute("PFADD", key, "6", "7", "8", "8", "9", "10");
        AssertInteger(10, client.Execute("PFCOUNT", key));
    }

    [Fact]
    public void Pfcount_of_100k_elements_is_within_2_percent_and_exactly_redis()
    {
        using var client = Connect();
        var key = NewKey();
        for (var batch = 0; batch < 100; batch++)
        {
            client.Execute(["PFADD", key, .. Enumerable.Range(batch * 1000 + 1, 1000).Select(i => i.ToString(CultureInfo.InvariantCulture))]);
        }
        var count = client.Execute("PFCOUNT", key).Integer;
        Assert.InRange(count, 98_000, 102_000);
        Assert.Equal(99562, count);
        AssertSimple("dense", client.Execute("PFDEBUG", "ENCODING", key));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Hlls_turn_dense_past_3000_bytes(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        client.Execute(["PFADD", key, .. Enumerable.Range(1, 1648).Select(i => i.ToString(CultureInfo.InvariantCulture))]);
        AssertSimple("sparse", client.Execute("PFDEBUG", "ENCODING", key));
        AssertInteger(3000, client.Execute("STRLEN", key));
        AssertInteger(1, client.Execute("PFADD", key, "1649"));
        AssertSimple("dense", client.Execute("PFDEBUG", "ENCODING", key));
        AssertInteger(12304, client.Execute("STRLEN", key));
    }

    [Fact]
    public void Hll_sparse_max_bytes_is_configurable()
    {
        using var client = Connect();
        AssertTexts(["hll-sparse-max-bytes", "3000"], client.Execute("CONFIG", "GET", "hll-sparse-max-bytes"));
        var key = NewKey();
        AssertOk(client.Execute("CONFIG", "SET", "hll-sparse-max-bytes", "100"));
        try
        {
            client.Execute(["PFADD", key, .. Enumerable.Range(1, 200).Select(i => i.ToString(CultureInfo.InvariantCulture))]);
            AssertSimple("dense", client.Execute("PFDEBUG", "ENCODING", key));
        }
        finally
        {
            client.Execute("CONFIG", "SET", "hll-sparse-max-bytes", "3000");
        }
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void An_hll_made_by_redis_counts_the_same_here(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        SetBytes(client, key, Redis100);
        AssertInteger(100, client.Execute("PFCOUNT", key));

        // The cached count now written is the one Redis writes.
        Assert.Equal(Redis100.Remove(16, 16).Insert(16, "6400000000000000"), Convert.ToHexStringLower(client.Execute("GET", key).Bytes!));

        // And it keeps growing as Redis's would: "1".."200" as made by redis-server.
        client.Execute(["PFADD", key, .. Enumerable.Range(101, 100).Select(i => i.ToString(CultureInfo.InvariantCulture))]);
        AssertInteger(201, client.Execute("PFCOUNT", key));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void A_valid_cached_count_is_answered_as_is(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        // Redis100 with a valid cache of 12345: PFCOUNT trusts it, as Redis does.
        SetBytes(client, key, Redis100.Remove(16, 16).Insert(16, "3930000000000000"));
        AssertInteger(12345, client.Execute("PFCOUNT", key));
        // A change invalidates it.
        AssertInteger(1, client.Execute("PFADD", key, "new element"));
        AssertInteger(101, client.Execute("PFCOUNT", key));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Pfadd_and_pfcount_keep_the_cache_flag_like_redis(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        client.Execute("PFADD", key, "a", "b", "c");
        Assert.Equal(0x80, client.Execute("GETRANGE", key, "15", "15").Bytes![0]);
        AssertInteger(3, client.Execute("PFCOUNT", key));
        Assert.Equal(0, client.Execute("GETRANGE", key, "15", "15").Bytes![0]);
        client.Execute("PFADD", key, "a", "b", "c");
        Assert.Equal(0, client.Execute("GETRANGE", key, "15", "15").Bytes![0]);
        client.Execute("PFADD", key, "1", "2", "3");
        Assert.Equal(0x80, client.Execute("GETRANGE", key, "15", "15").Bytes![0]);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Pfmerge_unions_across_shards(int protocol)
    {
        using var client = Connect(protocol);
        var (a, b) = KeysOnDifferentShards("hll");
        var c3 = NewKey("hll");
        var destination = NewKey("dest");
        client.Execute("PFADD", a, "a", "b", "c");
        client.Execute("PFADD", b, "b", "c", "d");
        client.Execute("PFADD", c3, "c", "d", "e");
        AssertOk(client.Execute("PFMERGE", destination, a, b, c3));
        AssertInteger(5, client.Execute("PFCOUNT", destination));
        AssertInteger(5, client.Execute("PFCOUNT", a, b, c3));
        AssertInteger(5, client.Execute("PFCOUNT", a, b, c3, NewKey("missing")));

        // The destination is a source too.
        AssertOk(client.Execute("PFMERGE", a, b));
        AssertInteger(4, client.Execute("PFCOUNT", a));
        AssertBulk("raw", client.Execute("OBJECT", "ENCODING", a));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Pfmerge_of_missing_keys_creates_an_empty_destination(int protocol)
    {
        using var client = Connect(protocol);
        var destination = NewKey();
        AssertOk(client.Execute("PFMERGE", destination, NewKey("missing"), NewKey("missing")));
        AssertInteger(1, client.Execute("EXISTS", destination));
        AssertInteger(0, client.Execute("PFCOUNT", destination));
        var alone = NewKey();
        AssertOk(client.Execute("PFMERGE", alone));
        AssertInteger(0, client.Execute("PFCOUNT", alone));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Pfmerge_with_a_dense_source_makes_a_dense_destination(int protocol)
    {
        using var client = Connect(protocol);
        var (dense, sparse) = KeysOnDifferentShards();
        var destination = NewKey();
        client.Execute(["PFADD", dense, .. Enumerable.Range(1, 5000).Select(i => "c" + i)]);
        client.Execute(["PFADD", sparse, .. Enumerable.Range(1, 100).Select(i => "a" + i)]);
        AssertOk(client.Execute("PFMERGE", destination, sparse, dense));
        AssertSimple("dense", client.Execute("PFDEBUG", "ENCODING", destination));
        // redis-server 7.0.15 counts 5081 for this union.
        AssertInteger(5081, client.Execute("PFCOUNT", destination));
        AssertInteger(5081, client.Execute("PFCOUNT", sparse, dense));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Type_checks(int protocol)
    {
        using var client = Connect(protocol);
        var (text, hll) = KeysOnDifferentShards();
        var list = NewKey("list");
        AssertOk(client.Execute("SET", text, "bar"));
        client.Execute("PFADD", hll, "a");
        AssertInteger(1, client.Execute("LPUSH", list, "a"));
        AssertError(NotHll, client.Execute("PFADD", text, "1"));
        AssertError(NotHll, client.Execute("PFCOUNT", text));
        AssertError(NotHll, client.Execute("PFCOUNT", hll, text));
        AssertError(NotHll, client.Execute("PFMERGE", NewKey(), text));
        AssertError(NotHll, client.Execute("PFMERGE", text, hll));
        AssertError(NotHll, client.Execute("PFDEBUG", "ENCODING", text));
        AssertError(WrongType, client.Execute("PFADD", list, "1"));
        AssertError(WrongType, client.Execute("PFCOUNT", list));
        AssertError(WrongType, client.Execute("PFCOUNT", hll, list));
        AssertError(WrongType, client.Execute("PFMERGE", list, hll));
        AssertBulk("bar", client.Execute("GET", text));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Corrupted_sparse_and_dense_hlls_are_detected(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();

        // Additional opcodes at the tail cover more than 16384 registers.
        client.Execute("PFADD", key, "a", "b", "c");
        client.Execute("APPEND", key, "hello");
        AssertError(Corrupted, client.Execute("PFCOUNT", key));
        AssertError(Corrupted, client.Execute("PFCOUNT", key, NewKey()));
        AssertError(Corrupted, client.Execute("PFMERGE", NewKey(), key));

        // Broken magic, an unknown encoding, a dense value of the wrong length.
        client.Execute("DEL", key);
        client.Execute("PFADD", key, "a", "b", "c");
        client.Execute("SETRANGE", key, "0", "0123");
        AssertError(NotHll, client.Execute("PFCOUNT", key));
        client.Execute("DEL", key);
        client.Execute("PFADD", key, "a", "b", "c");
        client.Execute("SETRANGE", key, "4", "x");
        AssertError(NotHll, client.Execute("PFCOUNT", key));
        client.Execute("DEL", key);
        client.Execute("PFADD", key, "a", "b", "c");
        client.Execute(Encoding.ASCII.GetBytes("SETRANGE"), Encoding.ASCII.GetBytes(key), "4"u8.ToArray(), [0]);
        AssertError(NotHll, client.Execute("PFCOUNT", key));
    }

    [Fact]
    public void Random_corruption_never_breaks_the_server()
    {
        using var client = Connect();
        var random = new Random(21);
        for (var round = 0; round < 200; round++)
        {
            var key = NewKey();
            var elements = random.Next(1, 3000);
            client.Execute(["PFADD", key, .. Enumerable.Range(0, elements).Select(i => $"{round}:{i}")]);
            var length = client.Execute("STRLEN", key).Integer;
            for (var i = 0; i < 10; i++)
            {
                var offset = random.Next(16, (int)length);
                client.Execute(Encoding.ASCII.GetBytes("SETRANGE"), Encoding.ASCII.GetBytes(key),
                    Encoding.ASCII.GetBytes(offset.ToString(CultureInfo.InvariantCulture)), [(byte)random.Next(256)]);
            }
            var count = client.Execute("PFCOUNT", key);
            Assert.True(count.Type == RespType.Integer || count.Text == Corrupted, count.ToString());
            var add = client.Execute("PFADD", key, "x", "y", "z");
            Assert.True(add.Type == RespType.Integer || add.Text == Corrupted, add.ToString());
        }
        AssertSimple("PONG", client.Execute("PING"));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Pfdebug_getreg_encoding_todense_and_decode(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        client.Execute("PFADD", key, "1", "2", "3");
        AssertBulk("Z:7527 v:1,1 Z:3445 v:1,1 Z:4397 v:4,1 Z:1012", client.Execute("PFDEBUG", "DECODE", key));
        AssertSimple("sparse", client.Execute("pfdebug", "encoding", key));
        var registers = client.Execute("PFDEBUG", "GETREG", key);
        Assert.Equal(16384, registers.Items!.Count);
        AssertInteger(4, registers.Items[15371]);
        Assert.Equal(6, registers.Items.Sum(r => r.Integer));
        AssertSimple("dense", client.Execute("PFDEBUG", "ENCODING", key));
        AssertInteger(0, client.Execute("PFDEBUG", "TODENSE", key));
        AssertError("ERR HLL encoding is not sparse", client.Execute("PFDEBUG", "DECODE", key));
        AssertInteger(3, client.Execute("PFCOUNT", key));

        var other = NewKey();
        client.Execute("PFADD", other, "a");
        AssertInteger(1, client.Execute("PFDEBUG", "TODENSE", other));
        AssertInteger(12304, client.Execute("STRLEN", other));
        AssertError("ERR Unknown PFDEBUG subcommand 'foo'", client.Execute("PFDEBUG", "foo", other));
        AssertError("ERR The specified key does not exist", client.Execute("PFDEBUG", "ENCODING", NewKey()));
        AssertError("ERR wrong number of arguments for 'pfdebug' command", client.Execute("PFDEBUG", "GETREG", other, "x"));
    }

    [Fact]
    public void Pfselftest_passes()
    {
        using var client = Connect();
        AssertOk(client.Execute("PFSELFTEST"));
    }

    [Fact]
    public void Writes_propagate_and_so_does_a_pfcount_that_caches()
    {
        using var client = Connect();
        var key = NewKey();
        Assert.True(Propagates(client, "PFADD", key, "a"));
        Assert.False(Propagates(client, "PFADD", key, "a"));
        Assert.True(Propagates(client, "PFCOUNT", key));
        Assert.False(Propagates(client, "PFCOUNT", key));
        Assert.False(Propagates(client, "PFCOUNT", key, NewKey()));
        Assert.True(Propagates(client, "PFMERGE", key));
        Assert.True(Propagates(client, "PFDEBUG", "TODENSE", key));
        Assert.False(Propagates(client, "PFDEBUG", "TODENSE", key));
        Assert.False(Propagates(client, "PFDEBUG", "GETREG", key));
    }

    [Fact]
    public void Pfcount_replies_are_integers_in_both_protocols_bytes()
    {
        var key = NewKey();
        AssertRawReply(":1\r\n:1\r\n", Command("PFADD", key, "x") + Command("PFCOUNT", key));
        AssertRawReply(":1\r\n", Command("PFCOUNT", key), protocol: 3);
        AssertRawReply("+sparse\r\n", Command("PFDEBUG", "ENCODING", key), protocol: 3);
    }

    private static bool Propagates(RespClient client, params string[] command)
    {
        var before = InfoFields.Integer(client, "persistence", "rdb_changes_since_last_save");
        var reply = client.Execute(command);
        Assert.False(reply.IsError, reply.ToString());
        return InfoFields.Integer(client, "persistence", "rdb_changes_since_last_save") > before;
    }

    private static void SetBytes(RespClient client, string key, string hex) =>
        AssertOk(client.Execute(Encoding.ASCII.GetBytes("SET"), Encoding.UTF8.GetBytes(key), Convert.FromHexString(hex)));
}
