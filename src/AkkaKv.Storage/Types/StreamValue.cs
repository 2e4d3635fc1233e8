namespace AkkaKv.Storage;

/// <summary>
/// A stream (Redis's t_stream.c): entries ordered by ID in compact nodes (<see cref="StreamNode"/>), the stream's
/// counters as XINFO STREAM reports them, and its consumer groups. Protocol-free. Unlike the other collections an
/// empty stream is a value of its own: Redis keeps the key (and its last ID and groups) when the last entry goes.
/// </summary>
public sealed partial class StreamValue : ICollectionValue
{
    // Redis's STREAM_LISTPACK_MAX_SIZE: no node (and no single entry) grows past 1 GB.
    private const long MaxListpackSize = 1L << 30;

    // The nodes in ID order occupy _nodes[_head .. _head + _nodeCount): trimming drops nodes at the head in O(1).
    private StreamNode[] _nodes = [];
    private int _head;
    private int _nodeCount;

    public DataType Type => DataType.Stream;

    public ReadOnlySpan<byte> Encoding => "stream"u8;

    /// <summary>Entries not deleted (XLEN).</summary>
    public long Count => Length;

    /// <summary>Entries not deleted (XLEN).</summary>
    public long Length { get; private set; }

    /// <summary>The largest ID ever added or set (last-generated-id): new IDs must exceed it.</summary>
    public StreamId LastId { get; private set; }

    /// <summary>The first live entry's ID as Redis records it (recorded-first-entry-id); 0-0 when empty.</summary>
    public StreamId FirstId { get; private set; }

    /// <summary>The largest ID XDEL removed (max-deleted-entry-id).</summary>
    public StreamId MaxDeletedId { get; private set; }

    /// <summary>Entries ever added (entries-added).</summary>
    public long EntriesAdded { get; private set; }

    /// <summary>XADD can never succeed again: the last ID is the largest possible.</summary>
    public bool IsExhausted => LastId == StreamId.Max;

    /// <summary>Nodes holding the entries (XINFO's radix-tree-keys).</summary>
    public int NodeCount => _nodeCount;

    internal StreamNode NodeAt(int index) => _nodes[_head + index];

    /// <summary>Entries from <paramref name="start"/> to <paramref name="end"/> inclusive, descending when <paramref name="reverse"/>.</summary>
    public StreamRangeEnumerator Range(StreamId start, StreamId end, bool reverse = false) => new(this, start, end, reverse);

    /// <summary>
    /// XSETID: sets the last ID and, when given (not negative / not 0-0), the entries-added counter and the largest
    /// deleted ID. The caller checks Redis's preconditions.
    /// </summary>
    public void SetLastId(StreamId lastId, long entriesAdded, StreamId maxDeletedId)
    {
        LastId = lastId;
        if (entriesAdded >= 0) EntriesAdded = entriesAdded;
        if (!maxDeletedId.IsZero) MaxDeletedId = maxDeletedId;
    }

    public ICollectionValue Clone()
    {
        var copy = new StreamValue
        {
            Length = Length, LastId = LastId, FirstId = FirstId, MaxDeletedId = MaxDeletedId, EntriesAdded = EntriesAdded,
            _nodes = new StreamNode[_nodeCount], _nodeCount = _nodeCount,
        };
        for (var i = 0; i < _nodeCount; i++) copy._nodes[i] = NodeAt(i).Clone();
        if (_groups is not null)
        {
            copy._groups = new List<StreamConsumerGroup>(_groups.Count);
            foreach (var group in _groups) copy._groups.Add(group.Clone());
        }

        return copy;
    }

    /// <summary>Redis mixes each entry's "ms.seq", then each field and value, in order; consumer groups are not part of it.</summary>
    public void MixDigest(Span<byte> digest)
    {
        Span<byte> id = stackalloc byte[StreamId.MaxTextLength];
        foreach (var entry in Range(StreamId.Min, StreamId.Max))
        {
            KeyDigest.Mix(digest, id[..entry.Id.FormatForDigest(id)]);
            var fields = entry.GetFields();
            while (fields.MoveNext())
            {
                KeyDigest.Mix(digest, fields.Field);
                KeyDigest.Mix(digest, fields.Value);
            }
        }
    }

    /// <summary>The index of the last node whose master ID is at most <paramref name="id"/>, -1 when none is.</summary>
    internal int FindNode(StreamId id)
    {
        int low = 0, high = _nodeCount - 1, found = -1;
        while (low <= high)
        {
            var middle = (low + high) >>> 1;
            if (NodeAt(middle).MasterId <= id)
            {
                found = middle;
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return found;
    }

    private void AddNode(StreamNode node)
    {
        if (_head + _nodeCount == _nodes.Length)
        {
            var target = _nodeCount < _nodes.Length / 2 ? _nodes : new StreamNode[Math.Max(4, _nodes.Length * 2)];
            Array.Copy(_nodes, _head, target, 0, _nodeCount);
            if (ReferenceEquals(target, _nodes)) Array.Clear(_nodes, _nodeCount, _nodes.Length - _nodeCount);
            _nodes = target;
            _head = 0;
        }

        _nodes[_head + _nodeCount++] = node;
    }

    private void RemoveNodeAt(int index)
    {
        if (index == 0)
        {
            _nodes[_head++] = null!;
        }
        else
        {
            Array.Copy(_nodes, _head + index + 1, _nodes, _head + index, _nodeCount - index - 1);
            _nodes[_head + _nodeCount - 1] = null!;
        }

        _nodeCount--;
        if (_nodeCount == 0)
        {
            _head = 0;
        }
        else if (_nodes.Length > 64 && _nodeCount < _nodes.Length / 4)
        {
            // A stream trimmed far down gives its node array back.
            var smaller = new StreamNode[_nodeCount * 2];
            Array.Copy(_nodes, _head, smaller, 0, _nodeCount);
            _nodes = smaller;
            _head = 0;
        }
    }
}
