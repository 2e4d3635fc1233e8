namespace AkkaKv.Server.Commands;

/// <summary>Redis's t_list.c commands: the table entries first, then the handlers.</summary>
public static class ListCommands
{
    private const string Group = "list";

    internal static IEnumerable<CommandDefinition> Definitions => [];
}
