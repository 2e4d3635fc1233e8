namespace AkkaKv.Hocon.Model;

/// <summary>Whitespace between two parts of a concatenation: kept between strings, ignored between objects or arrays.</summary>
internal sealed class SpacingNode(string text) : Node
{
    public string Text { get; } = text;

    public override bool IsUnresolved => false;
}
