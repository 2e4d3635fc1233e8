namespace AkkaKv.Storage;

/// <summary>
/// A list (Redis's t_list.c): byte-string elements in order, with O(1) pushes and pops at both ends. Protocol-free.
/// </summary>
/// <remarks>
/// The elements live in packed runs (<see cref="ListNode"/>) held in a ring of nodes, the shape of Redis's
/// quicklist: no object per element, about two bytes over each element's content. A small list is one run and
/// reports "listpack"; once it outgrows list-max-listpack-size it reports "quicklist" and its runs split and merge by
/// quicklist's own rules (the node size limits, the split and merge on insertion), so the encoding changes exactly
/// when Redis 7.2's does, including the change back to "listpack" when a one-node list shrinks below half the limit.
/// </remarks>
public sealed partial class ListValue : ICollectionValue
{
    // Null, one ListNode, or a ring of them (a power-of-two array from _first on).
    private object? _nodes;
    private int _first;
    private int _nodeCount;
    private long _count;

    // Redis keeps the fill a quicklist was created with; the listpack checks read the configuration in force.
    private int _fill;
    private bool _quicklist;

    public ListValue()
    {
    }

    private ListValue(ListValue source)
    {
        for (var i = 0; i < source._nodeCount; i++)
        {
            InsertNodeAt(i, source.NodeAt(i).Clone());
        }

        _count = source._count;
        _fill = source._fill;
        _quicklist = source._quicklist;
    }

    public DataType Type => DataType.List;

    public ReadOnlySpan<byte> Encoding => _quicklist ? "quicklist"u8 : "listpack"u8;

    public long Count => _count;

    /// <summary>Whether the list is in its compact (listpack) form.</summary>
    public bool IsCompact => !_quicklist;

    /// <summary>Each node's element count and listpack size, head first (quicklist's nodes; one while compact).</summary>
    internal (int Count, int ListpackBytes)[] NodeShapes()
    {
        var shapes = new (int, int)[_nodeCount];
        for (var i = 0; i < _nodeCount; i++)
        {
            shapes[i] = (NodeAt(i).Count, NodeAt(i).ListpackBytes);
        }

        return shapes;
    }

    public ICollectionValue Clone() => new ListValue(this);

    /// <summary>Whether a listpack keeps <paramref name="element"/> as an integer (the canonical text of a 64-bit integer).</summary>
    public static bool IsStoredAsInteger(ReadOnlySpan<byte> element) => StringValue.TryParseInteger(element, out _);

    /// <summary>Redis mixes each element's text in order.</summary>
    public void MixDigest(Span<byte> digest)
    {
        foreach (var element in this)
        {
            KeyDigest.Mix(digest, element);
        }
    }

    /// <summary>
    /// Before adding <paramref name="addedCount"/> elements of <paramref name="addedBytes"/> bytes in all: a compact list
    /// that would then exceed list-max-listpack-size becomes a quicklist (Redis's listTypeTryConversionAppend, which
    /// checks the listpack's size plus the raw lengths of what comes). Call it before every push or insertion.
    /// </summary>
    public void PrepareToGrow(long addedBytes, long addedCount, CollectionLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        if (_quicklist)
        {
            return;
        }

        var listpackBytes = _nodeCount == 0 ? ListNode.EmptyListpackBytes : NodeAt(0).ListpackBytes;
        if (!ExceedsLimit(limits.ListMaxListpackSize, listpackBytes + addedBytes, _count + addedCount))
        {
            return;
        }

        // The listpack, if any, becomes the quicklist's first node as it is, however full.
        _quicklist = true;
        _fill = limits.ListMaxListpackSize;
    }

    /// <summary>
    /// After removing elements: a quicklist left with one node under half of list-max-listpack-size (half, so a list
    /// near the limit does not flip at every push and pop) becomes compact again, as Redis 7.2 does.
    /// </summary>
    public void ConvertIfShrunk(CollectionLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        if (!_quicklist || _nodeCount != 1)
        {
            return;
        }

        NodeLimits(limits.ListMaxListpackSize, out var sizeLimit, out var countLimit);
        if (NodeAt(0).ListpackBytes > sizeLimit / 2 || _count > countLimit / 2)
        {
            return;
        }

        _quicklist = false;
    }

    /// <summary>Adds an element before the first (LPUSH). Call <see cref="PrepareToGrow"/> first.</summary>
    public void PushHead(ReadOnlySpan<byte> element)
    {
        var head = _nodeCount > 0 ? NodeAt(0) : null;
        if (head is null || (_quicklist && !AllowsInsert(head, element.Length)))
        {
            head?.Compact();
            head = new ListNode();
            InsertNodeAt(0, head);
        }

        head.PushFront(element);
        _count++;
    }

