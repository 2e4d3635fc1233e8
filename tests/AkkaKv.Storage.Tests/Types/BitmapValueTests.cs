using System.Numerics;
using System.Text;

namespace AkkaKv.Storage.Tests.Types;

/// <summary>
/// The bit operations against simple references, and the exact answers of a real redis-server 7.0.15 for the edge
/// cases of BITCOUNT/BITPOS ranges and BITFIELD overflow.
/// </summary>
public class BitmapValueTests
{
    private const long Now = 1_700_000_000_000;

    private readonly Database _db = new(0);

    // ---- GETBIT / SETBIT ----------------------------------------------------------------------------------------

    [Fact]
    public void Bit_zero_is_the_most_significant_bit_of_the_first_byte()
    {
        byte[] value = [0b1000_0001, 0b0100_0000];

        Assert.True(BitmapValue.GetBit(value, 0));
        Assert.False(BitmapValue.GetBit(value, 1));
        Assert.True(BitmapValue.GetBit(value, 7));
        Assert.True(BitmapValue.GetBit(value, 9));
        Assert.False(BitmapValue.GetBit(value, 16));
        Assert.False(BitmapValue.GetBit(value, 1L << 40));
    }

    [Fact]
    public void Setbit_creates_and_zero_pads_and_returns_the_old_bit()
    {
        Assert.Equal(StringStatus.Ok, BitmapValue.SetBit(_db, "k"u8, 17, true, Now, out var previous, out var modified));
        Assert.False(previous);
        Assert.True(modified);
        Assert.Equal(new byte[] { 0, 0, 0x40 }, Value("k"));

        Assert.Equal(StringStatus.Ok, BitmapValue.SetBit(_db, "k"u8, 17, true, Now, out previous, out modified));
        Assert.True(previous);
        Assert.False(modified);

        BitmapValue.SetBit(_db, "k"u8, 17, false, Now, out previous, out modified);
        Assert.True(previous);
        Assert.True(modified);
        Assert.Equal(new byte[3], Value("k"));
    }

    [Fact]
    public void Setbit_of_a_clear_bit_past_the_end_still_grows_the_string()
    {
        _db.Set("k"u8, "a"u8.ToArray());

        BitmapValue.SetBit(_db, "k"u8, 100, false, Now, out var previous, out var modified);

        Assert.False(previous);
        Assert.True(modified);
        Assert.Equal(13, Value("k").Length);
        Assert.Equal((byte)'a', Value("k")[0]);
    }

    [Fact]
    public void Setbit_never_mutates_the_stored_array_and_keeps_the_ttl()
    {
        var original = "abc"u8.ToArray();
        _db.Set("k"u8, original, expireAtMs: Now + 10_000);

        BitmapValue.SetBit(_db, "k"u8, 7, false, Now, out _, out _);

        Assert.Equal("abc"u8.ToArray(), original);
        Assert.Equal("`bc", Encoding.ASCII.GetString(Value("k")));
        Assert.Equal(Now + 10_000, _db.Peek("k"u8)!.ExpireAtMs);
    }

    [Fact]
    public void Setbit_leaves_a_raw_string_even_when_nothing_changed()
    {
        _db.Set("k"u8, "1"u8.ToArray());
        Assert.Equal("int", Encoding.ASCII.GetString(StringValue.Encoding(_db.Peek("k"u8)!)));

        BitmapValue.SetBit(_db, "k"u8, 2, true, Now, out var previous, out var modified);

        Assert.True(previous);
        Assert.False(modified);
        Assert.Equal("raw", Encoding.ASCII.GetString(StringValue.Encoding(_db.Peek("k"u8)!)));
    }

    [Fact]
    public void Setbit_against_another_type_is_wrong_type()
    {
        _db.Set("list"u8, new FakeCollection(DataType.List));

        Assert.Equal(StringStatus.WrongType, BitmapValue.SetBit(_db, "list"u8, 0, true, Now, out _, out _));
    }

