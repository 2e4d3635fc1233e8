using System.Text;

namespace AkkaKv.Storage.Tests.Types;

/// <summary>INCRBYFLOAT adds in long double and prints with %.17Lf, trimmed (ld2string LD_STR_HUMAN).</summary>
public class IncrByFloatFormattingTests
{
    [Theory]
    // Redis's INCRBYFLOAT documentation and tests/unit/type/incr.tcl.
    [InlineData("10.50", "0.1", "10.6")]
    [InlineData("10.6", "-5", "5.6")]
    [InlineData("5.0e3", "2.0e2", "5200")]
    [InlineData(null, "5.0e3", "5000")]
    [InlineData(null, "3.0", "3")]
    [InlineData(null, "1", "1")]
    [InlineData("1", "0.25", "1.25")]
    [InlineData("1.5", "1.5", "3")]
    [InlineData("17179869184", "1.5", "17179869185.5")]
    [InlineData("17179869184", "17179869184", "34359738368")]
    [InlineData("1", "-1.1", "-0.1")]
    [InlineData("0.024390243902439025", "-0.024390243902439025", "0")] // "No negative zero"
    // Where long double's binary rounding shows at 17 decimals, it shows in Redis too.
    [InlineData(null, "1000.1", "1000.09999999999999998")]
    [InlineData("3.11056167", "38337", "38340.11056166999999917")]
    [InlineData(null, "-1e-30", "0")] // "-0.00000000000000000" trimmed, then "-0" made "0"
    [InlineData(null, "0x1p-18", "0.00000381469726562")] // an exact tie at the 17th decimal rounds to even
    [InlineData(null, "0x3p-18", "0.00001144409179688")]
    [InlineData(null, "1e20", "100000000000000000000")]
    [InlineData(null, "4e-2747", "0")] // representable as a long double, so accepted
    public void Formats_like_redis(string? stored, string increment, string expected)
    {
        var db = new Database(0);
        if (stored is not null)
        {
            db.Set("k"u8, Encoding.ASCII.GetBytes(stored));
        }

        Assert.Equal(StringStatus.Ok, StringValue.IncrByFloat(db, "k"u8, Encoding.ASCII.GetBytes(increment), 0, out var formatted));
        Assert.Equal(expected, Encoding.ASCII.GetString(formatted));
    }

    [Theory]
    [InlineData("10.5", 0.1, "10.6")]
    [InlineData(null, 5.0e3, "5000")]
    [InlineData(null, 3.0, "3")]
    [InlineData("1", -1.1, "-0.1")]
    [InlineData(null, 1000.1, "1000.09999999999999998")]
    public void A_double_increment_behaves_like_its_shortest_text(string? stored, double increment, string expected)
    {
        var db = new Database(0);
        if (stored is not null)
        {
            db.Set("k"u8, Encoding.ASCII.GetBytes(stored));
        }

        Assert.Equal(StringStatus.Ok, StringValue.IncrByFloat(db, "k"u8, increment, 0, out var formatted));
        Assert.Equal(expected, Encoding.ASCII.GetString(formatted));
    }

    [Fact]
    public void Huge_results_print_every_integer_digit()
    {
        var db = new Database(0);

        StringValue.IncrByFloat(db, "k"u8, "1e4000"u8, 0, out var formatted);

        // As on Redis 7.0.15: the nearest long double is a little below 10^4000.
        Assert.Equal(4000, formatted.Length);
        Assert.StartsWith("999999999999999999996546387309", Encoding.ASCII.GetString(formatted));
        Assert.EndsWith("9901340672", Encoding.ASCII.GetString(formatted));
    }

    [Fact]
    public void Agrees_with_incrbyfloat_on_redis_7_0_15()
    {
        foreach (var line in RecordedRedis.Lines("Types/Data/incrbyfloat-redis-7.0.15.jsonl"))
        {
            var stored = line.NullableString("a");
            var increment = line.GetProperty("b").GetString()!;
            var expected = line.GetProperty("r").GetString()!;
            var db = new Database(0);
            if (stored is not null)
            {
                db.Set("k"u8, Encoding.Latin1.GetBytes(stored));
            }

            var status = StringValue.IncrByFloat(db, "k"u8, Encoding.Latin1.GetBytes(increment), 0, out var formatted);
            var actual = status switch
            {
                StringStatus.Ok => Encoding.Latin1.GetString(formatted),
                StringStatus.NotFloat => "ERR:ERR value is not a valid float",
                StringStatus.NaNOrInfinity => "ERR:ERR increment would produce NaN or Infinity",
                _ => status.ToString(),
            };
            Assert.True(expected == actual, $"{stored} + {increment}: expected {expected}, got {actual}");
        }
    }
}
