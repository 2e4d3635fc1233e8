using System.Globalization;
using System.Text;

namespace AkkaKv.Storage.Tests.Types;

public class NumberParsingTests
{
    [Theory]
    // util.c's string2ll tests.
    [InlineData("-1", -1L)]
    [InlineData("0", 0L)]
    [InlineData("1", 1L)]
    [InlineData("99", 99L)]
    [InlineData("-99", -99L)]
    [InlineData("-9223372036854775808", long.MinValue)]
    [InlineData("9223372036854775807", long.MaxValue)]
    public void Integers_redis_accepts(string text, long expected)
    {
        Assert.True(StringValue.TryParseInteger(Encoding.ASCII.GetBytes(text), out var value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("+1")] // may not start with +
    [InlineData(" 1")] // leading space
    [InlineData("1 ")] // trailing space
    [InlineData("01")] // may not start with 0
    [InlineData("-0")]
    [InlineData("00")]
    [InlineData("-")]
    [InlineData("")]
    [InlineData("-9223372036854775809")] // overflow
    [InlineData("9223372036854775808")] // overflow
    [InlineData("18446744073709551616")]
    [InlineData("99999999999999999999")]
    [InlineData("1.0")]
    [InlineData("1e3")]
    [InlineData("0x10")]
    [InlineData("١")] // only ASCII digits
    [InlineData("000000000000000000001")]
    public void Integers_redis_refuses(string text)
    {
        Assert.False(StringValue.TryParseInteger(Encoding.UTF8.GetBytes(text), out _));
    }

    [Theory]
    [InlineData(0L, "0")]
    [InlineData(-1L, "-1")]
    [InlineData(long.MinValue, "-9223372036854775808")]
    [InlineData(long.MaxValue, "9223372036854775807")]
    public void Integers_format_as_plain_decimal(long value, string expected)
    {
        Assert.Equal(expected, Encoding.ASCII.GetString(StringValue.FormatInteger(value)));
    }

    [Fact]
    public void Formatting_then_parsing_round_trips()
    {
        var random = new Random(5);
        for (var i = 0; i < 10_000; i++)
        {
            var value = random.NextInt64(long.MinValue, long.MaxValue) >> random.Next(64);
            Assert.True(StringValue.TryParseInteger(StringValue.FormatInteger(value), out var parsed));
            Assert.Equal(value, parsed);
        }
    }

    [Theory]
    [InlineData("1", 1.0)]
    [InlineData("-1.5", -1.5)]
    [InlineData("+1.5", 1.5)]
    [InlineData(".5", 0.5)]
    [InlineData("5.", 5.0)]
    [InlineData("1e3", 1000.0)]
    [InlineData("1E+3", 1000.0)]
    [InlineData("2.5e-3", 0.0025)]
    [InlineData("0x10", 16.0)]
    [InlineData("0x1.8p1", 3.0)]
    [InlineData("-0X.8P0", -0.5)]
    [InlineData("inf", double.PositiveInfinity)]
    [InlineData("+inf", double.PositiveInfinity)]
    [InlineData("-inf", double.NegativeInfinity)]
    [InlineData("Infinity", double.PositiveInfinity)]
    [InlineData("-INF", double.NegativeInfinity)]
    [InlineData("0", 0.0)]
    [InlineData("0e999999999999", 0.0)]
    [InlineData("4.9e-324", 4.9e-324)] // subnormal: accepted
    [InlineData("1.7976931348623157e308", double.MaxValue)]
    public void Doubles_redis_accepts(string text, double expected)
    {
        Assert.True(StringValue.TryParseDouble(Encoding.ASCII.GetBytes(text), out var value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("-0", -0.0)]
    [InlineData("007", 7.0)]
    [InlineData("-123456789012345", -123456789012345.0)]
    [InlineData("1234567890123456", 1234567890123456.0)]
    [InlineData("12345678901234567890123", 1.2345678901234568e22)]
    public void Integer_scores_parse_as_strtod_reads_them_sign_of_zero_included(string text, double expected)
    {
        Assert.True(StringValue.TryParseDouble(Encoding.ASCII.GetBytes(text), out var value));
        Assert.Equal(expected, value);
        Assert.Equal(double.IsNegative(expected), double.IsNegative(value));
    }

    [Theory]
    [InlineData("")]
    [InlineData(" 1")]
    [InlineData("1 ")]
    [InlineData("\t1")]
    [InlineData("nan")]
    [InlineData("-nan")]
    [InlineData("NaN")]
    [InlineData("1e")]
    [InlineData("1e+")]
    [InlineData(".")]
    [InlineData("-.")]
    [InlineData("0x")]
    [InlineData("0x1p")]
    [InlineData("infin")]
    [InlineData("1_000")]
    [InlineData("1,5")]
    [InlineData("1e400")] // overflow (strtod's ERANGE)
    [InlineData("-1e400")]
    [InlineData("1e-400")] // underflow to zero
    [InlineData("0x1p99999")]
    public void Doubles_redis_refuses(string text)
    {
        Assert.False(StringValue.TryParseDouble(Encoding.ASCII.GetBytes(text), out _));
    }

    [Fact]
    public void Doubles_agree_with_zadd_on_redis_7_0_15()
    {
        foreach (var line in RecordedRedis.Lines("Types/Data/zadd-score-redis-7.0.15.jsonl"))
        {
            var text = line.GetProperty("a").GetString()!;
            var accepted = line.GetProperty("ok").GetBoolean();
            Assert.True(accepted == StringValue.TryParseDouble(Encoding.Latin1.GetBytes(text), out var value), text);
            if (accepted)
            {
                var score = line.GetProperty("s").GetString()!;
                var expected = score switch
                {
                    "inf" => double.PositiveInfinity,
                    "-inf" => double.NegativeInfinity,
                    _ => double.Parse(score, CultureInfo.InvariantCulture),
                };
                Assert.True(expected == value, $"{text}: expected {expected:R}, got {value:R}");
            }
        }
    }

    [Fact]
    public void Hexadecimal_and_decimal_parsing_round_identically()
    {
        // The decimal path uses .NET's parser, the hexadecimal one our own rounding: both must be exact.
        var random = new Random(11);
        for (var i = 0; i < 20_000; i++)
        {
            var bits = random.NextInt64() & 0x7FEF_FFFF_FFFF_FFFF;
            var value = BitConverter.Int64BitsToDouble(bits);
            var hex = HexText(value);
            Assert.True(StringValue.TryParseDouble(Encoding.ASCII.GetBytes(hex), out var fromHex), hex);
            Assert.Equal(value, fromHex);
            var text = value.ToString("R", CultureInfo.InvariantCulture);
            Assert.True(StringValue.TryParseDouble(Encoding.ASCII.GetBytes(text), out var fromDecimal), text);
            Assert.Equal(value, fromDecimal);
        }
    }

    // value as 0x<significand>p<exponent>, exact.
    private static string HexText(double value)
    {
        var bits = BitConverter.DoubleToInt64Bits(value);
        var exponent = (int)((bits >> 52) & 0x7FF);
        var significand = bits & 0xF_FFFF_FFFF_FFFF;
        if (exponent == 0)
        {
            exponent = 1;
        }
        else
        {
            significand |= 1L << 52;
        }

        return FormattableString.Invariant($"0x{significand:x}p{exponent - 1075}");
    }
}