    // ---- BITCOUNT -----------------------------------------------------------------------------------------------

    [Theory]
    [InlineData("", 0)]
    [InlineData("\u00aa", 4)]
    [InlineData("\u0000\u0000\u00ff", 8)]
    [InlineData("foobar", 26)]
    [InlineData("0123456789abcdefghijklmnopqrstuvwxyz!", 149)]
    public void Bitcount_counts_the_whole_string(string text, long expected)
    {
        Assert.Equal(expected, BitmapValue.Count(Latin1(text)));
    }

    [Theory]
    [InlineData(0, -1, false, 26)]
    [InlineData(1, -2, false, 18)]
    [InlineData(-2, -1, false, 7)]
    [InlineData(2, 2, false, 6)]
    [InlineData(0, -1, true, 26)]
    [InlineData(5, 30, true, 17)]
    [InlineData(-33, -1, true, 17)]
    [InlineData(5, 5, true, 1)]
    [InlineData(-1, -2, false, 0)]
    [InlineData(10, 100, false, 0)]
    [InlineData(0, 4294967296, false, 26)]
    [InlineData(-100, 100, false, 26)]
    public void Bitcount_ranges_match_redis_on_foobar(long start, long end, bool bitUnit, long expected)
    {
        Assert.Equal(expected, BitmapValue.Count("foobar"u8, start, end, bitUnit));
    }

    [Fact]
    public void Bitcount_ranges_agree_with_counting_bit_by_bit()
    {
        var random = new Random(11);
        for (var round = 0; round < 2000; round++)
        {
            var value = RandomBytes(random, random.Next(0, 12));
            var bitUnit = random.Next(2) == 0;
            var limit = value.Length * (bitUnit ? 8 : 1) + 3;
            long start = random.Next(-limit, limit), end = random.Next(-limit, limit);

            Assert.Equal(ReferenceCount(value, start, end, bitUnit), BitmapValue.Count(value, start, end, bitUnit));
        }
    }

    // ---- BITPOS -------------------------------------------------------------------------------------------------

    [Fact]
    public void Bitpos_without_a_range_pads_with_clear_bits()
    {
        Assert.Equal(12, BitmapValue.Position([0xFF, 0xF0], false));
        Assert.Equal(0, BitmapValue.Position([0xFF, 0xF0], true));
        Assert.Equal(16, BitmapValue.Position([0xFF, 0xFF], false));
        Assert.Equal(-1, BitmapValue.Position([0, 0], true));
        Assert.Equal(-1, BitmapValue.Position([], false));
        Assert.Equal(-1, BitmapValue.Position([], true));
    }

    [Theory]
    [InlineData(false, 0, null, false, 12)]
    [InlineData(true, 0, null, false, 0)]
    [InlineData(false, 0, 0L, false, -1)]
    [InlineData(false, 0, -1L, true, 12)]
    [InlineData(true, 7, 15L, true, 7)]
    [InlineData(false, 7, 15L, true, 12)]
    [InlineData(true, 12, 15L, true, -1)]
    [InlineData(false, -1, null, false, 12)]
    [InlineData(true, -1, null, false, 8)]
    [InlineData(false, 1, 1L, false, 12)]
    [InlineData(false, 2, -1L, false, -1)]
    public void Bitpos_ranges_match_redis_on_fff0(bool bit, long start, long? end, bool bitUnit, long expected)
    {
        Assert.Equal(expected, BitmapValue.Position([0xFF, 0xF0], bit, start, end, bitUnit));
    }

    [Fact]
    public void Bitpos_for_a_clear_bit_in_set_bits_depends_on_whether_an_end_was_given()
    {
        byte[] ones = [0xFF, 0xFF];

        Assert.Equal(16, BitmapValue.Position(ones, false, 0, null, false));
        Assert.Equal(-1, BitmapValue.Position(ones, false, 0, -1, false));
        Assert.Equal(16, BitmapValue.Position(ones, false, 1, null, false));
        Assert.Equal(-1, BitmapValue.Position(ones, false, 0, -1, true));
    }

