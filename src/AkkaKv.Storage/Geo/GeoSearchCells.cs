namespace AkkaKv.Storage.Geo;

/// <summary>
/// The geohash cells a search reads (Redis's geohashCalculateAreasByShapeWGS84): the cell of the centre at a step
/// chosen from the shape's size, and its 8 neighbours, those that cannot hold a point of the shape left out (zero).
/// <see cref="Cells"/> are in Redis's order: centre, north, south, east, west, north-east, north-west, south-east,
/// south-west, which is the order unsorted results come in.
/// </summary>
public sealed class GeoSearchCells
{
    private const double MercatorMax = 20037726.37;

    // Indexes in Cells.
    private const int North = 1, South = 2, East = 3, West = 4, NorthEast = 5, NorthWest = 6, SouthEast = 7, SouthWest = 8;

    private GeoSearchCells(GeoHashBits[] cells) => Cells = cells;

    public IReadOnlyList<GeoHashBits> Cells { get; }

    public static GeoSearchCells Cover(in GeoShape shape)
    {
        var (minLongitude, minLatitude, maxLongitude, maxLatitude) = shape.BoundingBox();
        var steps = EstimateSteps(shape.CoverRadiusMeters(), shape.Latitude);
        var cells = CellsAround(shape, steps);

        // Near a cell's edge the estimated step can be too fine for the neighbours to reach the whole shape: one
        // step coarser then.
        var north = GeoHash.Decode(cells[North]);
        var south = GeoHash.Decode(cells[South]);
        var east = GeoHash.Decode(cells[East]);
        var west = GeoHash.Decode(cells[West]);
        var decrease = north.LatitudeMax < maxLatitude || south.LatitudeMin > minLatitude
            || east.LongitudeMax < maxLongitude || west.LongitudeMin > minLongitude;
        if (steps > 1 && decrease)
        {
            steps--;
            cells = CellsAround(shape, steps);
        }

        var area = GeoHash.Decode(cells[0]);
        if (steps >= 2)
        {
            // Neighbours on a side the centre cell already covers past the shape's bounds are useless.
            if (area.LatitudeMin < minLatitude) Clear(cells, South, SouthWest, SouthEast);
            if (area.LatitudeMax > maxLatitude) Clear(cells, North, NorthEast, NorthWest);
            if (area.LongitudeMin < minLongitude) Clear(cells, West, SouthWest, NorthWest);
            if (area.LongitudeMax > maxLongitude) Clear(cells, East, SouthEast, NorthEast);
        }

        return new GeoSearchCells(cells);
    }

    /// <summary>
    /// The step (bits per axis) whose cells are about as large as the radius (geohashEstimateStepsByRadius): coarser
    /// towards the poles, where cells narrow; 26 for a zero radius, else within 1..26.
    /// </summary>
    public static int EstimateSteps(double rangeMeters, double latitude)
    {
        if (rangeMeters == 0) return GeoHash.MaxStep;
        var step = 1;
        while (rangeMeters < MercatorMax)
        {
            rangeMeters *= 2;
            step++;
        }

        step -= 2;
        if (latitude > 66 || latitude < -66)
        {
            step--;
            if (latitude > 80 || latitude < -80) step--;
        }

        return Math.Clamp(step, 1, GeoHash.MaxStep);
    }

    /// <summary>The sorted-set scores [Min, Max) of the points inside a cell.</summary>
    public static (double Min, double Max) ScoreRange(GeoHashBits cell) =>
        (cell.Align52(), (cell with { Bits = cell.Bits + 1 }).Align52());

    private static GeoHashBits[] CellsAround(in GeoShape shape, int steps)
    {
        GeoHash.TryEncode(shape.Longitude, shape.Latitude, steps, out var hash);
        return
        [
            hash,
            GeoHash.Neighbor(hash, 0, 1),
            GeoHash.Neighbor(hash, 0, -1),
            GeoHash.Neighbor(hash, 1, 0),
            GeoHash.Neighbor(hash, -1, 0),
            GeoHash.Neighbor(hash, 1, 1),
            GeoHash.Neighbor(hash, -1, 1),
            GeoHash.Neighbor(hash, 1, -1),
            GeoHash.Neighbor(hash, -1, -1),
        ];
    }

    private static void Clear(GeoHashBits[] cells, int a, int b, int c)
    {
        cells[a] = GeoHashBits.Zero;
        cells[b] = GeoHashBits.Zero;
        cells[c] = GeoHashBits.Zero;
    }
}
