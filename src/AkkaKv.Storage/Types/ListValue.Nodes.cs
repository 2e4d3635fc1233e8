using System.Diagnostics;

namespace AkkaKv.Storage;

/// <summary>
/// The nodes: none, one held directly (every compact list, so a small list costs no array), or a ring array with O(1)
/// changes at both ends. Positional access walks node counts from the nearer end.
/// </summary>
public sealed partial class ListValue
{
    private ListNode NodeAt(int index)
    {
        Debug.Assert((uint)index < (uint)_nodeCount);
        if (_nodes is ListNode single)
        {
            return single;
        }

        var ring = (ListNode?[])_nodes!;
        return ring[(_first + index) & (ring.Length - 1)]!;
    }

    private ListNode? NodeAtOrNull(int index) => index >= 0 && index < _nodeCount ? NodeAt(index) : null;

    /// <summary>The node holding element <paramref name="index"/> (0..Count-1) and the element's position in it.</summary>
    private ListNode Locate(long index, out int position) => NodeAt(LocateNode(index, out position));

    private int LocateNode(long index, out int position)
    {
        Debug.Assert(index >= 0 && index < _count);
        if (index < _count / 2)
        {
            for (var i = 0; ; i++)
            {
                var count = NodeAt(i).Count;
                if (index < count)
                {
                    position = (int)index;
                    return i;
                }

                index -= count;
            }
        }

        var fromEnd = _count - index;
        for (var i = _nodeCount - 1; ; i--)
        {
            var count = NodeAt(i).Count;
            if (fromEnd <= count)
            {
                position = (int)(count - fromEnd);
                return i;
            }

            fromEnd -= count;
        }
    }

    private void InsertNodeAt(int index, ListNode node)
    {
        if (_nodeCount == 0)
        {
            _nodes = node;
            _nodeCount = 1;
            return;
        }

        if (_nodes is ListNode single)
        {
            _nodes = new ListNode?[] { single, null };
            _first = 0;
        }

        var ring = (ListNode?[])_nodes!;
        if (_nodeCount == ring.Length)
        {
            ring = Resize(ring.Length * 2);
        }

        var mask = ring.Length - 1;
        if (index == 0)
        {
            _first = (_first - 1) & mask;
        }
        else
        {
            // Shift the nodes after the insertion point one place on (none when appending).
            for (var i = _nodeCount; i > index; i--)
            {
                ring[(_first + i) & mask] = ring[(_first + i - 1) & mask];
            }
        }

        ring[(_first + index) & mask] = node;
        _nodeCount++;
    }

    private void RemoveNodeAt(int index)
    {
        if (_nodes is ListNode)
        {
            _nodes = null;
            _nodeCount = 0;
            return;
        }

        var ring = (ListNode?[])_nodes!;
        var mask = ring.Length - 1;
        if (index == 0)
        {
            ring[_first] = null;
            _first = (_first + 1) & mask;
        }
        else
        {
            for (var i = index; i < _nodeCount - 1; i++)
            {
                ring[(_first + i) & mask] = ring[(_first + i + 1) & mask];
            }

            ring[(_first + _nodeCount - 1) & mask] = null;
        }

        _nodeCount--;
        if (_nodeCount == 1)
        {
            _nodes = ring[_first];
        }
        else if (ring.Length > 4 && _nodeCount < ring.Length / 4)
        {
            Resize(ring.Length / 2);
        }
    }

    private ListNode?[] Resize(int capacity)
    {
        var ring = new ListNode?[capacity];
        for (var i = 0; i < _nodeCount; i++)
        {
            ring[i] = NodeAt(i);
        }

        _nodes = ring;
        _first = 0;
        return ring;
    }
}
