namespace AkkaKv.Storage;

/// <summary>Adding, finding and deleting entries (Redis's streamAppendItem, streamDeleteItem and edge lookups).</summary>
public sealed partial class StreamValue
{
    /// <summary>XADD with "*": the ID is now's ms with sequence 0, or the last ID plus one when the clock is not ahead.</summary>
    public StreamAddStatus Add(ReadOnlySpan<ReadOnlyMemory<byte>> fieldsAndValues, CollectionLimits limits, long nowMs, out StreamId added)
    {
        var ms = (ulong)Math.Max(nowMs, 0);
        StreamId id;
        if (ms > LastId.Ms) id = new StreamId(ms, 0);
        else LastId.TryIncrement(out id); // Past the largest ID it wraps to 0-0, which is then refused.
        return Append(id, fieldsAndValues, limits, out added);
    }

    /// <summary>
    /// XADD with an explicit ID; without <paramref name="seqGiven"/> ("ms-*") the sequence is the next one for that
    /// ms (0 for a new ms). Fails with <see cref="StreamAddStatus.IdTooSmall"/> unless the ID exceeds the last ID.
    /// </summary>
    public StreamAddStatus Add(StreamId id, bool seqGiven, ReadOnlySpan<ReadOnlyMemory<byte>> fieldsAndValues, CollectionLimits limits, out StreamId added)
    {
        if (!seqGiven && LastId.Ms == id.Ms)
        {
            if (LastId.Seq == ulong.MaxValue)
            {
                added = default;
                return StreamAddStatus.IdTooSmall;
            }

            id = new StreamId(id.Ms, LastId.Seq + 1);
        }

        return Append(id, fieldsAndValues, limits, out added);
    }

    /// <summary>XDEL of one ID: marks the entry deleted (dropping its node when it was the node's last live entry).</summary>
    public bool Delete(StreamId id)
    {
        if (!TryLocate(id, out var index, out var offset)) return false;
        var node = NodeAt(index);
        if (node.Live == 1) RemoveNodeAt(index);
        else node.MarkDeleted(offset);
        Length--;
        if (id > MaxDeletedId) MaxDeletedId = id;
        if (Length == 0) FirstId = StreamId.Min;
        else if (id == FirstId) FirstId = FirstLiveId();
        return true;
    }

    /// <summary>The live entry with this ID.</summary>
    public bool TryGetEntry(StreamId id, out StreamEntry entry)
    {
        entry = default;
        if (!TryLocate(id, out var index, out var offset)) return false;
        entry = NodeAt(index).ReadEntry(offset, out _);
        return true;
    }

    /// <summary>Whether a live entry has this ID.</summary>
    public bool Contains(StreamId id) => TryLocate(id, out _, out _);

    /// <summary>The largest live ID (streamLastValidID); false when the stream has no entries.</summary>
    public bool TryGetLastLiveId(out StreamId id)
    {
        id = default;
        for (var index = _nodeCount - 1; index >= 0; index--)
        {
            // Every XREAD asks this: a forward pass over the last node with live entries needs no offset buffer.
            var node = NodeAt(index);
            if (node.Live == 0) continue;
            for (var at = node.EntriesStart; at < node.Length;)
            {
                var entry = node.ReadEntry(at, out at);
                if (!entry.IsDeleted) id = entry.Id;
            }

            return true;
        }

        return false;
    }

    /// <summary>
    /// The first entry's ID counting deleted ones (streamGetEdgeID without skipping tombstones), the largest ID when
    /// there are no nodes: what a MINID trim is rewritten to for the journal.
    /// </summary>
    public StreamId FirstIdIncludingDeleted() => _nodeCount == 0 ? StreamId.Max : NodeAt(0).MasterId;

    private StreamId FirstLiveId()
    {
        var range = Range(StreamId.Min, StreamId.Max);
        return range.MoveNext() ? range.Current.Id : StreamId.Max;
    }

    private bool TryLocate(StreamId id, out int index, out int offset)
    {
        offset = 0;
        index = FindNode(id);
        if (index < 0) return false;
        var node = NodeAt(index);
        if (id > node.LastId) return false;
        for (var at = node.EntriesStart; at < node.Length;)
        {
            var entry = node.ReadEntry(at, out var next);
            if (entry.Id == id)
            {
                offset = at;
                return !entry.IsDeleted;
            }

            if (entry.Id > id) return false;
            at = next;
        }

        return false;
    }

    private StreamAddStatus Append(StreamId id, ReadOnlySpan<ReadOnlyMemory<byte>> fieldsAndValues, CollectionLimits limits, out StreamId added)
    {
        added = default;
        if (id <= LastId) return StreamAddStatus.IdTooSmall;
        long size = 0;
        foreach (var item in fieldsAndValues) size += item.Length;
        if (size > MaxListpackSize) return StreamAddStatus.TooLarge;

        var tail = _nodeCount == 0 ? null : NodeAt(_nodeCount - 1);
        if (tail is not null && IsFull(tail, size, limits))
        {
            tail.TrimExcess();
            tail = null;
        }

        if (tail is null) AddNode(StreamNode.Create(id, fieldsAndValues));
        else tail.Append(id, fieldsAndValues);

        Length++;
        EntriesAdded++;
        LastId = id;
        if (Length == 1) FirstId = id;
        added = id;
        return StreamAddStatus.Ok;
    }

    /// <summary>Redis's test: the tail listpack plus the new entry's bytes would reach the byte limit, or the node has its entries (deleted included).</summary>
    private static bool IsFull(StreamNode tail, long incomingBytes, CollectionLimits limits)
    {
        long maxBytes = limits.StreamNodeMaxBytes;
        if (maxBytes <= 0 || maxBytes > MaxListpackSize) maxBytes = MaxListpackSize;
        if (tail.ListpackBytes + incomingBytes >= maxBytes) return true;
        return limits.StreamNodeMaxEntries > 0 && tail.Live + tail.Deleted >= limits.StreamNodeMaxEntries;
    }
}
