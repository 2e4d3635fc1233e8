using AkkaKv.Hocon.Paths;

namespace AkkaKv.Hocon.Resolution;

/// <summary>
/// Thrown inside the resolver when a path is needed while it is still being resolved. The substitution that
/// asked for it turns this into "undefined" (optional) or a <see cref="ConfigException"/> (required).
/// </summary>
internal sealed class SubstitutionCycleException(HoconPath path) : Exception($"Cycle through '{path.Render()}'")
{
    public HoconPath Path { get; } = path;
}
