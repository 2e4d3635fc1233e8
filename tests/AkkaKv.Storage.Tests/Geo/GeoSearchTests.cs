using System.Text;
using AkkaKv.Storage.Geo;

namespace AkkaKv.Storage.Tests.Geo;

/// <summary>The search itself: the cells read, the points found (checked against a brute-force scan), and Redis's sorts.</summary>
public sealed class GeoSearchTests
{
    private static readonly CollectionLimits Small = new() { ZSetMaxListpackEntries = 128, ZSetMaxListpackValue = 64 };
    private static readonly CollectionLimits Tiny = new() { ZSetMaxListpackEntries = 0, ZSetMaxListpackValue = 0 };

    [Theory]
    [InlineData(0.0, 0.0, 26)]
    [InlineData(100.0, 0.0, 17)]
    [InlineData(100.0, 70.0, 16)]
    [InlineData(100.0, -85.0, 15)]
    [InlineData(5_000_000.0, 0.0, 2)]
    [InlineData(50_000_000.0, 0.0, 1)]
    [InlineData(1e-9, 0.0, 26)]
    public void Steps_follow_the_radius_and_the_latitude(double meters, double latitude, int steps)
    {
        Assert.Equal(steps, GeoSearchCells.EstimateSteps(meters, latitude));
    }

