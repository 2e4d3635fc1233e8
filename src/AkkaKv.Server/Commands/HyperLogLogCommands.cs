namespace AkkaKv.Server.Commands;

/// <summary>Redis's hyperloglog.c commands: the table entries first, then the handlers.</summary>
public static class HyperLogLogCommands
{
    private const string Group = "hyperloglog";

    internal static IEnumerable<CommandDefinition> Definitions => [];
}
