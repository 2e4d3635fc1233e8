using System.Text;
using AkkaKv.Storage.Geo;

namespace AkkaKv.Storage.Tests.Geo;

/// <summary>Geohash encoding and decoding against values recorded from a real Redis (GEOADD's scores, GEOPOS, GEOHASH).</summary>
public sealed class GeoHashTests
{
    [Theory]
    [InlineData(13.361389, 38.115556, 3479099956230698UL)]
    [InlineData(15.087269, 37.502669, 3479447370796909UL)]
    [InlineData(-180, -85.05112878, 0UL)]
    [InlineData(0, 0, 3377699720527872UL)]
    [InlineData(-0.1, -0.1, 1125898266565805UL)]

    // The very top of the latitude range overflows into bit 53, as in Redis.
    [InlineData(180, 85.05112878, 13510798882111488UL)]
    public void Geoadd_scores_are_redis_52_bit_hashes(double longitude, double latitude, ulong score)
    {
        Assert.Equal(score, GeoHash.ScoreOf(longitude, latitude));
    }

    [Theory]
    [InlineData(3479099956230698.0, "13.36138933897018433", "38.11555639549629859", "sqc8b49rny0")]
    [InlineData(3479447370796909.0, "15.08726745843887329", "37.50266842333162032", "sqdtr74hyu0")]
    [InlineData(0.0, "-179.99999731779098511", "-85.05112751263942528", "00bh0hbj200")]
    [InlineData(3377699720527872.0, "0.00000268220901489", "0.00000126736058093", "s0000000000")]
    [InlineData(1125898266565805.0, "-0.10000079870223999", "-0.10000108653881767", "7zzzmtz1my0")]
    [InlineData(13510798882111488.0, "180", "85.0511287799999991", "bp05b5048p0")]

    // Scores ZADD put there decode through C's double to uint64 conversion, then clamp.
    [InlineData(-1.0, "180", "85.0511287799999991", "bp05b5048p0")]
    [InlineData(1e30, "-179.99999731779098511", "-85.05112751263942528", "00bh0hbj200")]
    [InlineData(0.5, "-179.99999731779098511", "-85.05112751263942528", "00bh0hbj200")]
    [InlineData(9007199254740992.0, "180", "-85.05112751263942528", "00bh0hbj200")]
    public void Scores_decode_to_the_cell_centre_redis_reports(double score, string longitude, string latitude, string geohash)
    {
        var (x, y) = GeoHash.DecodeScore(score);
        Assert.Equal(longitude, Encoding.ASCII.GetString(GeoFormat.Coordinate(x)));
        Assert.Equal(latitude, Encoding.ASCII.GetString(GeoFormat.Coordinate(y)));
        Assert.Equal(geohash, Encoding.ASCII.GetString(GeoHash.Base32Of(score)));
    }

    [Theory]
    [InlineData(-180.0000001, 0, false)]
    [InlineData(180.0000001, 0, false)]
    [InlineData(0, 85.05112879, false)]
    [InlineData(0, -85.05112879, false)]
    [InlineData(180, -85.05112878, true)]
    [InlineData(double.NaN, 0, true)]
    public void Only_positions_inside_the_mercator_ranges_are_valid(double longitude, double latitude, bool valid)
    {
        // NaN passes Redis's comparisons too; its parser never lets one through.
        Assert.Equal(valid, GeoHash.IsValid(longitude, latitude));
    }

    [Fact]
    public void A_cell_contains_the_point_it_was_encoded_from_at_every_step()
    {
        var random = new Random(7);
        for (var i = 0; i < 2000; i++)
        {
            var longitude = random.NextDouble() * 360 - 180;
            var latitude = random.NextDouble() * 170 - 85;
            var step = random.Next(1, 27);
            Assert.True(GeoHash.TryEncode(longitude, latitude, step, out var hash));
            var area = GeoHash.Decode(hash);
            Assert.InRange(longitude, area.LongitudeMin, area.LongitudeMax);
            Assert.InRange(latitude, area.LatitudeMin, area.LatitudeMax);
            Assert.Equal(hash.Bits << (52 - 2 * step), hash.Align52());
        }
    }

    [Fact]
    public void Encoding_rejects_bad_steps_and_positions()
    {
        Assert.False(GeoHash.TryEncode(0, 0, 0, out _));
        Assert.False(GeoHash.TryEncode(0, 0, 33, out _));
        Assert.False(GeoHash.TryEncode(0, 86, 26, out _));
        Assert.Throws<ArgumentOutOfRangeException>(() => GeoHash.ScoreOf(181, 0));
    }

    [Fact]
    public void Neighbours_are_the_adjacent_cells_and_wrap_around_the_antimeridian()
    {
        Assert.True(GeoHash.TryEncode(10, 20, 10, out var hash));
        var area = GeoHash.Decode(hash);
        var width = area.LongitudeMax - area.LongitudeMin;
        var height = area.LatitudeMax - area.LatitudeMin;
        for (var east = -1; east <= 1; east++)
        {
            for (var north = -1; north <= 1; north++)
            {
                var neighbour = GeoHash.Decode(GeoHash.Neighbor(hash, east, north));
                Assert.Equal(area.LongitudeMin + east * width, neighbour.LongitudeMin, 9);
                Assert.Equal(area.LatitudeMin + north * height, neighbour.LatitudeMin, 9);
            }
        }

        Assert.True(GeoHash.TryEncode(179.99, 0, 8, out var eastmost));
        Assert.Equal(-180, GeoHash.Decode(GeoHash.Neighbor(eastmost, 1, 0)).LongitudeMin, 9);
        Assert.True(GeoHash.TryEncode(-179.99, 0, 8, out var westmost));
        Assert.Equal(180, GeoHash.Decode(GeoHash.Neighbor(westmost, -1, 0)).LongitudeMax, 9);
    }

    [Theory]
    [InlineData(1.9, 1L)]
    [InlineData(-1.9, -1L)]
    [InlineData(double.NaN, long.MinValue)]
    [InlineData(1e19, long.MinValue)]
    [InlineData(-1e19, long.MinValue)]
    public void Truncation_follows_x86_conversions(double value, long expected)
    {
        Assert.Equal(expected, GeoHash.TruncateLikeC(value));
    }

    [Theory]
    [InlineData(-1.0, ulong.MaxValue)]
    [InlineData(9223372036854775808.0, 9223372036854775808UL)]
    [InlineData(1e30, 0UL)]
    [InlineData(double.NegativeInfinity, 9223372036854775808UL)]
    public void Score_bits_follow_c_unsigned_conversion(double score, ulong expected)
    {
        Assert.Equal(expected, GeoHash.ScoreBits(score));
    }
}
