namespace AkkaKv.Storage;

/// <summary>A leaf of a <see cref="ZSetTree"/>: up to <see cref="ZSetTree.NodeCapacity"/> elements in order, linked to its neighbours.</summary>
internal sealed class ZSetLeaf(int capacity) : ZSetNode
{
    public ZSetMember[] Items { get; } = new ZSetMember[capacity];

    public ZSetLeaf? Next { get; set; }

    public ZSetLeaf? Previous { get; set; }

    public override int Total => Length;

    public void InsertAt(int index, in ZSetMember item)
    {
        Array.Copy(Items, index, Items, index + 1, Length - index);
        Items[index] = item;
        Length++;
    }

    public void RemoveAt(int index)
    {
        Length--;
        Array.Copy(Items, index + 1, Items, index, Length - index);
        Items[Length] = default;
    }

    /// <summary>The index of the first element not before <paramref name="item"/> (binary search).</summary>
    public int LowerBound(double score, ReadOnlySpan<byte> member)
    {
        int low = 0, high = Length;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            ref readonly var current = ref Items[middle];
            if (ZSetOrder.Compare(current.Score, current.Member, score, member) < 0) low = middle + 1;
            else high = middle;
        }

        return low;
    }

    /// <summary>Moves the elements from <paramref name="from"/> on into <paramref name="target"/> (which is empty).</summary>
    public void MoveTail(int from, ZSetLeaf target)
    {
        var moved = Length - from;
        Array.Copy(Items, from, target.Items, 0, moved);
        Array.Clear(Items, from, moved);
        target.Length = moved;
        Length = from;
    }

    /// <summary>Appends every element of the next leaf and unlinks it.</summary>
    public void Absorb(ZSetLeaf next)
    {
        Array.Copy(next.Items, 0, Items, Length, next.Length);
        Length += next.Length;
        Next = next.Next;
        if (Next is not null) Next.Previous = this;
    }
}