    [Fact]
    public void Bitpos_ranges_agree_with_searching_bit_by_bit()
    {
        var random = new Random(5);
        for (var round = 0; round < 5000; round++)
        {
            var value = RandomBytes(random, random.Next(1, 10), dense: random.Next(3));
            var bit = random.Next(2) == 1;
            var bitUnit = random.Next(2) == 0;
            var limit = value.Length * (bitUnit ? 8 : 1) + 2;
            long start = random.Next(-limit, limit);
            long? end = bitUnit || random.Next(3) > 0 ? random.Next(-limit, limit) : null;

            Assert.Equal(ReferencePosition(value, bit, start, end, bitUnit), BitmapValue.Position(value, bit, start, end, bitUnit));
        }
    }

    // ---- BITOP --------------------------------------------------------------------------------------------------

    [Fact]
    public void Bitop_pads_shorter_sources_and_missing_keys_with_zero_bytes()
    {
        byte[] a = [0xF0, 0xFF, 0x0F];
        byte[] b = [0xFF];

        Assert.Equal(new byte[] { 0xF0, 0, 0 }, BitmapValue.Combine(BitOperation.And, [a, b]));
        Assert.Equal(new byte[] { 0xFF, 0xFF, 0x0F }, BitmapValue.Combine(BitOperation.Or, [a, b]));
        Assert.Equal(new byte[] { 0x0F, 0xFF, 0x0F }, BitmapValue.Combine(BitOperation.Xor, [a, b]));
        Assert.Equal(new byte[] { 0, 0, 0 }, BitmapValue.Combine(BitOperation.And, [a, null]));
        Assert.Equal(new byte[] { 0x0F, 0, 0xF0 }, BitmapValue.Combine(BitOperation.Not, [a]));
        Assert.Empty(BitmapValue.Combine(BitOperation.Or, [null, []]));
    }

    [Fact]
    public void Bitop_agrees_with_byte_by_byte_on_long_strings()
    {
        var random = new Random(3);
        for (var round = 0; round < 200; round++)
        {
            var sources = Enumerable.Range(0, random.Next(1, 5)).Select(_ => RandomBytes(random, random.Next(0, 100))).ToArray();
            foreach (var operation in new[] { BitOperation.And, BitOperation.Or, BitOperation.Xor })
            {
                Assert.Equal(ReferenceBitop(operation, sources), BitmapValue.Combine(operation, sources));
            }

            Assert.Equal(ReferenceBitop(BitOperation.Not, sources[..1]), BitmapValue.Combine(BitOperation.Not, sources[..1]));
        }
    }

    [Fact]
    public void Bitop_result_replaces_the_key_and_its_ttl_as_a_raw_string()
    {
        _db.Set("d"u8, "old"u8.ToArray(), expireAtMs: Now + 10_000);

        BitmapValue.StoreResult(_db, "d"u8, "1"u8.ToArray(), Now);

        var entry = _db.Peek("d"u8)!;
        Assert.Equal(-1, entry.ExpireAtMs);
        Assert.Equal("raw", Encoding.ASCII.GetString(StringValue.Encoding(entry)));
    }

    // ---- BITFIELD -----------------------------------------------------------------------------------------------

    [Fact]
    public void Bitfield_reads_signed_and_unsigned_fields_most_significant_bit_first()
    {
        byte[] value = [0b1010_0000, 0xFF];

        Assert.Equal(5, BitmapValue.GetField(value, 0, 3, signed: false));
        Assert.Equal(-3, BitmapValue.GetField(value, 0, 3, signed: true));
        Assert.Equal(0x0FF, BitmapValue.GetField(value, 4, 12, signed: false));
        Assert.Equal(0x0FF0, BitmapValue.GetField(value, 4, 16, signed: false));
        Assert.Equal(-1, BitmapValue.GetField([0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF], 0, 64, signed: true));
        Assert.Equal(long.MaxValue, BitmapValue.GetField([0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF], 1, 63, signed: false));
    }

