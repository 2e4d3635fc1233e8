namespace AkkaKv.Hocon.Model;

/// <summary>Values written side by side on one line, at least one of them a substitution.</summary>
internal sealed class ConcatenationNode(IReadOnlyList<Node> parts, string origin) : Node
{
    public IReadOnlyList<Node> Parts { get; } = parts;

    public string Origin { get; } = origin;

    public override bool IsUnresolved => true;
}
