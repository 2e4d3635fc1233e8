namespace AkkaKv.Storage;

/// <summary>
/// A branch of a <see cref="ZSetTree"/>: its children, how many elements each holds (for ranks), and a separator per
/// child i &gt; 0 that is above every element of child i-1 and at or below every element of child i.
/// </summary>
internal sealed class ZSetBranch(int capacity) : ZSetNode
{
    public ZSetNode[] Children { get; } = new ZSetNode[capacity];

    public int[] Counts { get; } = new int[capacity];

    public ZSetMember[] Separators { get; } = new ZSetMember[capacity];

    public override int Total
    {
        get
        {
            var total = 0;
            for (var i = 0; i < Length; i++) total += Counts[i];
            return total;
        }
    }

    /// <summary>The child that holds, or would hold, the element: the last one whose separator is not above it.</summary>
    public int ChildFor(double score, ReadOnlySpan<byte> member)
    {
        int low = 1, high = Length;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            ref readonly var separator = ref Separators[middle];
            if (ZSetOrder.Compare(separator.Score, separator.Member, score, member) <= 0) low = middle + 1;
            else high = middle;
        }

        return low - 1;
    }

    public void InsertAt(int index, ZSetNode child, int count, in ZSetMember separator)
    {
        var tail = Length - index;
        Array.Copy(Children, index, Children, index + 1, tail);
        Array.Copy(Counts, index, Counts, index + 1, tail);
        Array.Copy(Separators, index, Separators, index + 1, tail);
        Children[index] = child;
        Counts[index] = count;
        Separators[index] = separator;
        Length++;
    }

    public void RemoveAt(int index)
    {
        Length--;
        var tail = Length - index;
        Array.Copy(Children, index + 1, Children, index, tail);
        Array.Copy(Counts, index + 1, Counts, index, tail);
        Array.Copy(Separators, index + 1, Separators, index, tail);
        Children[Length] = null!;
        Counts[Length] = 0;
        Separators[Length] = default;
    }

    /// <summary>Moves the children from <paramref name="from"/> on into <paramref name="target"/> (which is empty).</summary>
    public void MoveTail(int from, ZSetBranch target)
    {
        var moved = Length - from;
        Array.Copy(Children, from, target.Children, 0, moved);
        Array.Copy(Counts, from, target.Counts, 0, moved);
        Array.Copy(Separators, from, target.Separators, 0, moved);
        Array.Clear(Children, from, moved);
        Array.Clear(Counts, from, moved);
        Array.Clear(Separators, from, moved);
        target.Length = moved;
        Length = from;
    }

    /// <summary>Appends every child of the next branch; <paramref name="separator"/> is the one between the two.</summary>
    public void Absorb(ZSetBranch next, in ZSetMember separator)
    {
        Array.Copy(next.Children, 0, Children, Length, next.Length);
        Array.Copy(next.Counts, 0, Counts, Length, next.Length);
        Array.Copy(next.Separators, 0, Separators, Length, next.Length);
        Separators[Length] = separator;
        Length += next.Length;
    }
}
