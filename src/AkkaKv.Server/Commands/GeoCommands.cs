namespace AkkaKv.Server.Commands;

/// <summary>Redis's geo.c commands: the table entries first, then the handlers.</summary>
public static class GeoCommands
{
    private const string Group = "geo";

    internal static IEnumerable<CommandDefinition> Definitions => [];
}
