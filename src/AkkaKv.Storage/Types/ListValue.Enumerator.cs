namespace AkkaKv.Storage;

/// <summary>Walking the elements in order or in reverse from any index, so replies stream from the nodes without copies.</summary>
public sealed partial class ListValue
{
    /// <summary>Every element from the head. Do not change the list while enumerating.</summary>
    public Enumerator GetEnumerator() => Enumerate(0, reverse: false);

    /// <summary>
    /// The elements from <paramref name="index"/> (0..Count-1) toward the tail, or toward the head when
    /// <paramref name="reverse"/>; nothing when the index is out of range. Do not change the list while enumerating.
    /// </summary>
    public Enumerator Enumerate(long index, bool reverse)
    {
        if (index < 0 || index >= _count)
        {
            return new Enumerator(this, _nodeCount, 0, reverse);
        }

        var nodeIndex = LocateNode(index, out var position);
        var node = NodeAt(nodeIndex);
        var offset = node.OffsetOf(position);
        return new Enumerator(this, nodeIndex, reverse ? node.Next(offset) : offset, reverse);
    }

    /// <summary>
    /// A cursor over the elements; <see cref="Current"/> views the node's bytes and is valid until the list changes.
    /// Going forward the offset is where the next entry starts, in reverse where it ends.
    /// </summary>
    public struct Enumerator
    {
        private readonly ListValue _list;
        private readonly bool _reverse;
        private int _nodeIndex;
        private int _offset;
        private int _contentStart;
        private int _contentLength;
        private ListNode? _current;

        internal Enumerator(ListValue list, int nodeIndex, int offset, bool reverse)
        {
            _list = list;
            _nodeIndex = nodeIndex;
            _offset = offset;
            _reverse = reverse;
        }

        public readonly ReadOnlySpan<byte> Current => _current!.Content(_contentStart, _contentLength);

        public bool MoveNext()
        {
            if (_nodeIndex < 0 || _nodeIndex >= _list._nodeCount)
            {
                return false;
            }

            var node = _list.NodeAt(_nodeIndex);
            if (_reverse)
            {
                if (_offset == node.Start)
                {
                    if (--_nodeIndex < 0)
                    {
                        return false;
                    }

                    node = _list.NodeAt(_nodeIndex);
                    _offset = node.End;
                }

                _contentLength = node.LocateBackward(_offset, out _contentStart, out _offset);
                _current = node;
                return true;
            }

            if (_offset == node.End)
            {
                if (++_nodeIndex >= _list._nodeCount)
                {
                    return false;
                }

                node = _list.NodeAt(_nodeIndex);
                _offset = node.Start;
            }

            _contentLength = node.Locate(_offset, out _contentStart, out _offset);
            _current = node;
            return true;
        }
    }
}
