namespace AkkaKv.Storage;

/// <summary>
/// Elements of a sorted set read in order (or in reverse) from a rank, for <c>foreach</c>; see
/// <see cref="SortedSetValue.Range"/>. The set must not change while it is read.
/// </summary>
public struct ZSetRange
{
    private readonly SortedSetValue? _set;
    private readonly bool _reverse;

    // Reversed listpack ranges: where each element starts, read from the end.
    private readonly int[]? _offsets;
    private ZSetLeaf? _leaf;

    // The tree leaf's index, or the listpack byte offset, of the next element.
    private int _position;
    private int _remaining;

    internal ZSetRange(SortedSetValue set, ZSetLeaf? leaf, int position, int count, bool reverse)
    {
        _set = set;
        _leaf = leaf;
        _position = position;
        _remaining = count;
        _reverse = reverse;
    }

    internal ZSetRange(SortedSetValue set, int[] offsets, int count)
    {
        _set = set;
        _offsets = offsets;
        _remaining = count;
        _reverse = true;
    }

    public ZSetEntry Current { get; private set; }

    public readonly ZSetRange GetEnumerator() => this;

    public bool MoveNext()
    {
        if (_remaining <= 0) return false;
        _remaining--;
        if (_offsets is not null)
        {
            Current = _set!.ListpackEntryAt(_offsets[_remaining], out _);
            return true;
        }

        if (_leaf is null)
        {
            Current = _set!.ListpackEntryAt(_position, out _position);
            return true;
        }

        ref readonly var item = ref _leaf.Items[_position];
        Current = new ZSetEntry(item.Member, item.Score);
        if (_reverse)
        {
            if (--_position < 0 && _remaining > 0)
            {
                _leaf = _leaf.Previous!;
                _position = _leaf.Length - 1;
            }
        }
        else if (++_position == _leaf.Length && _remaining > 0)
        {
            _leaf = _leaf.Next!;
            _position = 0;
        }

        return true;
    }
}
