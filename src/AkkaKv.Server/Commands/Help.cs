using AkkaKv.Protocol;

namespace AkkaKv.Server.Commands;

/// <summary>The reply of a container's HELP subcommand, in Redis's shape.</summary>
internal static class Help
{
    public static void Write(RespWriter reply, string container, IReadOnlyList<string> lines)
    {
        reply.WriteArrayHeader(lines.Count + 3);
        reply.WriteSimpleString($"{container} <subcommand> [<arg> [value] [opt] ...]. Subcommands are:");
        foreach (var line in lines) reply.WriteSimpleString(line);
        reply.WriteSimpleString("HELP");
        reply.WriteSimpleString("    Print this help.");
    }
}
