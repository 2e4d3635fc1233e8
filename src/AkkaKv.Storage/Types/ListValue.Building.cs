namespace AkkaKv.Storage;

/// <summary>Building a whole list at once (SORT ... STORE).</summary>
public sealed partial class ListValue
{
    /// <summary>
    /// The list of <paramref name="elements"/> in order, encoded as Redis 7.2's SORT ... STORE leaves it: pushed into a
    /// quicklist by its node rules, then made a listpack when it ended up as one node within list-max-listpack-size
    /// (listTypeTryConversion after the pushes). The elements are copied.
    /// </summary>
    public static ListValue FromElements(IEnumerable<byte[]> elements, CollectionLimits limits)
    {
        ArgumentNullException.ThrowIfNull(elements);
        ArgumentNullException.ThrowIfNull(limits);
        var list = new ListValue { _quicklist = true, _fill = limits.ListMaxListpackSize };
        foreach (var element in elements)
        {
            list.PushTail(element);
        }

        if (list._nodeCount == 0)
        {
            list._quicklist = false;
            return list;
        }

        NodeLimits(limits.ListMaxListpackSize, out var sizeLimit, out var countLimit);
        if (list._nodeCount == 1 && list.NodeAt(0).ListpackBytes <= sizeLimit && list._count <= countLimit)
        {
            list._quicklist = false;
        }

        return list;
    }
}
