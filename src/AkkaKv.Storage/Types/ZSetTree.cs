using System.Diagnostics;

namespace AkkaKv.Storage;

/// <summary>
/// The order of a big sorted set: a B+tree of (score, member) whose branches count the elements under each child,
/// so inserting, removing, finding a rank and the element at a rank all take O(log n). It does what Redis's skip
/// list with spans does, in arrays of 16-byte elements rather than a node per element.
/// </summary>
/// <remarks>
/// Leaves are linked both ways for in-order walks. A full node splits in half, except at the far right (or left) end
/// where appending (prepending) elements in order keeps the full node whole, so a set built in order has full leaves.
/// A node falling under a quarter full merges with a neighbour when the two fit in one node.
/// </remarks>
internal sealed partial class ZSetTree
{
    public const int NodeCapacity = 64;

    private ZSetNode _root = new ZSetLeaf(NodeCapacity);

    public int Count { get; private set; }

    public ZSetLeaf FirstLeaf
    {
        get
        {
            var node = _root;
            while (node is ZSetBranch branch) node = branch.Children[0];
            return (ZSetLeaf)node;
        }
    }

    public ZSetLeaf LastLeaf
    {
        get
        {
            var node = _root;
            while (node is ZSetBranch branch) node = branch.Children[branch.Length - 1];
            return (ZSetLeaf)node;
        }
    }

    /// <summary>Adds an element whose member is not in the tree.</summary>
    public void Insert(in ZSetMember item)
    {
        var right = Insert(_root, item, leftmost: true, rightmost: true, out var separator);
        if (right is not null)
        {
            var root = new ZSetBranch(NodeCapacity);
            root.InsertAt(0, _root, _root.Total, default);
            root.InsertAt(1, right, right.Total, separator);
            _root = root;
        }

        Count++;
    }

    /// <summary>Removes the element, which must be in the tree.</summary>
    public void Remove(double score, ReadOnlySpan<byte> member)
    {
        Remove(_root, score, member);
        Count--;
        while (_root is ZSetBranch { Length: 1 } branch) _root = branch.Children[0];
    }

    /// <summary>The 0-based rank of an element that is in the tree.</summary>
    public int RankOf(double score, ReadOnlySpan<byte> member)
    {
        var rank = 0;
        var node = _root;
        while (node is ZSetBranch branch)
        {
            var child = branch.ChildFor(score, member);
            for (var i = 0; i < child; i++) rank += branch.Counts[i];
            node = branch.Children[child];
        }

        return rank + ((ZSetLeaf)node).LowerBound(score, member);
    }

    /// <summary>How many elements come before the bound.</summary>
    public int CountBefore<TBound>(in TBound bound)
        where TBound : struct, IZSetBound, allows ref struct
    {
        var rank = 0;
        var node = _root;
        while (node is ZSetBranch branch)
        {
            // The last child whose separator is before the bound holds the cut (or the cut is right after it).
            int low = 1, high = branch.Length;
            while (low < high)
            {
                var middle = (low + high) >>> 1;
                ref readonly var separator = ref branch.Separators[middle];
                if (bound.IsBefore(separator.Score, separator.Member)) low = middle + 1;
                else high = middle;
            }

            var child = low - 1;
            for (var i = 0; i < child; i++) rank += branch.Counts[i];
            node = branch.Children[child];
        }

        var leaf = (ZSetLeaf)node;
        int first = 0, last = leaf.Length;
        while (first < last)
        {
            var middle = (first + last) >>> 1;
            ref readonly var item = ref leaf.Items[middle];
            if (bound.IsBefore(item.Score, item.Member)) first = middle + 1;
            else last = middle;
        }

        return rank + first;
    }

    /// <summary>The leaf and index of the element at a rank (0 &lt;= rank &lt; Count).</summary>
    public ZSetLeaf Locate(int rank, out int index)
    {
        Debug.Assert((uint)rank < (uint)Count);
        var node = _root;
        while (node is ZSetBranch branch)
        {
            var child = 0;
            while (rank >= branch.Counts[child])
            {
                rank -= branch.Counts[child];
                child++;
            }

            node = branch.Children[child];
        }

        index = rank;
        return (ZSetLeaf)node;
    }

