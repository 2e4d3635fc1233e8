using System.Text;

namespace AkkaKv.Storage.Tests.Types;

public class StringValueTests
{
    private const long Now = 1_700_000_000_000;

    private readonly Database _db = new(0);

    [Fact]
    public void Get_returns_the_stored_bytes()
    {
        _db.Set("k"u8, "v"u8.ToArray());

        Assert.Equal(StringStatus.Ok, StringValue.Get(_db, "k"u8, Now, out var value));
        Assert.Equal("v"u8.ToArray(), value);
    }

    [Fact]
    public void Get_of_a_missing_or_expired_key_is_not_found()
    {
        _db.Set("gone"u8, "v"u8.ToArray(), expireAtMs: Now - 1);

        Assert.Equal(StringStatus.NotFound, StringValue.Get(_db, "missing"u8, Now, out var missing));
        Assert.Equal(StringStatus.NotFound, StringValue.Get(_db, "gone"u8, Now, out var gone));
        Assert.Null(missing);
        Assert.Null(gone);
    }

    [Fact]
    public void Get_of_another_type_is_wrong_type()
    {
        _db.Set("list"u8, new FakeCollection(DataType.List));

        Assert.Equal(StringStatus.WrongType, StringValue.Get(_db, "list"u8, Now, out var value));
        Assert.Null(value);
    }

    [Fact]
    public void Get_without_touch_leaves_the_access_time()
    {
        _db.Set("k"u8, "v"u8.ToArray(), nowMs: Now);

        StringValue.Get(_db, "k"u8, Now + 60_000, out _, touch: false);
        Assert.Equal(Now, _db.Peek("k"u8)!.LastAccessMs);

        StringValue.Get(_db, "k"u8, Now + 60_000, out _);
        Assert.Equal(Now + 60_000, _db.Peek("k"u8)!.LastAccessMs);
    }

    [Fact]
    public void Append_creates_then_extends()
    {
        Assert.Equal(StringStatus.Ok, StringValue.Append(_db, "k"u8, "Hello"u8, Now, out var first));
        Assert.Equal(StringStatus.Ok, StringValue.Append(_db, "k"u8, " World"u8, Now, out var second));

        Assert.Equal(5, first);
        Assert.Equal(11, second);
        Assert.Equal("Hello World", Get("k"));
    }

    [Fact]
    public void Append_keeps_the_ttl_and_does_not_mutate_the_old_array()
    {
        var entry = _db.Set("k"u8, "abc"u8.ToArray(), expireAtMs: Now + 1000);
        var before = (byte[])entry.Value;

        StringValue.Append(_db, "k"u8, "def"u8, Now, out _);

        Assert.Equal(Now + 1000, entry.ExpireAtMs);
        Assert.Equal("abc"u8.ToArray(), before);
        Assert.Equal("abcdef", Get("k"));
    }

    [Fact]
    public void Append_empty_to_a_missing_key_creates_an_empty_string()
    {
        Assert.Equal(StringStatus.Ok, StringValue.Append(_db, "k"u8, ""u8, Now, out var length));

        Assert.Equal(0, length);
        Assert.Equal("", Get("k"));
    }

    [Fact]
    public void Append_empty_to_an_existing_key_only_makes_it_raw()
    {
        var entry = _db.Set("k"u8, "12"u8.ToArray());

        Assert.Equal(StringStatus.Ok, StringValue.Append(_db, "k"u8, ""u8, Now, out var length));

        Assert.Equal(2, length);
        Assert.Equal("12", Get("k"));
        Assert.Equal("raw", Encoding.ASCII.GetString(StringValue.Encoding(entry)));
    }

    [Fact]
    public void Append_to_another_type_is_wrong_type()
    {
        _db.Set("k"u8, new FakeCollection(DataType.List));

        Assert.Equal(StringStatus.WrongType, StringValue.Append(_db, "k"u8, "x"u8, Now, out _));
    }

    [Fact]
    public void Append_refuses_to_grow_past_512mb()
    {
        _db.Set("k"u8, new byte[StringValue.MaxStringLength - 1]);

        Assert.Equal(StringStatus.TooLarge, StringValue.Append(_db, "k"u8, "xy"u8, Now, out _));
        Assert.Equal(StringStatus.Ok, StringValue.Append(_db, "k"u8, "x"u8, Now, out var length));
        Assert.Equal(StringValue.MaxStringLength, length);
    }

