namespace AkkaKv.Storage;

/// <summary>Walking a set: all members (SMEMBERS), a cursor scan (SSCAN), random picks (SRANDMEMBER) and pops (SPOP).</summary>
public sealed partial class SetValue
{
    /// <summary>Redis's SPOP_MOVE_STRATEGY_MUL: SPOP rebuilds the set from the members it keeps when they are this few.</summary>
    private const int PopRebuildRatio = 5;

    /// <summary>Every member, in storage order (ascending for an intset). Do not change the set while enumerating.</summary>
    public Enumerator GetEnumerator() => new(this);

    /// <summary>
    /// SSCAN: visits about <paramref name="count"/> members and returns the cursor of the next call, 0 when done
    /// (start with 0). Every member present for the whole scan is visited at least once. An intset or listpack is
    /// visited whole in one call, as Redis does.
    /// </summary>
    public long Scan<TVisitor>(long cursor, int count, TVisitor visitor)
        where TVisitor : ISetMemberVisitor
    {
        ArgumentNullException.ThrowIfNull(visitor);
        if (_table is not { } table)
        {
            foreach (var member in this)
            {
                if (!visitor.Visit(member))
                {
                    break;
                }
            }

            return 0;
        }

        var batch = new List<byte[]>(Math.Clamp(count, 1, 1024));
        var next = table.Scan(cursor, count, batch);
        foreach (var member in batch)
        {
            if (!visitor.Visit(member))
            {
                break;
            }
        }

        return next;
    }

    /// <summary>
    /// SRANDMEMBER with a count: <paramref name="count"/> uniform picks with repeats, or, when <paramref name="distinct"/>,
    /// min(count, Count) different members: all of them in storage order when count reaches Count, in listpack order
    /// from a listpack (Redis samples it in one ordered pass), in random order otherwise.
    /// </summary>
    public void VisitRandom<TVisitor>(Random random, long count, bool distinct, TVisitor visitor)
        where TVisitor : ISetMemberVisitor
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
            foreach (var member in this)
            {
                if (!visitor.Visit(member))
                {
                    return;
                }
            }

