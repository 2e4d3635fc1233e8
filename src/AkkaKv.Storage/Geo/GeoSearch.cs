namespace AkkaKv.Storage.Geo;

/// <summary>
/// Reads the points of a geo set inside a shape, cell by cell as Redis's membersOfAllNeighbors does, so unsorted
/// results and ANY's early stop pick the same members in the same order.
/// </summary>
public static class GeoSearch
{
    /// <summary>
    /// Adds the members inside <paramref name="shape"/> to <paramref name="into"/>, in cell order then score order.
    /// With a positive <paramref name="limit"/> (ANY) it stops as soon as that many were found.
    /// </summary>
    public static void Collect(SortedSetValue set, in GeoShape shape, long limit, List<GeoPoint> into)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(into);
        var cells = GeoSearchCells.Cover(shape).Cells;
        var lastProcessed = 0;
        for (var i = 0; i < cells.Count; i++)
        {
            if (cells[i].IsZero) continue;

            // Huge radiuses make neighbours coincide; Redis skips a cell equal to the last one read (never comparing
            // with the centre itself).
            if (lastProcessed != 0 && cells[i] == cells[lastProcessed]) continue;
            if (Reached(into, limit)) break;
            CollectCell(set, shape, cells[i], limit, into);
            lastProcessed = i;
        }
    }

    private static void CollectCell(SortedSetValue set, in GeoShape shape, GeoHashBits cell, long limit, List<GeoPoint> into)
    {
        var (min, max) = GeoSearchCells.ScoreRange(cell);
        var (start, end) = set.RankSpan(new ZScoreRange(min, minExclusive: false, max, maxExclusive: true));
        foreach (var entry in set.Range(start, end - start, reverse: false))
        {
            if (shape.Contains(entry.Score, out var longitude, out var latitude, out var distance))
            {
                into.Add(new GeoPoint(entry.Member.ToArray(), longitude, latitude, distance, entry.Score));
            }

            if (Reached(into, limit)) break;
        }
    }

    private static bool Reached(List<GeoPoint> found, long limit) => found.Count > 0 && limit > 0 && found.Count >= limit;
}