    [Fact]
    public void Set_range_overwrites_and_extends()
    {
        _db.Set("k"u8, "Hello World"u8.ToArray());

        Assert.Equal(StringStatus.Ok, StringValue.SetRange(_db, "k"u8, 6, "Redis"u8, Now, out var length));
        Assert.Equal(11, length);
        Assert.Equal("Hello Redis", Get("k"));

        Assert.Equal(StringStatus.Ok, StringValue.SetRange(_db, "k"u8, 11, "!!"u8, Now, out length));
        Assert.Equal(13, length);
        Assert.Equal("Hello Redis!!", Get("k"));
    }

    [Fact]
    public void Set_range_pads_with_zero_bytes()
    {
        Assert.Equal(StringStatus.Ok, StringValue.SetRange(_db, "k"u8, 6, "Redis"u8, Now, out var length));

        Assert.Equal(11, length);
        Assert.Equal("\0\0\0\0\0\0Redis", Get("k"));
    }

    [Fact]
    public void Set_range_with_an_empty_value_changes_nothing_and_creates_nothing()
    {
        Assert.Equal(StringStatus.Ok, StringValue.SetRange(_db, "missing"u8, 100, ""u8, Now, out var missing));
        Assert.Equal(0, missing);
        Assert.Null(_db.Peek("missing"u8));

        _db.Set("k"u8, "abc"u8.ToArray());
        Assert.Equal(StringStatus.Ok, StringValue.SetRange(_db, "k"u8, StringValue.MaxStringLength, ""u8, Now, out var length));
        Assert.Equal(3, length);
        Assert.Equal("abc", Get("k"));
    }

    [Fact]
    public void Set_range_refuses_a_negative_offset_before_looking_at_the_key()
    {
        _db.Set("k"u8, new FakeCollection(DataType.List));

        Assert.Equal(StringStatus.OffsetOutOfRange, StringValue.SetRange(_db, "k"u8, -1, "x"u8, Now, out _));
    }

    [Fact]
    public void Set_range_refuses_results_past_512mb()
    {
        Assert.Equal(StringStatus.TooLarge, StringValue.SetRange(_db, "k"u8, StringValue.MaxStringLength, "x"u8, Now, out _));
        Assert.Equal(StringStatus.TooLarge, StringValue.SetRange(_db, "k"u8, long.MaxValue, "x"u8, Now, out _));
        Assert.Null(_db.Peek("k"u8));
        Assert.Equal(StringStatus.Ok, StringValue.SetRange(_db, "k"u8, StringValue.MaxStringLength - 1, "x"u8, Now, out var length));
        Assert.Equal(StringValue.MaxStringLength, length);
    }

    [Fact]
    public void Set_range_keeps_the_ttl_and_wrong_type_is_reported()
    {
        var entry = _db.Set("k"u8, "abc"u8.ToArray(), expireAtMs: Now + 5);
        StringValue.SetRange(_db, "k"u8, 1, "X"u8, Now, out _);
        Assert.Equal(Now + 5, entry.ExpireAtMs);
        Assert.Equal("aXc", Get("k"));

        _db.Set("list"u8, new FakeCollection(DataType.List));
        Assert.Equal(StringStatus.WrongType, StringValue.SetRange(_db, "list"u8, 0, ""u8, Now, out _));
    }

    [Theory]
    // Redis's GETRANGE documentation: "This is a string".
    [InlineData(0, 3, "This")]
    [InlineData(-3, -1, "ing")]
    [InlineData(0, -1, "This is a string")]
    [InlineData(10, 100, "string")]
    // Edge cases of the index rules.
    [InlineData(5, 3, "")]
    [InlineData(-1, -5, "")]
    [InlineData(-100, 3, "This")]
    [InlineData(-100, -100, "T")]
    [InlineData(16, 20, "")]
    [InlineData(15, 15, "g")]
    [InlineData(0, -100, "T")]
    [InlineData(long.MinValue, long.MaxValue, "This is a string")]
    public void Get_range_follows_redis_index_rules(long start, long end, string expected)
    {
        _db.Set("k"u8, "This is a string"u8.ToArray());

        Assert.Equal(StringStatus.Ok, StringValue.GetRange(_db, "k"u8, start, end, Now, out var range));
        Assert.Equal(expected, Encoding.ASCII.GetString(range.Span));
    }