    /// <summary>Adds an element after the last (RPUSH). Call <see cref="PrepareToGrow"/> first.</summary>
    public void PushTail(ReadOnlySpan<byte> element)
    {
        var tail = _nodeCount > 0 ? NodeAt(_nodeCount - 1) : null;
        if (tail is null || (_quicklist && !AllowsInsert(tail, element.Length)))
        {
            tail?.Compact();
            tail = new ListNode();
            InsertNodeAt(_nodeCount, tail);
        }

        tail.PushBack(element);
        _count++;
    }

    /// <summary>Removes and returns the first element; null when the list is empty.</summary>
    public byte[]? PopHead()
    {
        if (_count == 0)
        {
            return null;
        }

        var head = NodeAt(0);
        var element = head.PopFront();
        _count--;
        if (head.Count == 0)
        {
            RemoveNodeAt(0);
        }

        return element;
    }

    /// <summary>Removes and returns the last element; null when the list is empty.</summary>
    public byte[]? PopTail()
    {
        if (_count == 0)
        {
            return null;
        }

        var tail = NodeAt(_nodeCount - 1);
        var element = tail.PopBack();
        _count--;
        if (tail.Count == 0)
        {
            RemoveNodeAt(_nodeCount - 1);
        }

        return element;
    }

    /// <summary>The element at <paramref name="index"/> (negative counts from the end); false when out of range.</summary>
    public bool TryGet(long index, out ReadOnlySpan<byte> element)
    {
        if (!TryNormalize(ref index))
        {
            element = default;
            return false;
        }

        var node = Locate(index, out var position);
        element = node.Read(node.OffsetOf(position), out _);
        return true;
    }

    /// <summary>Removes <paramref name="count"/> elements from position <paramref name="start"/> on (both clamped to the list).</summary>
    public void RemoveRange(long start, long count)
    {
        start = Math.Max(0, start);
        count = Math.Min(count, _count - start);
        if (count <= 0)
        {
            return;
        }

        var nodeIndex = LocateNode(start, out var position);
        while (count > 0)
        {
            var node = NodeAt(nodeIndex);
            var take = (int)Math.Min(count, node.Count - position);
            if (take == node.Count)
            {
                RemoveNodeAt(nodeIndex);
            }
            else
            {
                node.RemoveRange(position, take);
                nodeIndex++;
            }

            _count -= take;
            count -= take;
            position = 0;
        }
    }

    /// <summary>Whether a node may take one more element of <paramref name="length"/> bytes (quicklist's _quicklistNodeAllowInsert, which over-estimates by 8).</summary>
    private bool AllowsInsert(ListNode? node, int length) =>
        node is not null && !ExceedsLimit(_fill, (long)node.ListpackBytes + length + 8, node.Count + 1L);

    private bool AllowsMerge(ListNode? a, ListNode? b) =>
        a is not null && b is not null &&
        !ExceedsLimit(_fill, (long)a.ListpackBytes + b.ListpackBytes - ListNode.EmptyListpackBytes, (long)a.Count + b.Count);

    /// <summary>Redis's quicklistNodeExceedsLimit for a node (or listpack) of this many bytes and entries.</summary>
    private static bool ExceedsLimit(int fill, long bytes, long count)
    {
        NodeLimits(fill, out var sizeLimit, out var countLimit);
        if (sizeLimit != long.MaxValue)
        {
            return bytes > sizeLimit;
        }

        // A count limit still keeps multi-element nodes within 8 KB (SIZE_SAFETY_LIMIT).
        return bytes > 8192 || count > countLimit;
    }

    /// <summary>
    /// Redis's quicklistNodeLimit: a positive fill limits entries (0 means 1), -1..-5 limit bytes to 4, 8, 16, 32 or
    /// 64 KB (below -5 as -5). The other limit is unbounded (the count one as C's UINT_MAX).
    /// </summary>
    private static void NodeLimits(int fill, out long sizeLimit, out long countLimit)
    {
        sizeLimit = long.MaxValue;
        countLimit = uint.MaxValue;
        if (fill >= 0)
        {
            countLimit = fill == 0 ? 1 : fill;
        }
        else
        {
            sizeLimit = 4096L << Math.Min(-fill - 1, 4);
        }
    }

    private bool TryNormalize(ref long index)
    {
        if (index < 0)
        {
            index += _count;
        }

        return index >= 0 && index < _count;
    }
}