    [Fact]
    public void Bitfield_set_and_incrby_follow_redis()
    {
        // Redis: BITFIELD k SET i8 0 -100 SET i8 0 101 GET i8 0 SET u8 8 255 INCRBY u8 8 1 INCRBY i5 100 9.
        var results = Field("k",
            Op(BitFieldKind.Set, "i8", 0, -100), Op(BitFieldKind.Set, "i8", 0, 101), Op(BitFieldKind.Get, "i8", 0),
            Op(BitFieldKind.Set, "u8", 8, 255), Op(BitFieldKind.IncrBy, "u8", 8, 1), Op(BitFieldKind.IncrBy, "i5", 100, 9));

        Assert.Equal(new long?[] { 0, -100, 101, 0, 0, 9 }, results);
        Assert.Equal(new byte[] { 101, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x04, 0x80 }, Value("k"));
    }

    [Theory]
    // type, initial SET, INCRBY, overflow, expected INCRBY reply (null: FAIL), field value after. From redis-server.
    [InlineData("u8", 100, 257, BitFieldOverflow.Wrap, 101L, 101)]
    [InlineData("u8", 100, 255, BitFieldOverflow.Wrap, 99L, 99)]
    [InlineData("u8", 100, 257, BitFieldOverflow.Sat, 255L, 255)]
    [InlineData("u8", 100, -255, BitFieldOverflow.Sat, 0L, 0)]
    [InlineData("u8", 100, 200, BitFieldOverflow.Fail, null, 100)]
    [InlineData("u8", 100, -101, BitFieldOverflow.Fail, null, 100)]
    [InlineData("i8", 100, 257, BitFieldOverflow.Wrap, 101L, 101)]
    [InlineData("i8", 100, 28, BitFieldOverflow.Wrap, -128L, -128)]
    [InlineData("i8", -100, -29, BitFieldOverflow.Wrap, 127L, 127)]
    [InlineData("i8", 100, 257, BitFieldOverflow.Sat, 127L, 127)]
    [InlineData("i8", 100, -255, BitFieldOverflow.Sat, -128L, -128)]
    [InlineData("i8", 100, 28, BitFieldOverflow.Fail, null, 100)]
    [InlineData("i64", long.MaxValue, 1, BitFieldOverflow.Wrap, long.MinValue, long.MinValue)]
    [InlineData("i64", long.MaxValue, 1, BitFieldOverflow.Sat, long.MaxValue, long.MaxValue)]
    [InlineData("i64", long.MinValue, -1, BitFieldOverflow.Sat, long.MinValue, long.MinValue)]
    [InlineData("i64", -1, long.MinValue, BitFieldOverflow.Fail, null, -1)]
    [InlineData("u63", long.MaxValue, 1, BitFieldOverflow.Wrap, 0L, 0)]
    [InlineData("u63", 0, long.MinValue, BitFieldOverflow.Sat, 0L, 0)]
    [InlineData("u1", 1, 1, BitFieldOverflow.Wrap, 0L, 0)]
    [InlineData("i1", 0, -1, BitFieldOverflow.Wrap, -1L, -1)]
    [InlineData("i1", -1, -1, BitFieldOverflow.Sat, -1L, -1)]
    public void Bitfield_incrby_overflows_like_redis(string type, long initial, long increment, BitFieldOverflow overflow, long? expected, long after)
    {
        Field("k", Op(BitFieldKind.Set, type, 3, initial));

        var results = Field("k", Op(BitFieldKind.IncrBy, type, 3, increment, overflow), Op(BitFieldKind.Get, type, 3));

        Assert.Equal(expected, results[0]);
        Assert.Equal(after, results[1]);
    }