    [Fact]
    public void Get_range_of_an_empty_or_missing_string_is_empty()
    {
        _db.Set("empty"u8, ""u8.ToArray());

        Assert.Equal(StringStatus.Ok, StringValue.GetRange(_db, "empty"u8, 0, -1, Now, out var empty));
        Assert.True(empty.IsEmpty);
        Assert.Equal(StringStatus.NotFound, StringValue.GetRange(_db, "missing"u8, 0, -1, Now, out var missing));
        Assert.True(missing.IsEmpty);
    }

    [Fact]
    public void Incr_by_counts_from_zero_and_keeps_the_ttl()
    {
        Assert.Equal(StringStatus.Ok, StringValue.IncrBy(_db, "n"u8, 1, Now, out var one));
        var entry = _db.Peek("n"u8)!;
        _db.SetExpire(entry, Now + 1000);
        Assert.Equal(StringStatus.Ok, StringValue.IncrBy(_db, "n"u8, -11, Now, out var minusTen));

        Assert.Equal(1, one);
        Assert.Equal(-10, minusTen);
        Assert.Equal("-10", Get("n"));
        Assert.Equal(Now + 1000, entry.ExpireAtMs);
    }

    [Fact]
    public void Incr_by_reuses_the_counters_array_while_its_length_stays()
    {
        StringValue.IncrBy(_db, "n"u8, 5, Now, out _);
        var five = (byte[])_db.Peek("n"u8)!.Value;
        StringValue.IncrBy(_db, "n"u8, 4, Now, out _);
        Assert.Same(five, _db.Peek("n"u8)!.Value);
        Assert.Equal("9", Get("n"));

        StringValue.IncrBy(_db, "n"u8, 1, Now, out _);
        Assert.NotSame(five, _db.Peek("n"u8)!.Value);
        Assert.Equal("10", Get("n"));
        Assert.Equal("9", Encoding.ASCII.GetString(five));
    }

    [Theory]
    [InlineData(" 1")]
    [InlineData("1 ")]
    [InlineData("+1")]
    [InlineData("01")]
    [InlineData("1.0")]
    [InlineData("")]
    [InlineData("9223372036854775808")]
    [InlineData("abc")]
    public void Incr_by_refuses_values_that_are_not_integers(string stored)
    {
        _db.Set("n"u8, Encoding.ASCII.GetBytes(stored));

        Assert.Equal(StringStatus.NotInteger, StringValue.IncrBy(_db, "n"u8, 1, Now, out _));
        Assert.Equal(stored, Get("n"));
    }

    [Theory]
    [InlineData(long.MaxValue, 1)]
    [InlineData(long.MinValue, -1)]
    [InlineData(1, long.MaxValue)]
    [InlineData(-2, long.MinValue)]
    public void Incr_by_refuses_to_overflow(long stored, long delta)
    {
        _db.Set("n"u8, StringValue.FormatInteger(stored));

        Assert.Equal(StringStatus.Overflow, StringValue.IncrBy(_db, "n"u8, delta, Now, out _));
    }

    [Theory]
    [InlineData(long.MaxValue, long.MinValue, -1)]
    [InlineData(-1, long.MinValue + 1, long.MinValue)]
    [InlineData(0, long.MinValue, long.MinValue)]
    public void Incr_by_reaches_the_limits(long stored, long delta, long expected)
    {
        _db.Set("n"u8, StringValue.FormatInteger(stored));

        Assert.Equal(StringStatus.Ok, StringValue.IncrBy(_db, "n"u8, delta, Now, out var result));
        Assert.Equal(expected, result);
    }

    [Fact]
    public void Incr_by_on_another_type_is_wrong_type()
    {
        _db.Set("k"u8, new FakeCollection(DataType.List));

        Assert.Equal(StringStatus.WrongType, StringValue.IncrBy(_db, "k"u8, 1, Now, out _));
        Assert.Equal(StringStatus.WrongType, StringValue.IncrByFloat(_db, "k"u8, 1.0, Now, out _));
    }

    [Fact]
    public void Incr_by_float_keeps_the_ttl()
    {
        var entry = _db.Set("f"u8, "10.50"u8.ToArray(), expireAtMs: Now + 1000);

        Assert.Equal(StringStatus.Ok, StringValue.IncrByFloat(_db, "f"u8, "0.1"u8, Now, out var formatted));

        Assert.Equal("10.6", Encoding.ASCII.GetString(formatted));
        Assert.Equal("10.6", Get("f"));
        Assert.Equal(Now + 1000, entry.ExpireAtMs);
    }

