using System.Text;
using AkkaKv.Storage.Geo;

namespace AkkaKv.Storage.Tests.Geo;

/// <summary>Distances and the membership tests of the searches (geohash_helper.c).</summary>
public sealed class GeoDistanceTests
{
    [Theory]
    [InlineData(3479099956230698.0, 3479447370796909.0, 1.0, "166274.1516")]
    [InlineData(3479099956230698.0, 3479447370796909.0, 1000.0, "166.2742")]
    [InlineData(3479099956230698.0, 3479447370796909.0, 1609.34, "103.3182")]
    [InlineData(0.0, 13510798882111488.0, 1.0, "18919844.5891")]
    [InlineData(3377699720527872.0, 1125898266565805.0, 1.0, "15730.2291")]
    [InlineData(3377699720527872.0, 3377699720527872.0, 1.0, "0.0000")]
    public void Geodist_matches_redis(double score1, double score2, double toMeters, string expected)
    {
        var (x1, y1) = GeoHash.DecodeScore(score1);
        var (x2, y2) = GeoHash.DecodeScore(score2);
        Assert.Equal(expected, Encoding.ASCII.GetString(GeoFormat.Distance(GeoDistance.Between(x1, y1, x2, y2) / toMeters)));
    }

    [Fact]
    public void Equal_longitudes_measure_along_the_meridian()
    {
        Assert.Equal(GeoDistance.LatitudeDistance(10, 20), GeoDistance.Between(5, 10, 5, 20));
        Assert.Equal(GeoDistance.EarthRadiusMeters * Math.PI / 2, GeoDistance.LatitudeDistance(0, 90), 6);
        Assert.Equal(GeoDistance.Between(1, 2, 3, 4), GeoDistance.Between(3, 4, 1, 2), 6);
    }

    [Fact]
    public void Radius_test_includes_the_boundary()
    {
        var distance = GeoDistance.Between(0, 0, 1, 1);
        Assert.True(GeoDistance.IsInRadius(0, 0, 1, 1, distance, out var measured));
        Assert.Equal(distance, measured);
        Assert.False(GeoDistance.IsInRadius(0, 0, 1, 1, Math.BitDecrement(distance), out _));
    }

    [Fact]
    public void Rectangle_test_checks_latitude_then_the_points_own_parallel()
    {
        // 1 degree of latitude is about 111.2 km; of longitude at 60 degrees north about half that.
        Assert.True(GeoDistance.IsInRectangle(120_000, 230_000, 0, 60, 0.9, 60.9, out var distance));
        Assert.Equal(GeoDistance.Between(0, 60, 0.9, 60.9), distance);
        Assert.False(GeoDistance.IsInRectangle(120_000, 200_000, 0, 60, 0, 61, out distance));
        Assert.Equal(0, distance);
        Assert.False(GeoDistance.IsInRectangle(100_000, 230_000, 0, 60, 1, 60, out _));
        Assert.True(GeoDistance.IsInRectangle(120_000, 230_000, 0, 60, 1, 61, out _));
    }
}
