namespace AkkaKv.Storage;

/// <summary>Walking a hash: all entries (HGETALL), a cursor scan (HSCAN) and random picks (HRANDFIELD).</summary>
public sealed partial class HashValue
{
    /// <summary>Every entry, in storage order. Do not change the hash while enumerating.</summary>
    public Enumerator GetEnumerator() => new(this);

    /// <summary>
    /// HSCAN: visits about <paramref name="count"/> entries and returns the cursor of the next call, 0 when done
    /// (start with 0). Every field present for the whole scan is visited at least once. A compact hash is visited
    /// whole in one call, as Redis does with a listpack.
    /// </summary>
    public long Scan<TVisitor>(long cursor, int count, TVisitor visitor)
        where TVisitor : IHashEntryVisitor
    {
        ArgumentNullException.ThrowIfNull(visitor);
        if (_table is not { } table)
        {
            foreach (var entry in this)
            {
                if (!visitor.Visit(entry.Field, entry.Value))
                {
                    break;
                }
            }

            return 0;
        }

        var batch = new List<HashField>(Math.Clamp(count, 1, 1024));
        var next = table.Scan(cursor, count, batch);
        foreach (var item in batch)
        {
            if (!visitor.Visit(item.Field, item.Value))
            {
                break;
            }
        }

        return next;
    }

    /// <summary>
    /// HRANDFIELD with a count: <paramref name="count"/> uniform picks with repeats, or, when <paramref name="distinct"/>,
    /// min(count, Count) different fields (all of them, in storage order, when count reaches Count).
    /// </summary>
    public void VisitRandom<TVisitor>(Random random, long count, bool distinct, TVisitor visitor)
        where TVisitor : IHashEntryVisitor
    {
        ArgumentNullException.ThrowIfNull(random);
        ArgumentNullException.ThrowIfNull(visitor);
        var size = (int)Count;
        if (size == 0 || count <= 0)
        {
            return;
        }

        if (distinct && count >= size)
        {
            foreach (var entry in this)
            {
                if (!visitor.Visit(entry.Field, entry.Value))
                {
                    return;
                }
            }

            return;
        }

        var offsets = _table is null ? PackedOffsets() : null;
        if (!distinct)
        {
            for (var i = 0L; i < count; i++)
            {
                if (!Visit(random.Next(size), offsets, visitor))
                {
                    return;
                }
            }

            return;
        }

        foreach (var index in DistinctIndexes(random, size, (int)count))
        {
            if (!Visit(index, offsets, visitor))
            {
                return;
            }
        }
    }

    /// <summary>One uniformly chosen entry (HRANDFIELD without a count); the hash must not be empty.</summary>
    public HashEntry RandomEntry(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var index = random.Next((int)Count);
        if (_table is { } table)
        {
            ref var item = ref table[index];
            return new HashEntry(item.Field, item.Value);
        }

        var offset = 0;
        for (var i = 0; i < index; i++)
        {
            offset = SkipPacked(SkipPacked(offset));
        }

        return PackedEntryAt(offset);
    }

    /// <summary>
    /// <paramref name="count"/> (less than <paramref name="size"/>) different indexes, uniformly: a partial shuffle when
    /// they are a good part of the whole, rejection of repeats when they are few (Redis's cases 3 and 4).
    /// </summary>
    private static IEnumerable<int> DistinctIndexes(Random random, int size, int count)
    {
        if (count * 3L > size)
        {
            var all = new int[size];
            for (var i = 0; i < size; i++)
            {
                all[i] = i;
            }

            for (var i = 0; i < count; i++)
            {
                var j = random.Next(i, size);
                (all[i], all[j]) = (all[j], all[i]);
            }

            return new ArraySegment<int>(all, 0, count);
        }

        var picked = new HashSet<int>(count);
        var order = new List<int>(count);
        while (order.Count < count)
        {
            var index = random.Next(size);
            if (picked.Add(index))
            {
                order.Add(index);
            }
        }

        return order;
    }

    private bool Visit<TVisitor>(int index, int[]? packedOffsets, TVisitor visitor)
        where TVisitor : IHashEntryVisitor
    {
        if (packedOffsets is null)
        {
            ref var item = ref _table![index];
            return visitor.Visit(item.Field, item.Value);
        }

        var entry = PackedEntryAt(packedOffsets[index]);
        return visitor.Visit(entry.Field, entry.Value);
    }

    /// <summary>Enumerates a hash's entries in either form.</summary>
    public ref struct Enumerator
    {
        private readonly HashValue _hash;
        private int _index;
        private int _offset;
        private HashEntry _current;

        internal Enumerator(HashValue hash)
        {
            _hash = hash;
            _index = -1;
        }

        public readonly HashEntry Current => _current;

        public bool MoveNext()
        {
            _index++;
            if (_index >= _hash.Count)
            {
                return false;
            }

            if (_hash._table is { } table)
            {
                ref var item = ref table[_index];
                _current = new HashEntry(item.Field, item.Value);
                return true;
            }

            _current = _hash.PackedEntryAt(_offset);
            _offset = _hash.SkipPacked(_hash.SkipPacked(_offset));
            return true;
        }
    }
}