    [Theory]
    [InlineData(" 11")]
    [InlineData("11 ")]
    [InlineData(" 11 ")]
    [InlineData("1\02")] // tests/unit/type/incr.tcl: "string to double with null terminator"
    [InlineData("nan")]
    [InlineData("")]
    public void Incr_by_float_refuses_stored_values_that_are_not_floats(string stored)
    {
        _db.Set("f"u8, Encoding.ASCII.GetBytes(stored));

        Assert.Equal(StringStatus.NotFloat, StringValue.IncrByFloat(_db, "f"u8, "1"u8, Now, out _));
        Assert.Equal(stored, Get("f"));
    }

    [Theory]
    [InlineData("+inf")]
    [InlineData("-inf")]
    [InlineData("1e5000")] // overflows even a long double: refused like the text "inf"
    public void Incr_by_float_refuses_to_produce_infinity(string increment)
    {
        _db.Set("f"u8, "0"u8.ToArray());

        var status = StringValue.IncrByFloat(_db, "f"u8, Encoding.ASCII.GetBytes(increment), Now, out _);

        Assert.Equal(increment == "1e5000" ? StringStatus.NotFloat : StringStatus.NaNOrInfinity, status);
        Assert.Equal("0", Get("f"));
    }

    [Fact]
    public void Incr_by_float_with_an_invalid_increment_is_not_float()
    {
        Assert.Equal(StringStatus.NotFloat, StringValue.IncrByFloat(_db, "f"u8, "abc"u8, Now, out _));
        Assert.Null(_db.Peek("f"u8));
    }

    [Fact]
    public void Incr_by_float_with_a_double_overflowing_to_infinity_is_refused()
    {
        _db.Set("f"u8, "1"u8.ToArray());

        Assert.Equal(StringStatus.NaNOrInfinity, StringValue.IncrByFloat(_db, "f"u8, double.PositiveInfinity, Now, out _));
        Assert.Equal(StringStatus.NaNOrInfinity, StringValue.IncrByFloat(_db, "f"u8, double.NaN, Now, out _));
    }

    [Theory]
    [InlineData("1", "int")]
    [InlineData("-9223372036854775808", "int")]
    [InlineData("9223372036854775808", "embstr")]
    [InlineData("01", "embstr")]
    [InlineData("", "embstr")]
    [InlineData("12345678901234567890123456789012345678901234", "embstr")]
    [InlineData("123456789012345678901234567890123456789012345", "raw")]
    public void Encoding_by_content(string value, string expected)
    {
        Assert.Equal(expected, Encoding.ASCII.GetString(StringValue.Encoding(Encoding.ASCII.GetBytes(value))));
    }

    [Fact]
    public void Encoding_remembers_how_the_value_was_written()
    {
        // tests/unit/type/string.tcl: "APPEND modifies the encoding from int to raw".
        var entry = _db.Set("k"u8, "1"u8.ToArray());
        Assert.Equal("int", Encoding.ASCII.GetString(StringValue.Encoding(entry)));
        StringValue.Append(_db, "k"u8, "2"u8, Now, out _);
        Assert.Equal("raw", Encoding.ASCII.GetString(StringValue.Encoding(entry)));

        StringValue.IncrBy(_db, "k"u8, 1, Now, out _);
        Assert.Equal("int", Encoding.ASCII.GetString(StringValue.Encoding(entry)));

        StringValue.SetRange(_db, "k"u8, 0, "9"u8, Now, out _);
        Assert.Equal("raw", Encoding.ASCII.GetString(StringValue.Encoding(entry)));

        StringValue.IncrByFloat(_db, "k"u8, "1"u8, Now, out _);
        Assert.Equal("embstr", Encoding.ASCII.GetString(StringValue.Encoding(entry)));

        _db.Set("k"u8, "5"u8.ToArray());
        Assert.Equal("int", Encoding.ASCII.GetString(StringValue.Encoding(entry)));
    }

    [Fact]
    public void Appending_to_a_new_key_encodes_by_content()
    {
        StringValue.Append(_db, "k"u8, "12"u8, Now, out _);

        Assert.Equal("int", Encoding.ASCII.GetString(StringValue.Encoding(_db.Peek("k"u8)!)));
    }

    private string Get(string key)
    {
        Assert.Equal(StringStatus.Ok, StringValue.Get(_db, Encoding.ASCII.GetBytes(key), Now, out var value));
        return Encoding.ASCII.GetString(value!);
    }
}
