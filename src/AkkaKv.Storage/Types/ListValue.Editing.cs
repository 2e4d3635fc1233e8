namespace AkkaKv.Storage;

/// <summary>Changes inside the list: LSET, LINSERT (with quicklist's split and merge) and LREM; and LPOS's search.</summary>
public sealed partial class ListValue
{
    /// <summary>
    /// LSET: replaces the element at <paramref name="index"/> (negative counts from the end); false when out of range.
    /// Call <see cref="PrepareToGrow"/> before and <see cref="ConvertIfShrunk"/> after, as Redis does.
    /// </summary>
    public bool TrySet(long index, ReadOnlySpan<byte> element)
    {
        if (!TryNormalize(ref index))
        {
            return false;
        }

        // A node may outgrow its limit this way: quicklist replaces in place too.
        var node = Locate(index, out var position);
        node.Replace(node.OffsetOf(position), element);
        return true;
    }

    /// <summary>
    /// LINSERT: inserts <paramref name="element"/> before or after the first element equal to <paramref name="pivot"/>;
    /// false when there is none. Call <see cref="PrepareToGrow"/> first (Redis converts even when the pivot is missing).
    /// </summary>
    public bool Insert(ReadOnlySpan<byte> pivot, ReadOnlySpan<byte> element, bool after)
    {
        for (var i = 0; i < _nodeCount; i++)
        {
            var node = NodeAt(i);
            var position = 0;
            for (var offset = node.Start; offset < node.End; position++)
            {
                var next = node.Next(offset);
                if (node.Read(offset, out _).SequenceEqual(pivot))
                {
                    InsertAt(i, position, after ? next : offset, element, after);
                    _count++;
                    return true;
                }

                offset = next;
            }
        }

        return false;
    }

    /// <summary>
    /// LREM: removes the elements equal to <paramref name="element"/>, at most |<paramref name="count"/>| of them (0: all),
    /// from the head, or from the tail when <paramref name="count"/> is negative; returns how many went.
    /// </summary>
    public long Remove(ReadOnlySpan<byte> element, long count)
    {
        var fromTail = count < 0;
        var limit = count == long.MinValue ? long.MaxValue : Math.Abs(count);
        long removed = 0;
        for (var step = 0; step < _nodeCount && (limit == 0 || removed < limit);)
        {
            var index = fromTail ? _nodeCount - 1 - step : step;
            var node = NodeAt(index);
            var gone = node.RemoveMatches(element, limit == 0 ? 0 : limit - removed, fromTail);
            removed += gone;
            _count -= gone;
            if (node.Count == 0)
            {
                // The next node to look at now sits at the same step from the starting end.
                RemoveNodeAt(index);
                continue;
            }

            step++;
        }

        return removed;
    }

    /// <summary>
    /// LPOS: adds to <paramref name="positions"/> the indexes of the elements equal to <paramref name="element"/>,
    /// skipping the first |<paramref name="rank"/>|-1 matches, searching from the tail when the rank is negative,
    /// stopping after <paramref name="count"/> of them (0: all) or after looking at <paramref name="maxLength"/>
    /// elements (0: all).
    /// </summary>
    public void FindPositions(ReadOnlySpan<byte> element, long rank, long count, long maxLength, List<long> positions)
    {
        ArgumentNullException.ThrowIfNull(positions);
        var reverse = rank < 0;
        var skip = (reverse ? -(rank + 1) : rank - 1) + 1;
        var enumerator = Enumerate(reverse ? _count - 1 : 0, reverse);
        long matches = 0;
        long found = 0;
        for (long seen = 0; (maxLength == 0 || seen < maxLength) && enumerator.MoveNext(); seen++)
        {
            if (!enumerator.Current.SequenceEqual(element) || ++matches < skip)
            {
                continue;
            }

            positions.Add(reverse ? _count - 1 - seen : seen);
            if (count != 0 && ++found >= count)
            {
                return;
            }
        }
    }

    /// <summary>
    /// Inserts next to the element at <paramref name="position"/> of node <paramref name="nodeIndex"/>;
    /// <paramref name="offset"/> is where the new entry goes in that node. A quicklist follows _quicklistInsert:
    /// into the node when it has room, else into the neighbour it borders, else a new node, else the node splits.
    /// </summary>
    private void InsertAt(int nodeIndex, int position, int offset, ReadOnlySpan<byte> element, bool after)
    {
        var node = NodeAt(nodeIndex);
        if (!_quicklist || AllowsInsert(node, element.Length))
        {
            node.Insert(offset, element);
            return;
        }

        var atTail = after && position == node.Count - 1;
        var atHead = !after && position == 0;
        if (atTail || atHead)
        {
            var neighbour = NodeAtOrNull(atTail ? nodeIndex + 1 : nodeIndex - 1);
            if (AllowsInsert(neighbour, element.Length))
            {
                if (atTail)
                {
                    neighbour!.PushFront(element);
                }
                else
                {
                    neighbour!.PushBack(element);
                }

                return;
            }

            var single = new ListNode();
            single.PushBack(element);
            InsertNodeAt(atTail ? nodeIndex + 1 : nodeIndex, single);
            return;
        }

        // Split around the position: the new element joins the part on its side, then neighbours merge when they fit.
        var rest = node.SplitOff(after ? position + 1 : position);
        InsertNodeAt(nodeIndex + 1, rest);
        if (after)
        {
            rest.PushFront(element);
            MergeAround(nodeIndex);
        }
        else
        {
            node.PushBack(element);
            MergeAround(nodeIndex + 1);
        }
    }

    /// <summary>
    /// quicklist's _quicklistMergeNodes around node <paramref name="index"/>: the two pairs beside it, then the node
    /// with the one before, then the result with the one after, each when the merged node stays within the limits.
    /// </summary>
    private void MergeAround(int index)
    {
        if (AllowsMerge(NodeAtOrNull(index - 1), NodeAtOrNull(index - 2)))
        {
            Merge(index - 2);
            index--;
        }

        if (AllowsMerge(NodeAtOrNull(index + 1), NodeAtOrNull(index + 2)))
        {
            Merge(index + 1);
        }

        var target = index;
        if (AllowsMerge(NodeAt(index), NodeAtOrNull(index - 1)))
        {
            Merge(index - 1);
            target = index - 1;
        }

        if (AllowsMerge(NodeAt(target), NodeAtOrNull(target + 1)))
        {
            Merge(target);
        }
    }

    /// <summary>Appends node <paramref name="index"/> + 1 to node <paramref name="index"/> and drops it.</summary>
    private void Merge(int index)
    {
        var left = NodeAt(index);
        left.Append(NodeAt(index + 1));
        RemoveNodeAt(index + 1);
        if (index > 0 && index < _nodeCount - 1)
        {
            left.Compact();
        }
    }
}
