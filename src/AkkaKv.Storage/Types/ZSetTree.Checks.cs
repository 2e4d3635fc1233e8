namespace AkkaKv.Storage;

/// <summary>Structural self-check, for tests that drive the tree through many random changes.</summary>
internal sealed partial class ZSetTree
{
    /// <summary>Throws when a count, a separator, the order or the leaf links disagree with the elements.</summary>
    public void Validate()
    {
        var total = Validate(_root, lowerBound: null, isRoot: true);
        if (total != Count) throw new InvalidOperationException($"the tree holds {total} elements but counts {Count}");

        var seen = 0;
        ZSetLeaf? previous = null;
        ZSetMember? last = null;
        for (var leaf = FirstLeaf; leaf is not null; leaf = leaf.Next)
        {
            if (leaf.Previous != previous) throw new InvalidOperationException("a leaf's back link is wrong");
            for (var i = 0; i < leaf.Length; i++)
            {
                if (last is { } before && ZSetOrder.Compare(before, leaf.Items[i]) >= 0)
                {
                    throw new InvalidOperationException("the leaves are out of order");
                }

                last = leaf.Items[i];
                seen++;
            }

            previous = leaf;
        }

        if (seen != Count) throw new InvalidOperationException($"the leaf chain holds {seen} elements but the tree {Count}");
        if (previous != LastLeaf) throw new InvalidOperationException("the leaf chain does not end at the last leaf");
    }

    private static int Validate(ZSetNode node, ZSetMember? lowerBound, bool isRoot)
    {
        if (!isRoot && node.Length == 0) throw new InvalidOperationException("an empty node is still linked");
        if (node is ZSetLeaf leaf)
        {
            if (lowerBound is { } bound && leaf.Length > 0 && ZSetOrder.Compare(bound, leaf.Items[0]) > 0)
            {
                throw new InvalidOperationException("an element is below its separator");
            }

            return leaf.Length;
        }

        var branch = (ZSetBranch)node;
        var total = 0;
        for (var i = 0; i < branch.Length; i++)
        {
            var child = branch.Children[i];
            var separator = i == 0 ? lowerBound : branch.Separators[i];
            var count = Validate(child, separator, isRoot: false);
            if (count != branch.Counts[i]) throw new InvalidOperationException("a branch miscounts a child");
            if (i > 0 && ZSetOrder.Compare(LastOf(branch.Children[i - 1]), branch.Separators[i]) >= 0)
            {
                throw new InvalidOperationException("a separator is not above the previous child");
            }

            total += count;
        }

        return total;
    }

    private static ZSetMember LastOf(ZSetNode node)
    {
        while (node is ZSetBranch branch) node = branch.Children[branch.Length - 1];
        var leaf = (ZSetLeaf)node;
        return leaf.Items[leaf.Length - 1];
    }
}
