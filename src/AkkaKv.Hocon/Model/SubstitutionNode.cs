using AkkaKv.Hocon.Paths;

namespace AkkaKv.Hocon.Model;

/// <summary>
/// <c>${path}</c> or <c>${?path}</c>. Inside an included file the path is tried first relative to the
/// include point (<see cref="Path"/>) and then as written (<see cref="WrittenPath"/>), as the spec asks.
/// </summary>
internal sealed class SubstitutionNode(HoconPath path, HoconPath writtenPath, bool optional, string origin) : Node
{
    public HoconPath Path { get; } = path;

    public HoconPath WrittenPath { get; } = writtenPath;

    public bool Optional { get; } = optional;

    public string Origin { get; } = origin;

    public override bool IsUnresolved => true;

    public string Display => (Optional ? "${?" : "${") + WrittenPath.Render() + "}";
}
