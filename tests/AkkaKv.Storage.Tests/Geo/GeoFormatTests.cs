using System.Text;
using AkkaKv.Storage.Geo;

namespace AkkaKv.Storage.Tests.Geo;

/// <summary>Redis's number texts for geo replies: fixedpoint_d2string distances, %.17Lf coordinates, %f in errors.</summary>
public sealed class GeoFormatTests
{
    [Theory]
    [InlineData(0.0, "0.0000")]
    [InlineData(0.00004, "0.0000")]
    [InlineData(0.00005, "0.0000")]
    [InlineData(0.00015, "0.0001")]

    // 2.5 exactly after scaling: llrint rounds to even where printf's %.4f (Redis 7.0) gave "0.0003".
    [InlineData(0.00025, "0.0002")]
    [InlineData(0.0012, "0.0012")]
    [InlineData(0.7750, "0.7750")]
    [InlineData(56.44126, "56.4413")]
    [InlineData(1234.56789, "1234.5679")]
    [InlineData(-2.5, "-2.5000")]
    [InlineData(-0.00001, "0.0000")]
    [InlineData(double.NaN, "-922337203685477.5808")]
    public void Distances_are_rounded_times_ten_thousand(double value, string expected)
    {
        Assert.Equal(expected, Encoding.ASCII.GetString(GeoFormat.Distance(value)));
    }

    [Theory]
    [InlineData(13.36138933897018433, "13.36138933897018433")]
    [InlineData(180.0, "180")]
    [InlineData(-0.0, "0")]
    [InlineData(-1e-20, "0")]
    [InlineData(0.5, "0.5")]
    [InlineData(-12.25, "-12.25")]
    [InlineData(85.05112878, "85.0511287799999991")]

    // 2^-18 has exactly 18 decimals, the last a 5: halfway, so the 17th rounds to even (2, not 3).
    [InlineData(3.814697265625e-06, "0.00000381469726562")]
    [InlineData(6.938893903907228e-18, "0.00000000000000001")]
    public void Coordinates_are_exact_with_17_decimals_trimmed(double value, string expected)
    {
        Assert.Equal(expected, Encoding.ASCII.GetString(GeoFormat.Coordinate(value)));
    }

    [Theory]
    [InlineData(200.0, "200.000000")]
    [InlineData(-0.1, "-0.100000")]
    [InlineData(0.0000005, "0.000000")]
    [InlineData(0.0000015, "0.000002")]
    [InlineData(double.PositiveInfinity, "inf")]
    [InlineData(double.NegativeInfinity, "-inf")]
    [InlineData(1e300, "1000000000000000052504760255204420248704468581108159154915854115511802457988908195786371375080447864043704443832883878176942523235360430575644792184786706982848387200926575803737830233794788090059368953234970799945081119038967640880074652742780142494579258788820056842838115669472196386865459400540160.000000")]
    public void Fixed_is_printf_f(double value, string expected)
    {
        Assert.Equal(expected, GeoFormat.Fixed(value, 6));
    }
}
