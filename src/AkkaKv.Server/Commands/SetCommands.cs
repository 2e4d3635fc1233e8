namespace AkkaKv.Server.Commands;

/// <summary>Redis's t_set.c commands: the table entries first, then the handlers.</summary>
public static class SetCommands
{
    private const string Group = "set";

    internal static IEnumerable<CommandDefinition> Definitions => [];
}
