namespace AkkaKv.Storage.Geo;

/// <summary>
/// Orders search results by distance exactly as Redis does, ties included: a full sort is glibc's qsort (a stable
/// top-down merge sort), a sort of only the first results is Redis's pqsort (NetBSD's Bentley-McIlroy quicksort,
/// without the switch to insertion sort after a partition that swapped nothing, recursing only into the partitions
/// that overlap the wanted ranks), which is not stable.
/// </summary>
public static class GeoPointSort
{
    /// <summary>Puts the <paramref name="wanted"/> nearest (or farthest) points first, in order.</summary>
    public static void Sort(Span<GeoPoint> points, int wanted, bool descending)
    {
        if (wanted >= points.Length)
        {
            var scratch = new GeoPoint[points.Length];
            MergeSort(points, scratch, descending);
        }
        else if (wanted > 0)
        {
            PartialQuickSort(points, 0, points.Length, 0, wanted - 1, descending);
        }
    }

    // sort_gp_asc / sort_gp_desc: NaN distances compare as "less" one way and the other.
    private static int Compare(in GeoPoint a, in GeoPoint b, bool descending)
    {
        var ascending = a.Distance > b.Distance ? 1 : a.Distance == b.Distance ? 0 : -1;
        return descending ? -ascending : ascending;
    }

    private static void MergeSort(Span<GeoPoint> items, Span<GeoPoint> scratch, bool descending)
    {
        var n = items.Length;
        if (n <= 1) return;
        var n1 = n / 2;
        var left = items[..n1];
        var right = items[n1..];
        MergeSort(left, scratch, descending);
        MergeSort(right, scratch, descending);

        int i = 0, j = 0, k = 0;
        while (i < left.Length && j < right.Length)
        {
            scratch[k++] = Compare(left[i], right[j], descending) <= 0 ? left[i++] : right[j++];
        }

        while (i < left.Length) scratch[k++] = left[i++];

        // What is left of the right half is already in place.
        scratch[..k].CopyTo(items);
    }

    /// <summary>
    /// Sorts items[a..a+n) enough that the ranks <paramref name="low"/>..<paramref name="high"/> (absolute indexes)
    /// hold what a full sort would put there; the other partitions stay unsorted.
    /// </summary>
    private static void PartialQuickSort(Span<GeoPoint> items, int a, int n, int low, int high, bool descending)
    {
        while (true)
        {
            if (n < 7)
            {
                InsertionSort(items, a, n, descending);
                return;
            }

            var pm = a + n / 2;
            if (n > 7)
            {
                var pl = a;
                var pn = a + n - 1;
                if (n > 40)
                {
                    var d = n / 8;
                    pl = MedianOfThree(items, pl, pl + d, pl + 2 * d, descending);
                    pm = MedianOfThree(items, pm - d, pm, pm + d, descending);
                    pn = MedianOfThree(items, pn - 2 * d, pn - d, pn, descending);
                }

                pm = MedianOfThree(items, pl, pm, pn, descending);
            }

            Swap(items, a, pm);

            // items[a] is the pivot; equal keys gather at both ends ([a+1, pa) and (pd, a+n)) while partitioning.
            int pa = a + 1, pb = a + 1;
            int pc = a + n - 1, pd = a + n - 1;
            while (true)
            {
                int order;
                while (pb <= pc && (order = Compare(items[pb], items[a], descending)) <= 0)
                {
                    if (order == 0) Swap(items, pa++, pb);

                    pb++;
                }

                while (pb <= pc && (order = Compare(items[pc], items[a], descending)) >= 0)
                {
                    if (order == 0) Swap(items, pc, pd--);

                    pc--;
                }

                if (pb > pc) break;
                Swap(items, pb++, pc--);
            }

            // Move the equal keys to the middle, between the smaller and the larger ones.
            var end = a + n;
            var r = Math.Min(pa - a, pb - pa);
            SwapRanges(items, a, pb - r, r);
            r = Math.Min(pd - pc, end - pd - 1);
            SwapRanges(items, pb, end - r, r);

            r = pb - pa;
            if (r > 1 && Overlaps(a, r, low, high)) PartialQuickSort(items, a, r, low, high, descending);

            r = pd - pc;
            if (r <= 1) return;
            a = end - r;
            n = r;
            if (!Overlaps(a, n, low, high)) return;
        }
    }

    private static bool Overlaps(int start, int length, int low, int high) => !(high < start || low >= start + length);

    private static void InsertionSort(Span<GeoPoint> items, int a, int n, bool descending)
    {
        for (var pm = a + 1; pm < a + n; pm++)
        {
            for (var pl = pm; pl > a && Compare(items[pl - 1], items[pl], descending) > 0; pl--) Swap(items, pl, pl - 1);
        }
    }

    private static int MedianOfThree(Span<GeoPoint> items, int a, int b, int c, bool descending) =>
        Compare(items[a], items[b], descending) < 0
            ? (Compare(items[b], items[c], descending) < 0 ? b : Compare(items[a], items[c], descending) < 0 ? c : a)
            : (Compare(items[b], items[c], descending) > 0 ? b : Compare(items[a], items[c], descending) < 0 ? a : c);

    private static void Swap(Span<GeoPoint> items, int i, int j) => (items[i], items[j]) = (items[j], items[i]);

    private static void SwapRanges(Span<GeoPoint> items, int i, int j, int count)
    {
        for (var k = 0; k < count; k++) Swap(items, i + k, j + k);
    }
}
