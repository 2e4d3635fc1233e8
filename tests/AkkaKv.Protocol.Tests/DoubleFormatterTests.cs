using System.Globalization;

namespace AkkaKv.Protocol.Tests;

/// <summary>Redis 7.2's d2string: integers as integers, else fpconv_dtoa (Grisu2) and its layout rules.</summary>
public class DoubleFormatterTests
{
    [Theory]
    [InlineData(0.0, "0")]
    [InlineData(-0.0, "-0")]
    [InlineData(1.0, "1")]
    [InlineData(-1.0, "-1")]
    [InlineData(3.0, "3")]
    [InlineData(1e17, "100000000000000000")]
    [InlineData(9007199254740992.0, "9007199254740992")]
    [InlineData(4611686018427387904.0, "4611686018427387904")]
    [InlineData(-4611686018427387904.0, "-4611686018427387904")]
    public void Integral_values_up_to_2_pow_62_print_as_integers(double value, string expected)
    {
        Assert.Equal(expected, DoubleFormatter.ToString(value));
    }

    [Theory]
    [InlineData(9223372036854775808.0, "9223372036854776000")]
    [InlineData(1e19, "1e+19")]
    [InlineData(1.5e19, "1.5e+19")]
    [InlineData(1.2345678901234567e19, "12345678901234567000")]
    [InlineData(123456789012345678901234.0, "123456789012345690000000")]
    [InlineData(1e20, "1e+20")]
    [InlineData(1e21, "1e+21")]
    [InlineData(1e22, "1e+22")]
    public void Larger_values_print_digits_then_zeros_while_the_zeros_are_few(double value, string expected)
    {
        Assert.Equal(expected, DoubleFormatter.ToString(value));
    }

    [Theory]
    [InlineData(0.1, "0.1")]
    [InlineData(0.3, "0.3")]
    [InlineData(1.5, "1.5")]
    [InlineData(-1.5, "-1.5")]
    [InlineData(4.35, "4.35")]
    [InlineData(100.5, "100.5")]
    [InlineData(-123.456, "-123.456")]
    [InlineData(3.14159, "3.14159")]
    [InlineData(0.30000000000000004, "0.30000000000000004")]
    [InlineData(0.7999999999999999, "0.7999999999999999")]
    [InlineData(1.0 / 3, "0.3333333333333333")]
    [InlineData(100.0 / 7, "14.285714285714286")]
    [InlineData(1000000000000000.5, "1000000000000000.5")]
    [InlineData(1234.5678901234567, "1234.5678901234567")]
    public void Fractions_print_the_shortest_digits_with_a_point(double value, string expected)
    {
        Assert.Equal(expected, DoubleFormatter.ToString(value));
    }

    [Theory]
    [InlineData(0.0001, "0.0001")]
    [InlineData(-0.0001, "-0.0001")]
    [InlineData(0.00012, "0.00012")]
    [InlineData(5e-5, "0.00005")]
    [InlineData(1e-6, "0.000001")]
    [InlineData(1e-7, "1e-7")]
    [InlineData(1.5e-7, "1.5e-7")]
    [InlineData(0.000123456789, "1.23456789e-4")]
    public void Small_values_switch_to_an_exponent_by_fpconv_rules(double value, string expected)
    {
        Assert.Equal(expected, DoubleFormatter.ToString(value));
    }

    [Theory]
    [InlineData(1e-10, "1e-10")]
    [InlineData(1e100, "1e+100")]
    [InlineData(1.5e300, "1.5e+300")]
    [InlineData(1e-300, "1e-300")]
    [InlineData(1.2345e-100, "1.2345e-100")]
    [InlineData(2e-308, "2e-308")]
    [InlineData(5e-324, "5e-324")]
    [InlineData(-5e-324, "-5e-324")]
    [InlineData(double.MaxValue, "1.7976931348623157e+308")]
    [InlineData(-2.2250738585072014e-308, "-2.2250738585072014e-308")]
    public void Exponents_have_no_leading_zeros(double value, string expected)
    {
        Assert.Equal(expected, DoubleFormatter.ToString(value));
    }

    [Theory]
    [InlineData(double.NaN, "nan")]
    [InlineData(double.PositiveInfinity, "inf")]
    [InlineData(double.NegativeInfinity, "-inf")]
    public void Special_values(double value, string expected)
    {
        Assert.Equal(expected, DoubleFormatter.ToString(value));
    }

    [Theory]
    [InlineData(4.801000000000001e-16, "4.8010000000000005e-16")]
    [InlineData(71179999999999990.0, "71179999999999992")]
    [InlineData(1e23, "99999999999999990000000")]
    public void Grisu2_sometimes_prints_more_digits_than_the_shortest(double value, string expected)
    {
        // fpconv does not fall back to an exact algorithm, so Redis 7.2 prints these digits too.
        Assert.Equal(expected, DoubleFormatter.ToString(value));
    }

    [Fact]
    public void Every_output_reads_back_as_the_same_double_and_is_never_shorter_than_the_shortest()
    {
        var random = new Random(20240601);
        for (int i = 0; i < 50_000; i++)
        {
            double value = BitConverter.Int64BitsToDouble(random.NextInt64(long.MinValue, long.MaxValue));
            if (!double.IsFinite(value))
            {
                continue;
            }

            string text = DoubleFormatter.ToString(value);

            Assert.Equal(value, double.Parse(text, CultureInfo.InvariantCulture));
            Assert.True(SignificantDigits(text) >= SignificantDigits(value.ToString("R", CultureInfo.InvariantCulture)), text);
        }
    }

    [Fact]
    public void Format_writes_into_a_span_and_returns_the_length()
    {
        Span<byte> destination = stackalloc byte[DoubleFormatter.MaxLength];

        int length = DoubleFormatter.Format(-1.5e-7, destination);

        Assert.Equal("-1.5e-7", TestBytes.Text(destination[..length]));
    }

    [Fact]
    public void Format_refuses_a_destination_too_small()
    {
        byte[] destination = new byte[3];

        Assert.Throws<ArgumentException>(() => DoubleFormatter.Format(1.25, destination));
    }

    [Fact]
    public void The_longest_outputs_fit_MaxLength()
    {
        double[] longest = [-2.2250738585072014e-308, -1.2345678901234567e-7, -1.2345678901234567e19, -0.0000012345678901234567, long.MinValue / 2.0];
        foreach (double value in longest)
        {
            Assert.True(DoubleFormatter.ToString(value).Length <= DoubleFormatter.MaxLength);
        }
    }

    private static int SignificantDigits(string text)
    {
        string mantissa = text.TrimStart('-');
        int exponent = mantissa.IndexOfAny(['e', 'E']);
        if (exponent >= 0)
        {
            mantissa = mantissa[..exponent];
        }

        return mantissa.Replace(".", "", StringComparison.Ordinal).Trim('0').Length;
    }
}