    [Fact]
    public void Cells_are_the_centre_and_its_neighbours_unless_useless()
    {
        var cells = GeoSearchCells.Cover(GeoShape.Circle(13.361389, 38.115556, 200, 1000));
        Assert.Equal(9, cells.Cells.Count);
        Assert.True(GeoHash.TryEncode(13.361389, 38.115556, cells.Cells[0].Step, out var centre));
        Assert.Equal(centre, cells.Cells[0]);
        foreach (var cell in cells.Cells.Skip(1).Where(c => !c.IsZero)) Assert.Equal(centre.Step, cell.Step);

        // A zero radius needs only the centre's step-26 cell and the neighbours on its sides.
        var point = GeoSearchCells.Cover(GeoShape.Circle(10, 10, 0, 1));
        Assert.Equal(GeoHash.MaxStep, point.Cells[0].Step);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Searches_find_exactly_the_points_inside_the_shape(bool big)
    {
        var random = new Random(big ? 11 : 12);
        var (set, positions) = RandomSet(random, big ? 400 : 100, big ? Tiny : Small, centre: (2.3, 48.8), spread: 3);
        for (var query = 0; query < 100; query++)
        {
            var longitude = 2.3 + (random.NextDouble() - 0.5) * 4;
            var latitude = 48.8 + (random.NextDouble() - 0.5) * 4;
            var shape = random.Next(2) == 0
                ? GeoShape.Circle(longitude, latitude, random.NextDouble() * 200, 1000)
                : GeoShape.Box(longitude, latitude, random.NextDouble() * 300, random.NextDouble() * 300, 1000);
            var found = new List<GeoPoint>();
            GeoSearch.Collect(set, shape, 0, found);

            var expected = positions.Where(p => shape.Contains(p.Score, out _, out _, out _)).Select(p => p.Name).Order().ToList();
            Assert.Equal(expected, found.Select(p => Encoding.ASCII.GetString(p.Member)).Order().ToList());
            foreach (var point in found)
            {
                Assert.True(shape.Contains(point.Score, out var x, out var y, out var distance));
                Assert.Equal((x, y, distance), (point.Longitude, point.Latitude, point.Distance));
            }
        }
    }

    [Fact]
    public void Any_stops_at_the_limit_in_collection_order()
    {
        var (set, _) = RandomSet(new Random(3), 50, Small, centre: (0, 0), spread: 0.01);
        var all = new List<GeoPoint>();
        GeoSearch.Collect(set, GeoShape.Circle(0, 0, 100, 1000), 0, all);
        Assert.Equal(50, all.Count);
        var some = new List<GeoPoint>();
        GeoSearch.Collect(set, GeoShape.Circle(0, 0, 100, 1000), 7, some);
        Assert.Equal(all.Take(7).Select(p => p.Member), some.Select(p => p.Member));
    }

    [Fact]
    public void A_full_sort_is_stable_both_ways()
    {
        var points = Points((1, "a"), (0.5, "b"), (1, "c"), (0.5, "d"), (2, "e"));
        GeoPointSort.Sort(points, points.Length, descending: false);
        Assert.Equal(["b", "d", "a", "c", "e"], Names(points));
        points = Points((1, "a"), (0.5, "b"), (1, "c"), (0.5, "d"), (2, "e"));
        GeoPointSort.Sort(points, points.Length, descending: true);
        Assert.Equal(["e", "a", "c", "b", "d"], Names(points));
    }

    [Fact]
    public void A_partial_sort_orders_the_wanted_ranks_as_redis_pqsort_does()
    {
        // Recorded from Redis: 30 members at one point (read in member order) and one farther away.
        var names = Enumerable.Range(1, 30).Select(i => "m" + i).Order(StringComparer.Ordinal).ToList();
        (double, string)[] input = [.. names.Select(n => (1.0, n)), (2.0, "far")];

        var points = Points(input);
        GeoPointSort.Sort(points, 5, descending: false);
        Assert.Equal(["m1", "m10", "m11", "m12", "m13"], Names(points).Take(5));

        points = Points(input);
        GeoPointSort.Sort(points, 5, descending: true);
        Assert.Equal(["far", "m10", "m11", "m12", "m13"], Names(points).Take(5));

        points = Points(input);
        GeoPointSort.Sort(points, 12, descending: false);
        Assert.Equal(["m1", "m10", "m11", "m12", "m13", "m14", "m15", "m16", "m17", "m18", "m19", "m2"], Names(points).Take(12));

        // A first partition that swaps nothing does not switch to an insertion sort (Redis's pqsort dropped that).
        points = Points((1, "m01"), (1, "m08"), (1, "m09"), (2, "m00"), (2, "m02"), (3, "m07"), (4, "m03"), (4, "m04"), (4, "m05"), (4, "m06"), (4, "m10"));
        GeoPointSort.Sort(points, 3, descending: false);
        Assert.Equal(["m01", "m08", "m09"], Names(points).Take(3));
    }

    [Fact]
    public void A_partial_sort_puts_the_nearest_first_in_order()
    {
        var random = new Random(5);
        for (var round = 0; round < 200; round++)
        {
            var count = random.Next(1, 120);
            var input = Enumerable.Range(0, count).Select(i => ((double)random.Next(50), "p" + i)).ToArray();
            var wanted = random.Next(1, count + 1);
            var descending = random.Next(2) == 0;
            var points = Points(input);
            GeoPointSort.Sort(points, wanted, descending);
            var expected = input.Select(p => p.Item1).Order().ToList();
            if (descending) expected.Reverse();
            Assert.Equal(expected.Take(wanted), points.Take(wanted).Select(p => p.Distance));
            Assert.Equal(input.Select(p => p.Item2).Order(), Names(points).Order());
        }
    }

    private static (SortedSetValue Set, List<(string Name, double Score)> Positions) RandomSet(
        Random random, int count, CollectionLimits limits, (double Longitude, double Latitude) centre, double spread)
    {
        var set = SortedSetValue.Create(count, 4, limits);
        var positions = new List<(string, double)>();
        for (var i = 0; i < count; i++)
        {
            var longitude = centre.Longitude + (random.NextDouble() - 0.5) * spread;
            var latitude = centre.Latitude + (random.NextDouble() - 0.5) * spread;
            var name = "p" + i;
            var score = (double)GeoHash.ScoreOf(longitude, latitude);
            set.Add(Encoding.ASCII.GetBytes(name), score, limits);
            positions.Add((name, score));
        }
        return (set, positions);
    }

    private static GeoPoint[] Points(params (double Distance, string Name)[] items) =>
        items.Select(i => new GeoPoint(Encoding.ASCII.GetBytes(i.Name), 0, 0, i.Distance, 0)).ToArray();

    private static string[] Names(GeoPoint[] points) => points.Select(p => Encoding.ASCII.GetString(p.Member)).ToArray();
}
