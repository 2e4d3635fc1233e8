namespace AkkaKv.Storage;

/// <summary>
/// XINFO's radix-tree-nodes: how many nodes Redis's rax needs for the nodes' keys (each master ID as 16 big-endian
/// bytes). A rax keeps its tree compressed whatever the order of insertions and removals, so the count follows from
/// the sorted keys: a node at the root, at each branching position and under each branch, plus a leaf per key
/// (a run of bytes without branching is one compressed node).
/// </summary>
public sealed partial class StreamValue
{
    private const int RadixKeyBytes = 16;

    /// <summary>The node count of Redis's radix tree indexing this stream's nodes.</summary>
    public long RadixTreeNodes => _nodeCount == 0 ? 1 : NodesFrom(0, _nodeCount, 0);

    /// <summary>Nodes under a position that starts a node, shared by keys [low, high) up to <paramref name="depth"/> bytes.</summary>
    private long NodesFrom(int low, int high, int depth)
    {
        if (high - low == 1) return depth == RadixKeyBytes ? 1 : 2;
        var common = CommonPrefix(NodeAt(low).MasterId, NodeAt(high - 1).MasterId);
        return common > depth ? 1 + BranchNodes(low, high, common) : BranchNodes(low, high, depth);
    }

    /// <summary>The branching node where keys [low, high) part at <paramref name="depth"/>, and one subtree per distinct byte there.</summary>
    private long BranchNodes(int low, int high, int depth)
    {
        long nodes = 1;
        while (low < high)
        {
            var value = ByteAt(NodeAt(low).MasterId, depth);
            var end = low + 1;
            while (end < high && ByteAt(NodeAt(end).MasterId, depth) == value) end++;
            nodes += NodesFrom(low, end, depth + 1);
            low = end;
        }

        return nodes;
    }

    private static int CommonPrefix(StreamId a, StreamId b)
    {
        var common = 0;
        while (common < RadixKeyBytes && ByteAt(a, common) == ByteAt(b, common)) common++;
        return common;
    }

    private static byte ByteAt(StreamId id, int index) =>
        index < 8 ? (byte)(id.Ms >> (56 - 8 * index)) : (byte)(id.Seq >> (56 - 8 * (index - 8)));
}
