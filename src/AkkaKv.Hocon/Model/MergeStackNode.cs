namespace AkkaKv.Hocon.Model;

/// <summary>
/// Several definitions of one field that cannot be merged until substitutions are resolved. The first
/// layer wins; a self-reference in a layer sees the layers below it.
/// </summary>
internal sealed class MergeStackNode(IReadOnlyList<Node> layers) : Node
{
    public IReadOnlyList<Node> Layers { get; } = layers;

    public override bool IsUnresolved => true;
}
