namespace AkkaKv.Server.Commands;

/// <summary>Redis's sort.c commands: the table entries first, then the handlers.</summary>
public static class SortCommands
{
    private const string Group = "generic";

    internal static IEnumerable<CommandDefinition> Definitions => [];
}
