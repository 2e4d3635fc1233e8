namespace AkkaKv.Hocon.Model;

/// <summary>HOCON's one merge rule, used for duplicate keys, includes, WithFallback and concatenated objects.</summary>
internal static class NodeMerger
{
    /// <summary>Merges without touching either input: <paramref name="top"/> wins.</summary>
    public static Node Merge(Node top, Node below)
    {
        switch (top)
        {
            case ScalarNode or ArrayNode:
                return top;
            case ObjectNode topObject:
                if (topObject.IgnoresFallbacks)
                {
                    return topObject;
                }

                return below switch
                {
                    ObjectNode belowObject => MergeObjects(topObject, belowObject),
                    ScalarNode or ArrayNode => topObject.CopyIgnoringFallbacks(),
                    _ => Stack(topObject, below),
                };
            case MergeStackNode stack when HidesEverythingBelow(stack.Layers[^1]):
                return stack;
            default:
                return Stack(top, below);
        }
    }

    /// <summary>
    /// Parser-only: merges <paramref name="top"/> into the freshly parsed <paramref name="target"/> in place,
    /// so many dotted keys under one object stay linear rather than copying the object each time.
    /// </summary>
    public static void MergeInto(ObjectNode target, ObjectNode top)
    {
        foreach (var (key, value) in top.Fields)
        {
            SetField(target, key, value);
        }
    }

    /// <summary>Parser-only: defines <paramref name="key"/> in <paramref name="target"/>, merging with an earlier definition.</summary>
    public static void SetField(ObjectNode target, string key, Node value)
    {
        var existing = target.Get(key);
        if (existing is null)
        {
            target.Set(key, value);
        }
        else if (existing is ObjectNode existingObject && value is ObjectNode valueObject && !valueObject.IgnoresFallbacks)
        {
            MergeInto(existingObject, valueObject);
        }
        else
        {
            target.Set(key, Merge(value, existing));
        }
    }

    private static ObjectNode MergeObjects(ObjectNode top, ObjectNode below)
    {
        // Earlier (lower) definitions keep their position; keys new in the top layer follow.
        var merged = new ObjectNode();
        foreach (var (key, value) in below.Fields)
        {
            var overriding = top.Get(key);
            merged.Set(key, overriding is null ? value : Merge(overriding, value));
        }

        foreach (var (key, value) in top.Fields)
        {
            if (below.Get(key) is null)
            {
                merged.Set(key, value);
            }
        }

        if (below.IgnoresFallbacks)
        {
            merged.MarkIgnoresFallbacks();
        }

        return merged;
    }

    private static bool HidesEverythingBelow(Node layer) =>
        layer is ScalarNode or ArrayNode || layer is ObjectNode { IgnoresFallbacks: true };

    private static MergeStackNode Stack(Node top, Node below)
    {
        var layers = new List<Node>();
        AddLayers(layers, top);
        AddLayers(layers, below);
        return new MergeStackNode(layers);
    }

    private static void AddLayers(List<Node> layers, Node node)
    {
        if (node is MergeStackNode stack)
        {
            layers.AddRange(stack.Layers);
        }
        else
        {
            layers.Add(node);
        }
    }
}
