namespace AkkaKv.Server.Commands;

/// <summary>Redis's t_zset.c commands: the table entries first, then the handlers.</summary>
public static class SortedSetCommands
{
    private const string Group = "sorted-set";

    internal static IEnumerable<CommandDefinition> Definitions => [];
}