    [Theory]
    // type, SET value, overflow, SET reply (the old 0, or null: FAIL), field value after. From redis-server.
    [InlineData("u8", 256, BitFieldOverflow.Wrap, 0L, 0)]
    [InlineData("u8", -1, BitFieldOverflow.Wrap, 0L, 255)]
    [InlineData("u8", -1, BitFieldOverflow.Sat, 0L, 255)]
    [InlineData("u8", 300, BitFieldOverflow.Sat, 0L, 255)]
    [InlineData("u8", 300, BitFieldOverflow.Fail, null, 0)]
    [InlineData("i8", 128, BitFieldOverflow.Wrap, 0L, -128)]
    [InlineData("i8", -129, BitFieldOverflow.Wrap, 0L, 127)]
    [InlineData("i8", 1000, BitFieldOverflow.Sat, 0L, 127)]
    [InlineData("i8", -1000, BitFieldOverflow.Sat, 0L, -128)]
    [InlineData("i8", -129, BitFieldOverflow.Fail, null, 0)]
    public void Bitfield_set_out_of_range_values_like_redis(string type, long value, BitFieldOverflow overflow, long? expected, long after)
    {
        var results = Field("k", Op(BitFieldKind.Set, type, 0, value, overflow), Op(BitFieldKind.Get, type, 0));

        Assert.Equal(expected, results[0]);
        Assert.Equal(after, results[1]);
    }

    [Fact]
    public void Bitfield_incrby_agrees_with_big_integer_arithmetic()
    {
        var random = new Random(9);
        for (var round = 0; round < 5000; round++)
        {
            var signed = random.Next(2) == 0;
            var bits = random.Next(1, signed ? 65 : 64);
            var overflow = (BitFieldOverflow)random.Next(3);
            var min = signed ? -(BigInteger.One << (bits - 1)) : BigInteger.Zero;
            var max = signed ? (BigInteger.One << (bits - 1)) - 1 : (BigInteger.One << bits) - 1;
            var initial = RandomIn(random, min, max);
            var increment = random.NextInt64(long.MinValue, long.MaxValue);
            var type = (signed ? "i" : "u") + bits;

            Field("f", Op(BitFieldKind.Set, type, 5, (long)initial));
            var results = Field("f", Op(BitFieldKind.IncrBy, type, 5, increment, overflow));

            var sum = initial + increment;
            long? expected = sum < min || sum > max
                ? overflow switch
                {
                    BitFieldOverflow.Sat => (long)(sum < min ? min : max),
                    BitFieldOverflow.Fail => null,
                    _ => (long)Wrap(sum, bits, signed),
                }
                : (long)sum;
            Assert.True(expected == results[0], $"{type} {initial} + {increment} {overflow}: expected {expected}, got {results[0]}");
        }
    }

    [Fact]
    public void Bitfield_reports_a_change_only_when_bits_changed_or_the_string_grew()
    {
        var results = new long?[1];
        Assert.Equal(StringStatus.Ok, BitmapValue.Field(_db, "k"u8, [Op(BitFieldKind.Set, "u8", 0, 0)], Now, results, out var created));
        Assert.True(created);

        BitmapValue.Field(_db, "k"u8, [Op(BitFieldKind.Set, "u8", 0, 0)], Now, results, out var same);
        Assert.False(same);

        BitmapValue.Field(_db, "k"u8, [Op(BitFieldKind.IncrBy, "u8", 0, 1000, BitFieldOverflow.Fail)], Now, results, out var failed);
        Assert.False(failed);
        Assert.Null(results[0]);

        BitmapValue.Field(_db, "k"u8, [Op(BitFieldKind.IncrBy, "u8", 8, 1000, BitFieldOverflow.Fail)], Now, results, out var grown);
        Assert.True(grown);
        Assert.Equal(2, Value("k").Length);
    }

    [Fact]
    public void Bitfield_against_another_type_is_wrong_type()
    {
        _db.Set("list"u8, new FakeCollection(DataType.List));

        Assert.Equal(StringStatus.WrongType, BitmapValue.Field(_db, "list"u8, [Op(BitFieldKind.Set, "u8", 0, 1)], Now, new long?[1], out _));
    }

