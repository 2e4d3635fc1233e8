using System.Text;
using AkkaKv.IntegrationTests.Infrastructure;
using AkkaKv.Protocol;

namespace AkkaKv.IntegrationTests.Commands;

/// <summary>Redis's unit/bitops and unit/bitfield: the bit commands, under RESP2 and RESP3.</summary>
public sealed class BitmapCommandsTests(ServerFixture server) : CommandTestBase(server), IClassFixture<ServerFixture>
{
    private const string OffsetError = "ERR bit offset is not an integer or out of range";
    private const string TypeError = "ERR Invalid bitfield type. Use something like i16 u8. Note that u64 is not supported but i64 is.";

    // ---- SETBIT / GETBIT ----------------------------------------------------------------------------------------

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Setbit_creates_pads_and_returns_the_previous_bit(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        AssertInteger(0, client.Execute("SETBIT", key, "1", "1"));
        AssertInteger(1, client.Execute("SETBIT", key, "1", "1"));
        AssertInteger(0, client.Execute("SETBIT", key, "17", "1"));
        Assert.Equal(new byte[] { 0x40, 0, 0x40 }, client.Execute("GET", key).Bytes);
        AssertInteger(1, client.Execute("SETBIT", key, "1", "0"));
        Assert.Equal(new byte[] { 0, 0, 0x40 }, client.Execute("GET", key).Bytes);
        AssertInteger(1, client.Execute("GETBIT", key, "17"));
        AssertInteger(0, client.Execute("GETBIT", key, "1"));
        AssertInteger(0, client.Execute("GETBIT", key, "100000"));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Setbit_and_getbit_against_integer_encoded_and_string_keys(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        // "1" is 0x31 = 00110001.
        AssertOk(client.Execute("SET", key, "1"));
        AssertBulk("int", client.Execute("OBJECT", "ENCODING", key));
        AssertInteger(0, client.Execute("GETBIT", key, "0"));
        AssertInteger(1, client.Execute("GETBIT", key, "2"));
        AssertInteger(1, client.Execute("GETBIT", key, "7"));
        AssertInteger(0, client.Execute("SETBIT", key, "6", "1"));
        AssertBulk("3", client.Execute("GET", key));
        AssertBulk("raw", client.Execute("OBJECT", "ENCODING", key));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Setbit_makes_a_raw_string_even_when_the_bit_is_unchanged(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        AssertOk(client.Execute("SET", key, "abc"));
        AssertBulk("embstr", client.Execute("OBJECT", "ENCODING", key));
        AssertInteger(1, client.Execute("SETBIT", key, "1", "1"));
        AssertBulk("raw", client.Execute("OBJECT", "ENCODING", key));
    }

    [Theory]
    [InlineData(2, "4294967296")]
    [InlineData(3, "-1")]
    [InlineData(2, "abc")]
    [InlineData(3, "1.5")]
    [InlineData(2, "")]
    public void Setbit_and_getbit_refuse_bad_offsets(int protocol, string offset)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        AssertError(OffsetError, client.Execute("SETBIT", key, offset, "1"));
        AssertError(OffsetError, client.Execute("GETBIT", key, offset));
        AssertInteger(0, client.Execute("EXISTS", key));
    }

    [Theory]
    [InlineData(2, "-1")]
    [InlineData(3, "2")]
    [InlineData(2, "10")]
    [InlineData(2, "x")]
    public void Setbit_refuses_values_other_than_0_and_1(int protocol, string bit)
    {
        using var client = Connect(protocol);
        AssertError("ERR bit is not an integer or out of range", client.Execute("SETBIT", NewKey(), "1", bit));
    }

    [Fact]
    public void Setbit_offsets_are_limited_by_proto_max_bulk_len()
    {
        using var client = Connect();
        var key = NewKey();
        // 512MB bytes is the default limit: its last bit is out of range, the bit before it in range.
        AssertError(OffsetError, client.Execute("SETBIT", key, (512L * 1024 * 1024 * 8).ToString(), "1"));
        AssertError(OffsetError, client.Execute("BITFIELD", key, "SET", "u8", "#536870912", "1"));
        AssertInteger(0, client.Execute("EXISTS", key));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Bit_commands_against_other_types_are_wrong_type(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        AssertInteger(1, client.Execute("LPUSH", key, "a"));
        var wrongType = "WRONGTYPE Operation against a key holding the wrong kind of value";
        AssertError(wrongType, client.Execute("SETBIT", key, "0", "1"));
        AssertError(wrongType, client.Execute("GETBIT", key, "0"));
        AssertError(wrongType, client.Execute("BITCOUNT", key));
        AssertError(wrongType, client.Execute("BITCOUNT", key, "0", "1"));
        AssertError(wrongType, client.Execute("BITPOS", key, "1"));
        AssertError(wrongType, client.Execute("BITFIELD", key, "GET", "u8", "0"));
        AssertError(wrongType, client.Execute("BITFIELD", key, "SET", "u8", "0", "1"));
        AssertError(wrongType, client.Execute("BITFIELD_RO", key, "GET", "u8", "0"));
        AssertError(wrongType, client.Execute("BITOP", "OR", NewKey(), key));
    }

    // ---- BITCOUNT -----------------------------------------------------------------------------------------------

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Bitcount_counts_and_takes_byte_and_bit_ranges(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        AssertInteger(0, client.Execute("BITCOUNT", key));
        AssertInteger(0, client.Execute("BITCOUNT", key, "0", "-1"));
        AssertOk(client.Execute("SET", key, "foobar"));
        AssertInteger(26, client.Execute("BITCOUNT", key));
        AssertInteger(26, client.Execute("BITCOUNT", key, "0", "-1"));
        AssertInteger(18, client.Execute("BITCOUNT", key, "1", "-2"));
        AssertInteger(6, client.Execute("BITCOUNT", key, "2", "2", "byte"));
        AssertInteger(17, client.Execute("BITCOUNT", key, "5", "30", "BIT"));
        AssertInteger(17, client.Execute("BITCOUNT", key, "-33", "-1", "bit"));
        AssertInteger(0, client.Execute("BITCOUNT", key, "-1", "-2"));
        AssertInteger(0, client.Execute("BITCOUNT", key, "10", "100"));
    }

    [Fact]
    public void Bitcount_of_a_huge_end_is_clamped_issue_582()
    {
        using var client = Connect();
        var key = NewKey();
        AssertInteger(0, client.Execute("SETBIT", key, "0", "1"));
        AssertInteger(1, client.Execute("BITCOUNT", key, "0", "4294967296"));
        AssertInteger(1, client.Execute("BITCOUNT", key, "0", "9223372036854775807", "BIT"));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Bitcount_refuses_bad_arguments_even_for_a_missing_key(int protocol)
    {
        using var client = Connect(protocol);
        var existing = NewKey();
        AssertOk(client.Execute("SET", existing, "foobar"));
        foreach (var key in new[] { NewKey("missing"), existing })
        {
            AssertError("ERR syntax error", client.Execute("BITCOUNT", key, "0"));
            AssertError("ERR syntax error", client.Execute("BITCOUNT", key, "0", "1", "hello"));
            AssertError("ERR syntax error", client.Execute("BITCOUNT", key, "0", "1", "bit", "extra"));
            AssertError("ERR value is not an integer or out of range", client.Execute("BITCOUNT", key, "a", "1"));
            AssertError("ERR value is not an integer or out of range", client.Execute("BITCOUNT", key, "0", "b"));
        }
    }

    // ---- BITPOS -------------------------------------------------------------------------------------------------

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Bitpos_finds_set_and_clear_bits(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        AssertInteger(0, client.Execute("BITPOS", key, "0"));
        AssertInteger(-1, client.Execute("BITPOS", key, "1"));
        AssertInteger(0, client.Execute("BITPOS", key, "0", "5", "10", "bit"));
        client.Execute(Encoding.ASCII.GetBytes("SET"), Encoding.ASCII.GetBytes(key), [0xFF, 0xF0, 0x00]);
        AssertInteger(12, client.Execute("BITPOS", key, "0"));
        AssertInteger(0, client.Execute("BITPOS", key, "1"));
        AssertInteger(16, client.Execute("BITPOS", key, "0", "2"));
        AssertInteger(-1, client.Execute("BITPOS", key, "1", "2"));
        AssertInteger(-1, client.Execute("BITPOS", key, "1", "2", "-1", "byte"));
        AssertInteger(7, client.Execute("BITPOS", key, "1", "7", "15", "bit"));
        AssertInteger(12, client.Execute("BITPOS", key, "0", "7", "15", "BIT"));
        AssertInteger(-1, client.Execute("BITPOS", key, "1", "12", "23", "bit"));
        AssertInteger(8, client.Execute("BITPOS", key, "1", "-2"));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Bitpos_of_a_clear_bit_in_set_bits_depends_on_the_end(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        client.Execute(Encoding.ASCII.GetBytes("SET"), Encoding.ASCII.GetBytes(key), [0xFF, 0xFF, 0xFF]);
        AssertInteger(24, client.Execute("BITPOS", key, "0"));
        AssertInteger(24, client.Execute("BITPOS", key, "0", "0"));
        AssertInteger(-1, client.Execute("BITPOS", key, "0", "0", "-1"));
        AssertInteger(-1, client.Execute("BITPOS", key, "0", "0", "-1", "bit"));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Bitpos_refuses_bad_arguments_even_for_a_missing_key(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        AssertError("ERR The bit argument must be 1 or 0.", client.Execute("BITPOS", key, "2"));
        AssertError("ERR value is not an integer or out of range", client.Execute("BITPOS", key, "x"));
        AssertError("ERR value is not an integer or out of range", client.Execute("BITPOS", key, "1", "a"));
        AssertError("ERR value is not an integer or out of range", client.Execute("BITPOS", key, "1", "0", "b"));
        // The unit is checked before the end.
        AssertError("ERR syntax error", client.Execute("BITPOS", key, "1", "0", "b", "bits"));
        AssertError("ERR syntax error", client.Execute("BITPOS", key, "1", "0", "1", "bit", "extra"));
    }

    [Fact]
    public void Bitpos_agrees_with_setbit_fuzzing()
    {
        using var client = Connect();
        var key = NewKey();
        var random = new Random(17);
        var bits = new SortedSet<long>();
        for (var round = 0; round < 60; round++)
        {
            var offset = random.Next(0, 2048);
            client.Execute("SETBIT", key, offset.ToString(), "1");
            bits.Add(offset);
            AssertInteger(bits.Min, client.Execute("BITPOS", key, "1"));
            var start = random.Next(0, 2048);
            var expected = bits.GetViewBetween(start, 4096).Cast<long?>().FirstOrDefault() ?? -1;
            AssertInteger(expected, client.Execute("BITPOS", key, "1", start.ToString(), "-1", "bit"));
        }
    }

    // ---- BITOP --------------------------------------------------------------------------------------------------

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Bitop_combines_across_shards_padding_with_zero_bytes(int protocol)
    {
        using var client = Connect(protocol);
        var (a, b) = KeysOnDifferentShards("src");
        var destination = NewKey("dest");
        client.Execute(Encoding.ASCII.GetBytes("SET"), Encoding.ASCII.GetBytes(a), [0xF0, 0xFF, 0x0F]);
        client.Execute(Encoding.ASCII.GetBytes("SET"), Encoding.ASCII.GetBytes(b), [0xFF]);
        AssertInteger(3, client.Execute("BITOP", "AND", destination, a, b));
        Assert.Equal(new byte[] { 0xF0, 0, 0 }, client.Execute("GET", destination).Bytes);
        AssertInteger(3, client.Execute("bitop", "or", destination, a, b));
        Assert.Equal(new byte[] { 0xFF, 0xFF, 0x0F }, client.Execute("GET", destination).Bytes);
        AssertInteger(3, client.Execute("BITOP", "XOR", destination, a, b, NewKey("missing")));
        Assert.Equal(new byte[] { 0x0F, 0xFF, 0x0F }, client.Execute("GET", destination).Bytes);
        AssertInteger(3, client.Execute("BITOP", "NOT", destination, a));
        Assert.Equal(new byte[] { 0x0F, 0, 0xF0 }, client.Execute("GET", destination).Bytes);
        AssertBulk("raw", client.Execute("OBJECT", "ENCODING", destination));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Bitop_with_the_destination_among_the_sources_and_integer_sources(int protocol)
    {
        using var client = Connect(protocol);
        var (a, b) = KeysOnDifferentShards("src");
        AssertOk(client.Execute("SET", a, "abc"));
        AssertOk(client.Execute("SET", b, "1"));
        AssertInteger(3, client.Execute("BITOP", "AND", a, a));
        AssertBulk("abc", client.Execute("GET", a));
        AssertInteger(3, client.Execute("BITOP", "OR", a, a, b));
        // 'a' | '1' = 0x61 | 0x31 = 0x71 'q'.
        AssertBulk("qbc", client.Execute("GET", a));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Bitop_of_empty_sources_deletes_the_destination(int protocol)
    {
        using var client = Connect(protocol);
        var (destination, empty) = KeysOnDifferentShards();
        AssertOk(client.Execute("SET", destination, "old", "EX", "100"));
        AssertOk(client.Execute("SET", empty, ""));
        AssertInteger(0, client.Execute("BITOP", "OR", destination, empty, NewKey("missing")));
        AssertInteger(0, client.Execute("EXISTS", destination));
        AssertInteger(0, client.Execute("BITOP", "NOT", destination, NewKey("missing")));
        AssertInteger(0, client.Execute("EXISTS", destination));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Bitop_replaces_any_destination_and_drops_its_ttl(int protocol)
    {
        using var client = Connect(protocol);
        var (destination, source) = KeysOnDifferentShards();
        client.Execute("RPUSH", destination, "x");
        client.Execute("EXPIRE", destination, "100");
        AssertOk(client.Execute("SET", source, "a"));
        AssertInteger(1, client.Execute("BITOP", "NOT", destination, source));
        AssertSimple("string", client.Execute("TYPE", destination));
        AssertInteger(-1, client.Execute("TTL", destination));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Bitop_errors(int protocol)
    {
        using var client = Connect(protocol);
        var (a, b) = KeysOnDifferentShards();
        AssertError("ERR syntax error", client.Execute("BITOP", "NAND", NewKey(), a));
        AssertError("ERR BITOP NOT must be called with a single source key.", client.Execute("BITOP", "NOT", NewKey(), a, b));
        AssertError("ERR wrong number of arguments for 'bitop' command", client.Execute("BITOP", "AND", NewKey()));
    }

    // ---- BITFIELD -----------------------------------------------------------------------------------------------

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Bitfield_signed_and_unsigned_set_and_get(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        AssertIntegers([0], client.Execute("BITFIELD", key, "SET", "i8", "0", "-100"));
        AssertIntegers([-100], client.Execute("BITFIELD", key, "SET", "i8", "0", "101"));
        AssertIntegers([101], client.Execute("BITFIELD", key, "GET", "i8", "0"));
        AssertIntegers([0, 255, 100], client.Execute("BITFIELD", key, "SET", "u8", "8", "255", "SET", "u8", "8", "100", "GET", "u8", "8"));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Bitfield_hash_offsets_are_multiples_of_the_width(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        AssertIntegers([0, 0, 0], client.Execute("BITFIELD", key, "SET", "u8", "#0", "65", "SET", "u8", "#1", "66", "SET", "u8", "#2", "67"));
        AssertBulk("ABC", client.Execute("GET", key));
        AssertIntegers([66], client.Execute("BITFIELD_RO", key, "GET", "u8", "#1"));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Bitfield_incrby_and_chaining(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        AssertIntegers([0, 110, 210], client.Execute("BITFIELD", key, "SET", "u8", "#0", "10", "INCRBY", "u8", "#0", "100", "INCRBY", "u8", "#0", "100"));
        AssertIntegers([0, 0, 60], client.Execute("BITFIELD", NewKey(), "SET", "i8", "0", "10", "SET", "i8", "64", "10", "INCRBY", "i8", "10", "99900"));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Bitfield_overflow_wrap_sat_and_fail(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        AssertIntegers([0], client.Execute("BITFIELD", key, "SET", "u8", "0", "100"));
        AssertIntegers([101, 255, 0], client.Execute("BITFIELD", key, "INCRBY", "u8", "0", "257", "OVERFLOW", "SAT", "INCRBY", "u8", "0", "257", "INCRBY", "u8", "0", "-300"));
        var reply = client.Execute("BITFIELD", key, "OVERFLOW", "FAIL", "INCRBY", "u8", "0", "256", "INCRBY", "u8", "0", "1", "overflow", "wrap", "incrby", "i8", "0", "127");
        Assert.Equal(3, reply.Items!.Count);
        AssertNull(reply.Items[0]);
        AssertInteger(1, reply.Items[1]);
        AssertInteger(-128, reply.Items[2]);
    }

    [Fact]
    public void Bitfield_fail_replies_the_null_of_each_protocol_bytes()
    {
        var key = NewKey();
        AssertRawReply("*2\r\n$-1\r\n:0\r\n", Command("BITFIELD", key, "OVERFLOW", "FAIL", "INCRBY", "u2", "0", "4", "GET", "u2", "0"));
        AssertRawReply("*2\r\n_\r\n:0\r\n", Command("BITFIELD", key, "OVERFLOW", "FAIL", "INCRBY", "u2", "0", "4", "GET", "u2", "0"), protocol: 3);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Bitfield_64_bit_signed_and_63_bit_unsigned_limits(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        AssertIntegers([0, long.MinValue], client.Execute("BITFIELD", key, "SET", "i64", "0", long.MaxValue.ToString(), "INCRBY", "i64", "0", "1"));
        AssertIntegers([0, long.MaxValue], client.Execute("BITFIELD", NewKey(), "SET", "u63", "1", "-1", "GET", "u63", "1"));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Bitfield_with_only_gets_creates_nothing_issue_3221(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        AssertIntegers([0], client.Execute("BITFIELD", key, "GET", "u1", "0"));
        AssertIntegers([], client.Execute("BITFIELD", key));
        AssertIntegers([], client.Execute("BITFIELD_RO", key));
        AssertInteger(0, client.Execute("EXISTS", key));
    }

    [Theory]
    [InlineData(2, "GET", "u64", "0")]
    [InlineData(3, "GET", "i65", "0")]
    [InlineData(2, "GET", "u0", "0")]
    [InlineData(2, "GET", "x8", "0")]
    [InlineData(3, "SET", "i", "0", "1")]
    [InlineData(2, "INCRBY", "", "0", "1")]
    public void Bitfield_refuses_bad_types(int protocol, params string[] operation)
    {
        using var client = Connect(protocol);
        AssertError(TypeError, client.Execute(["BITFIELD", NewKey(), .. operation]));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Bitfield_errors(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        AssertError("ERR syntax error", client.Execute("BITFIELD", key, "FOO"));
        AssertError("ERR syntax error", client.Execute("BITFIELD", key, "GET", "u8"));
        AssertError("ERR syntax error", client.Execute("BITFIELD", key, "SET", "u8", "0"));
        AssertError("ERR syntax error", client.Execute("BITFIELD", key, "OVERFLOW"));
        AssertError("ERR Invalid OVERFLOW type specified", client.Execute("BITFIELD", key, "OVERFLOW", "CLAMP"));
        AssertError(OffsetError, client.Execute("BITFIELD", key, "GET", "u8", "-1"));
        AssertError(OffsetError, client.Execute("BITFIELD", key, "GET", "u8", "#-1"));
        AssertError(OffsetError, client.Execute("BITFIELD", key, "GET", "u8", "#x"));
        AssertError("ERR value is not an integer or out of range", client.Execute("BITFIELD", key, "SET", "u8", "0", "x"));
        AssertError("ERR BITFIELD_RO only supports the GET subcommand", client.Execute("BITFIELD_RO", key, "GET", "u8", "0", "SET", "u8", "0", "1"));
        AssertInteger(0, client.Execute("EXISTS", key));
    }

    // ---- Journal ------------------------------------------------------------------------------------------------

    [Fact]
    public void Bit_writes_propagate_only_when_they_change_something()
    {
        using var client = Connect();
        var key = NewKey();
        Assert.True(Propagates(client, "SETBIT", key, "10", "1"));
        Assert.False(Propagates(client, "SETBIT", key, "10", "1"));
        Assert.True(Propagates(client, "SETBIT", key, "100", "0"));
        Assert.False(Propagates(client, "SETBIT", key, "100", "0"));
        Assert.True(Propagates(client, "BITFIELD", key, "SET", "u8", "0", "7"));
        Assert.False(Propagates(client, "BITFIELD", key, "SET", "u8", "0", "7"));
        Assert.False(Propagates(client, "BITFIELD", key, "OVERFLOW", "FAIL", "INCRBY", "u8", "0", "1000"));
        Assert.False(Propagates(client, "BITFIELD", key, "GET", "u8", "0"));
        Assert.False(Propagates(client, "BITFIELD_RO", key, "GET", "u8", "0"));
        Assert.True(Propagates(client, "BITOP", "NOT", NewKey(), key));
        Assert.False(Propagates(client, "BITOP", "NOT", NewKey(), NewKey()));
        Assert.False(Propagates(client, "GETBIT", key, "10"));
    }

    private static bool Propagates(RespClient client, params string[] command)
    {
        var before = InfoFields.Integer(client, "persistence", "rdb_changes_since_last_save");
        var reply = client.Execute(command);
        Assert.False(reply.IsError, reply.ToString());
        return InfoFields.Integer(client, "persistence", "rdb_changes_since_last_save") > before;
    }

    private static void AssertIntegers(long[] expected, RespValue reply)
    {
        Assert.True(reply.Type == RespType.Array, $"expected an array, got {reply}");
        Assert.Equal(expected, reply.Items!.Select(item =>
        {
            Assert.Equal(RespType.Integer, item.Type);
            return item.Integer;
        }));
    }
}
