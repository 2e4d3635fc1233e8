namespace AkkaKv.Hocon.Model;

/// <summary>A string, number, boolean or null; numbers keep the text they were written with.</summary>
internal sealed class ScalarNode(ScalarKind kind, string text, string? origin) : Node
{
    public static readonly ScalarNode EmptyString = new(ScalarKind.String, "", null);

    public ScalarKind Kind { get; } = kind;

    public string Text { get; } = text;

    /// <summary>"file:line" where the value was written, for error messages; null when synthesized.</summary>
    public string? Origin { get; } = origin;

    public override bool IsUnresolved => false;

    public static ScalarNode String(string text, string? origin = null) => new(ScalarKind.String, text, origin);
}