    private static BitFieldOperation Op(BitFieldKind kind, string type, long offset, long value = 0, BitFieldOverflow overflow = BitFieldOverflow.Wrap) =>
        new(kind, type[0] == 'i', int.Parse(type[1..], System.Globalization.CultureInfo.InvariantCulture), offset, value, overflow);

    private long?[] Field(string key, params BitFieldOperation[] operations)
    {
        var results = new long?[operations.Length];
        Assert.Equal(StringStatus.Ok, BitmapValue.Field(_db, Encoding.ASCII.GetBytes(key), operations, Now, results, out _));
        return results;
    }

    private byte[] Value(string key) => (byte[])_db.Peek(Encoding.ASCII.GetBytes(key))!.Value;

    private static byte[] Latin1(string text) => text.Select(c => (byte)c).ToArray();

    private static byte[] RandomBytes(Random random, int length, int dense = 1)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        // Mostly-clear and mostly-set strings exercise the long runs BITPOS skips.
        if (dense == 0) for (var i = 0; i < length; i++) bytes[i] &= (byte)random.Next(2);
        if (dense == 2) for (var i = 0; i < length; i++) bytes[i] |= (byte)~random.Next(2);
        return bytes;
    }

    private static BigInteger RandomIn(Random random, BigInteger min, BigInteger max)
    {
        var span = max - min + 1;
        var bytes = new byte[9];
        random.NextBytes(bytes);
        bytes[^1] = 0;
        return min + (new BigInteger(bytes) % span);
    }

    private static BigInteger Wrap(BigInteger value, int bits, bool signed)
    {
        var modulus = BigInteger.One << bits;
        var wrapped = ((value % modulus) + modulus) % modulus;
        return signed && wrapped >= modulus / 2 ? wrapped - modulus : wrapped;
    }

    /// <summary>The range in bits BITCOUNT/BITPOS cover, with Redis's index rules; null when empty.</summary>
    private static (long First, long Last)? BitRange(int length, long start, long end, bool bitUnit)
    {
        long total = bitUnit ? length * 8L : length;
        if (start < 0) start = Math.Max(0, total + start);
        if (end < 0) end = Math.Max(0, total + end);
        end = Math.Min(end, total - 1);
        if (start > end) return null;
        return bitUnit ? (start, end) : (start * 8, end * 8 + 7);
    }

    private static long ReferenceCount(byte[] value, long start, long end, bool bitUnit)
    {
        if (start < 0 && end < 0 && start > end) return 0;
        if (BitRange(value.Length, start, end, bitUnit) is not { } range) return 0;
        long count = 0;
        for (var i = range.First; i <= range.Last; i++) count += BitmapValue.GetBit(value, i) ? 1 : 0;
        return count;
    }

    private static long ReferencePosition(byte[] value, bool bit, long start, long? end, bool bitUnit)
    {
        if (BitRange(value.Length, start, end ?? value.Length - 1, bitUnit) is not { } range) return -1;
        for (var i = range.First; i <= range.Last; i++)
        {
            if (BitmapValue.GetBit(value, i) == bit) return i;
        }

        // Without an explicit end the string counts as padded with clear bits.
        return !bit && end is null ? range.Last + 1 : -1;
    }

    private static byte[] ReferenceBitop(BitOperation operation, byte[][] sources)
    {
        var length = sources.Max(s => s.Length);
        var result = new byte[length];
        for (var j = 0; j < length; j++)
        {
            var output = j < sources[0].Length ? sources[0][j] : (byte)0;
            if (operation == BitOperation.Not) output = (byte)~output;
            for (var i = 1; i < sources.Length; i++)
            {
                var b = j < sources[i].Length ? sources[i][j] : (byte)0;
                output = operation switch
                {
                    BitOperation.And => (byte)(output & b),
                    BitOperation.Or => (byte)(output | b),
                    _ => (byte)(output ^ b),
                };
            }

            result[j] = output;
        }

        return result;
    }
}
