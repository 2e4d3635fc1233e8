using AkkaKv.Storage;

namespace AkkaKv.Server.Commands;

/// <summary>Loading the elements to sort, weighing them and putting them in order (Redis's sortCompare).</summary>
public static partial class SortCommands
{
    /// <summary>Every element, copied: lists in order, sets as they iterate, sorted sets by rank.</summary>
    private static SortItem[] LoadAll(ICollectionValue? source)
    {
        var items = new List<SortItem>((int)(source?.Count ?? 0));
        switch (source)
        {
            case ListValue list:
                foreach (var element in list) items.Add(new SortItem(element.ToArray(), items.Count));
                break;
            case SetValue set:
                foreach (var member in set) items.Add(new SortItem(member.ToArray(), items.Count));
                break;
            case SortedSetValue zset:
                foreach (var entry in zset.Range(0, (int)zset.Count, reverse: false)) items.Add(new SortItem(entry.Member.ToArray(), items.Count));
                break;
        }
        return [.. items];
    }

    /// <summary>The elements at positions start..end of a list or sorted set, counted from the end when DESC.</summary>
    private static SortItem[] LoadRange(ICollectionValue? source, long start, long end, bool desc)
    {
        var count = (int)Math.Max(0, end - start + 1);
        var items = new SortItem[count];
        if (count == 0 || source is null) return items;
        var first = desc ? source.Count - 1 - start : start;
        var i = 0;
        if (source is ListValue list)
        {
            var elements = list.Enumerate(first, desc);
            while (i < count && elements.MoveNext()) items[i] = new SortItem(elements.Current.ToArray(), i++);
        }
        else
        {
            foreach (var entry in ((SortedSetValue)source).Range((int)first, count, desc)) items[i] = new SortItem(entry.Member.ToArray(), i++);
        }
        return items;
    }

    /// <summary>
    /// Weighs every element (its BY value, or itself) and sorts them; false when, without ALPHA, a weight is not a
    /// number (every weight is still read first, as Redis does).
    /// </summary>
    private static bool TryOrder(CommandContext c, SortOptions options, SortItem[] items, PatternReader reader)
    {
        var numbersOk = true;
        var by = options.By >= 0 ? c.Arg(options.By) : default;
        for (var i = 0; i < items.Length; i++)
        {
            ref var item = ref items[i];
            ReadOnlySpan<byte> weight = item.Element;
            // A missing weight leaves the score 0 (or, under ALPHA, sorts first).
            if (options.By >= 0 && !reader.TryRead(by, item.Element, out weight)) continue;
            if (options.Alpha)
            {
                if (options.By >= 0) item.Weight = weight.ToArray();
            }
            else if (!TryParseWeight(weight, out item.Score))
            {
                numbersOk = false;
            }
        }
        if (!numbersOk) return false;
        Array.Sort(items, new ItemOrder(options.Alpha, options.By >= 0, options.Store >= 0, options.Desc));
        return true;
    }

    /// <summary>An element to sort, where it was loaded, and what it is sorted by.</summary>
    private struct SortItem(byte[] element, int position)
    {
        public readonly byte[] Element = element;
        public readonly int Position = position;
        public double Score;
        public byte[]? Weight;
    }

    /// <summary>
    /// Redis's sortCompare. Numbers first by score, equal scores by the elements' bytes. ALPHA compares texts as strcoll
    /// in the C locale (Redis's default: LANG is rarely set for a server) - byte order up to the first NUL - except
    /// with STORE, where Redis compares every byte. Under BY, a missing weight sorts first. DESC inverts the result.
    /// Ties (equal ALPHA weights) keep the order elements were loaded in, as glibc's qsort (a merge sort) does; with BY
    /// and a LIMIT, Redis's partial quicksort may order such ties differently.
    /// </summary>
    private sealed class ItemOrder(bool alpha, bool byPattern, bool binary, bool desc) : IComparer<SortItem>
    {
        public int Compare(SortItem x, SortItem y)
        {
            int order;
            if (!alpha)
            {
                order = x.Score > y.Score ? 1 : x.Score < y.Score ? -1 : Math.Sign(x.Element.AsSpan().SequenceCompareTo(y.Element));
            }
            else if (byPattern)
            {
                order = x.Weight is null || y.Weight is null
                    ? (x.Weight is null ? 0 : 1) - (y.Weight is null ? 0 : 1)
                    : CompareTexts(x.Weight, y.Weight);
            }
            else
            {
                order = CompareTexts(x.Element, y.Element);
            }
            if (desc) order = -order;
            return order != 0 ? order : x.Position.CompareTo(y.Position);
        }

        private int CompareTexts(byte[] x, byte[] y) =>
            binary ? Math.Sign(x.AsSpan().SequenceCompareTo(y)) : Math.Sign(CString(x).SequenceCompareTo(CString(y)));
    }
}
