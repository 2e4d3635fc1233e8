namespace AkkaKv.Server.Commands;

/// <summary>Redis's t_hash.c commands: the table entries first, then the handlers.</summary>
public static class HashCommands
{
    private const string Group = "hash";

    internal static IEnumerable<CommandDefinition> Definitions => [];
}