    private static ZSetNode? Insert(ZSetNode node, in ZSetMember item, bool leftmost, bool rightmost, out ZSetMember separator)
    {
        separator = default;
        if (node is ZSetLeaf leaf)
        {
            var index = leaf.LowerBound(item.Score, item.Member);
            if (leaf.Length < NodeCapacity)
            {
                leaf.InsertAt(index, item);
                return null;
            }

            var right = new ZSetLeaf(NodeCapacity);
            if (rightmost && index == leaf.Length)
            {
                right.InsertAt(0, item);
            }
            else if (leftmost && index == 0)
            {
                leaf.MoveTail(0, right);
                leaf.InsertAt(0, item);
            }
            else
            {
                const int Half = NodeCapacity / 2;
                leaf.MoveTail(Half, right);
                if (index <= Half) leaf.InsertAt(index, item);
                else right.InsertAt(index - Half, item);
            }

            right.Previous = leaf;
            right.Next = leaf.Next;
            if (leaf.Next is not null) leaf.Next.Previous = right;
            leaf.Next = right;
            separator = right.Items[0];
            return right;
        }

        var branch = (ZSetBranch)node;
        var child = branch.ChildFor(item.Score, item.Member);
        var grown = Insert(branch.Children[child], item, leftmost && child == 0, rightmost && child == branch.Length - 1, out var childSeparator);
        if (grown is null)
        {
            branch.Counts[child]++;
            return null;
        }

        var grownCount = grown.Total;
        branch.Counts[child] += 1 - grownCount;
        var position = child + 1;
        if (branch.Length < NodeCapacity)
        {
            branch.InsertAt(position, grown, grownCount, childSeparator);
            return null;
        }

        var rightBranch = new ZSetBranch(NodeCapacity);
        if (rightmost && position == branch.Length)
        {
            rightBranch.InsertAt(0, grown, grownCount, childSeparator);
        }
        else
        {
            const int Half = NodeCapacity / 2;
            branch.MoveTail(Half, rightBranch);
            if (position <= Half) branch.InsertAt(position, grown, grownCount, childSeparator);
            else rightBranch.InsertAt(position - Half, grown, grownCount, childSeparator);
        }

        separator = rightBranch.Separators[0];
        return rightBranch;
    }

    private static void Remove(ZSetNode node, double score, ReadOnlySpan<byte> member)
    {
        if (node is ZSetLeaf leaf)
        {
            var index = leaf.LowerBound(score, member);
            Debug.Assert(index < leaf.Length && leaf.Items[index].Member.AsSpan().SequenceEqual(member));
            leaf.RemoveAt(index);
            return;
        }

        var branch = (ZSetBranch)node;
        var child = branch.ChildFor(score, member);
        branch.Counts[child]--;
        Remove(branch.Children[child], score, member);
        Rebalance(branch, child);
    }

    /// <summary>Drops a child left empty, or merges one under a quarter full with a neighbour it fits with.</summary>
    private static void Rebalance(ZSetBranch branch, int child)
    {
        var node = branch.Children[child];
        if (node.Length == 0)
        {
            if (node is ZSetLeaf leaf) Unlink(leaf);
            branch.RemoveAt(child);
            return;
        }

        if (node.Length >= NodeCapacity / 4) return;
        if (child + 1 < branch.Length && node.Length + branch.Children[child + 1].Length <= NodeCapacity)
        {
            Merge(branch, child);
        }
        else if (child > 0 && branch.Children[child - 1].Length + node.Length <= NodeCapacity)
        {
            Merge(branch, child - 1);
        }
    }

    /// <summary>Moves child left + 1 into child left.</summary>
    private static void Merge(ZSetBranch branch, int left)
    {
        var next = branch.Children[left + 1];
        if (branch.Children[left] is ZSetLeaf leaf) leaf.Absorb((ZSetLeaf)next);
        else ((ZSetBranch)branch.Children[left]).Absorb((ZSetBranch)next, branch.Separators[left + 1]);
        branch.Counts[left] += branch.Counts[left + 1];
        branch.RemoveAt(left + 1);
    }

    private static void Unlink(ZSetLeaf leaf)
    {
        if (leaf.Previous is not null) leaf.Previous.Next = leaf.Next;
        if (leaf.Next is not null) leaf.Next.Previous = leaf.Previous;
    }
}