            return;
        }

        var offsets = _encoding == SetEncoding.Listpack ? PackedOffsets() : null;
        Span<byte> text = stackalloc byte[MaxIntegerText];
        if (!distinct)
        {
            for (var i = 0L; i < count; i++)
            {
                if (!visitor.Visit(MemberAt(random.Next(size), offsets, text)))
                {
                    return;
                }
            }

            return;
        }

        var picks = DistinctIndexes(random, size, (int)count);
        if (offsets is not null)
        {
            Array.Sort(picks);
        }

        foreach (var index in picks)
        {
            if (!visitor.Visit(MemberAt(index, offsets, text)))
            {
                return;
            }
        }
    }

    /// <summary>One uniformly chosen member (SRANDMEMBER without a count); the set must not be empty. Do not change the array.</summary>
    public byte[] RandomMember(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var index = random.Next((int)Count);
        if (_table is { } table)
        {
            return table[index];
        }

        if (_encoding == SetEncoding.Listpack)
        {
            var offset = 0;
            for (var i = 0; i < index; i++)
            {
                offset = ReadPacked(offset, out _, out _);
            }

            return PackedAt(offset).ToArray();
        }

        Span<byte> text = stackalloc byte[MaxIntegerText];
        return FormatInt(IntAt(index), text).ToArray();
    }

    /// <summary>SPOP without a count: removes a uniformly chosen member (and its deadline) and returns it; the set must not be empty.</summary>
    public byte[] PopRandom(Random random)
    {
        var member = RandomMember(random);
        Remove(member);
        return member;
    }

    /// <summary>
    /// SPOP with a count below <see cref="Count"/>: removes that many uniformly chosen members (and their deadlines)
    /// and returns them in Redis's reply order. When few members remain, the set is rebuilt from them as Redis does:
    /// an intset stays one, any other set becomes a listpack if they fit one.
    /// </summary>
    public List<byte[]> PopRandom(Random random, int count, CollectionLimits limits)
    {
        ArgumentNullException.ThrowIfNull(random);
        ArgumentNullException.ThrowIfNull(limits);
        var size = (int)Count;
        if (count <= 0 || count >= size)
        {
            throw new ArgumentOutOfRangeException(nameof(count), "pop between 1 and Count - 1 members");
        }

        var remaining = size - count;
        var popped = (long)remaining * PopRebuildRatio > count
            ? PopPicked(random, count)
            : PopAllBut(random, remaining, limits);
        if (_deadlines is not null)
        {
            foreach (var member in popped)
            {
                ForgetDeadline(member);
            }
        }

        return popped;
    }

    /// <summary>Removes <paramref name="count"/> random members one at a time; a listpack in one ordered pass.</summary>
    private List<byte[]> PopPicked(Random random, int count)
    {
        var popped = new List<byte[]>(count);
        Span<byte> text = stackalloc byte[MaxIntegerText];
        if (_encoding == SetEncoding.Listpack)
        {
            var picks = DistinctIndexes(random, _count, count);
            Array.Sort(picks);
            var offsets = PackedOffsets();
            foreach (var index in picks)
            {
                popped.Add(PackedAt(offsets[index]).ToArray());
            }

            RemovePackedIndexes(picks, offsets);
            return popped;
        }

        for (var i = 0; i < count; i++)
        {
            var index = random.Next((int)Count);
            if (_table is { } table)
            {
                popped.Add(table[index]);
                table.RemoveAt(index);
            }
            else
            {
                popped.Add(FormatInt(IntAt(index), text).ToArray());
                RemoveIntAt(index);
            }
        }

        return popped;
    }

    /// <summary>Keeps <paramref name="remaining"/> random members in a new set and returns the others, in storage order.</summary>
    private List<byte[]> PopAllBut(Random random, int remaining, CollectionLimits limits)
    {
        var size = (int)Count;
        var kept = DistinctIndexes(random, size, remaining);
        var offsets = _encoding == SetEncoding.Listpack ? PackedOffsets() : null;
        if (offsets is not null)
        {
            Array.Sort(kept);
        }

        var rebuilt = new SetValue(_encoding == SetEncoding.Intset ? SetEncoding.Intset : SetEncoding.Listpack);
        var isKept = new bool[size];
        Span<byte> text = stackalloc byte[MaxIntegerText];
        foreach (var index in kept)
        {
            isKept[index] = true;
            rebuilt.Add(MemberAt(index, offsets, text), limits);
        }

        var popped = new List<byte[]>(size - remaining);
        for (var index = 0; index < size; index++)
        {
            if (!isKept[index])
            {
                popped.Add(_table is { } table ? table[index] : MemberAt(index, offsets, text).ToArray());
            }
        }

        TakeContentOf(rebuilt);
        return popped;
    }

    /// <summary>Removes the listpack entries at these ascending positions in one pass.</summary>
    private void RemovePackedIndexes(int[] ascending, int[] offsets)
    {
        var data = _data!;
        var write = offsets[ascending[0]];
        for (var p = 0; p < ascending.Length; p++)
        {
            var keepFrom = ReadPacked(offsets[ascending[p]], out _, out _);
            var keepTo = p + 1 < ascending.Length ? offsets[ascending[p + 1]] : _length;
            data.AsSpan(keepFrom, keepTo - keepFrom).CopyTo(data.AsSpan(write));
            write += keepTo - keepFrom;
        }

        _count -= ascending.Length;
        ResizePacked(write, _length - write, 0);
    }

    /// <summary>The member at a storage position; an intset's is written into <paramref name="text"/>.</summary>
    private ReadOnlySpan<byte> MemberAt(int index, int[]? packedOffsets, Span<byte> text) => _encoding switch
    {
        SetEncoding.Hashtable => _table![index],
        SetEncoding.Listpack => PackedAt(packedOffsets![index]),
        _ => FormatInt(IntAt(index), text),
    };

    /// <summary>
    /// <paramref name="count"/> (less than <paramref name="size"/>) different positions, uniformly: a partial shuffle when
    /// they are a good part of the whole, rejection of repeats when they are few (Redis's cases 3 and 4).
    /// </summary>
    private static int[] DistinctIndexes(Random random, int size, int count)
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

            return all[..count];
        }

        var picked = new HashSet<int>(count);
        var order = new int[count];
        var found = 0;
        while (found < count)
        {
            var index = random.Next(size);
            if (picked.Add(index))
            {
                order[found++] = index;
            }
        }

        return order;
    }

    /// <summary>Enumerates a set's members in any form; an intset's are written into a buffer of the enumerator.</summary>
    public ref struct Enumerator
    {
        private readonly SetValue _set;
        private readonly byte[]? _text;
        private int _index;
        private int _offset;
        private ReadOnlySpan<byte> _current;

        internal Enumerator(SetValue set)
        {
            _set = set;
            _index = -1;
            _text = set._encoding == SetEncoding.Intset ? new byte[MaxIntegerText] : null;
        }

        public readonly ReadOnlySpan<byte> Current => _current;

        public bool MoveNext()
        {
            _index++;
            if (_index >= _set.Count)
            {
                return false;
            }

            switch (_set._encoding)
            {
                case SetEncoding.Hashtable:
                    _current = _set._table![_index];
                    break;
                case SetEncoding.Listpack:
                    _offset = _set.ReadPacked(_offset, out var start, out var length);
                    _current = _set._data.AsSpan(start, length);
                    break;
                default:
                    _current = FormatInt(_set.IntAt(_index), _text);
                    break;
            }

            return true;
        }
    }
}
