namespace AkkaKv.Server.Commands;

/// <summary>Redis's bitops.c commands: the table entries first, then the handlers.</summary>
public static class BitmapCommands
{
    private const string Group = "bitmap";

    internal static IEnumerable<CommandDefinition> Definitions => [];
}
