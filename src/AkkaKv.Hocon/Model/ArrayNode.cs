namespace AkkaKv.Hocon.Model;

internal sealed class ArrayNode(IReadOnlyList<Node> elements) : Node
{
    public static readonly ArrayNode Empty = new([]);

    public IReadOnlyList<Node> Elements { get; } = elements;

    // Elements may hold substitutions; the resolver resolves them when the array is read in full.
    public override bool IsUnresolved => false;
}
