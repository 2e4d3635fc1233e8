namespace AkkaKv.Storage;

/// <summary>ZSCAN and ZRANDMEMBER: cursor walks and uniform random picks.</summary>
public sealed partial class SortedSetValue
{
    /// <summary>
    /// Adds about <paramref name="count"/> elements to <paramref name="into"/> and returns the next cursor, 0 when done.
    /// A listpack is returned whole in one call, as Redis does; the big encoding walks its table, which returns every
    /// element present for the whole scan at least once.
    /// </summary>
    public long Scan(long cursor, int count, List<ZSetMember> into)
    {
        ArgumentNullException.ThrowIfNull(into);
        if (_tree is not null) return _table!.Scan(cursor, count, into);
        foreach (var entry in Range(0, _count, reverse: false)) into.Add(new ZSetMember(entry.Member.ToArray(), entry.Score));
        return 0;
    }

    /// <summary>One element picked uniformly (the set must not be empty).</summary>
    public ZSetEntry RandomEntry(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var index = random.Next(Size);
        if (_tree is null) return ReadEntryAt(ListpackStart(index), out _);
        ref var item = ref _table![index];
        return new ZSetEntry(item.Member, item.Score);
    }

    /// <summary>
    /// <paramref name="count"/> distinct elements picked uniformly (ZRANDMEMBER with a positive count). As in Redis,
    /// asking for at least the whole set gives it all, from the highest rank down, and a listpack yields its picks in
    /// order; the big encoding yields them in random order.
    /// </summary>
    public void RandomDistinct(int count, Random random, List<ZSetEntry> into)
    {
        ArgumentNullException.ThrowIfNull(random);
        ArgumentNullException.ThrowIfNull(into);
        var size = Size;
        if (count >= size)
        {
            foreach (var entry in Range(size - 1, size, reverse: true)) into.Add(entry);
            return;
        }

        if (_tree is null)
        {
            // Selection sampling: each element is taken with probability (still needed) / (still available).
            var needed = count;
            var i = 0;
            foreach (var entry in Range(0, size, reverse: false))
            {
                if (random.Next(size - i++) >= needed) continue;
                into.Add(entry);
                if (--needed == 0) break;
            }

            return;
        }

        if (count * 3 > size)
        {
            // Most of the set is wanted: shuffle the first count slots of a permutation of all indexes.
            var indexes = new int[size];
            for (var i = 0; i < size; i++) indexes[i] = i;
            for (var i = 0; i < count; i++)
            {
                var pick = random.Next(i, size);
                (indexes[i], indexes[pick]) = (indexes[pick], indexes[i]);
                AddTableEntry(indexes[i], into);
            }

            return;
        }

        var seen = new HashSet<int>(count);
        while (seen.Count < count)
        {
            var index = random.Next(size);
            if (seen.Add(index)) AddTableEntry(index, into);
        }
    }

    private void AddTableEntry(int index, List<ZSetEntry> into)
    {
        ref var item = ref _table![index];
        into.Add(new ZSetEntry(item.Member, item.Score));
    }
}
