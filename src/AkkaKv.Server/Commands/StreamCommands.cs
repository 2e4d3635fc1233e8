namespace AkkaKv.Server.Commands;

/// <summary>Redis's t_stream.c commands: the table entries first, then the handlers.</summary>
public static class StreamCommands
{
    private const string Group = "stream";

    internal static IEnumerable<CommandDefinition> Definitions => [];
}
