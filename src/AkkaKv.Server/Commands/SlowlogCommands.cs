using AkkaKv.Protocol;
using AkkaKv.Server.Sessions;
using static AkkaKv.Server.Commands.ArgParsing;

namespace AkkaKv.Server.Commands;

/// <summary>Redis's slowlog.c: the SLOWLOG container over the node's <see cref="Stats.SlowLog"/>.</summary>
public static class SlowlogCommands
{
    private const string Group = "server";
    private const CommandFlags AdminFlags = CommandFlags.Admin | CommandFlags.Loading | CommandFlags.Stale;

    internal static IEnumerable<CommandDefinition> Definitions =>
    [
        Define.Container("slowlog", Group, "A container for slow log commands.", "2.2.12",
            Define.Session("get", -2, AdminFlags, Group, "Returns the slow log's entries.", Get, "2.2.12", "O(N) where N is the number of entries returned"),
            Define.Session("len", 2, AdminFlags, Group, "Returns the number of entries in the slow log.", Len, "2.2.12"),
            Define.Session("reset", 2, AdminFlags, Group, "Clears all entries from the slow log.", Reset, "2.2.12",
                "O(N) where N is the number of entries in the slowlog"),
            Define.Session("help", 2, CommandFlags.Loading | CommandFlags.Stale, Group, "Returns helpful text about the different subcommands.",
                (s, a, r) => Help.Write(r, "SLOWLOG", HelpLines), "6.2.0")),
    ];

    private static readonly string[] HelpLines =
    [
        "GET [<count>]",
        "    Return top <count> entries from the slowlog (default: 10, -1 mean all).",
        "    Entries are made of:",
        "    id, timestamp, time in microseconds, arguments array, client IP and port,",
        "    client name",
        "LEN",
        "    Return the length of the slowlog.",
        "RESET",
        "    Reset the slowlog.",
    ];

    /// <summary>SLOWLOG GET [count]: the newest entries (10 by default, all for -1), each [id, time, µs, args, addr, name].</summary>
    private static void Get(ClientSession session, RequestArgs args, RespWriter reply)
    {
        if (args.Count > 3)
        {
            session.ReplyError(reply, ErrorReplies.SubcommandSyntax(args.ToString(1), "SLOWLOG"));
            return;
        }
        long count = 10;
        if (args.Count == 3 && (!TryInteger(args[2], out count) || count < -1))
        {
            session.ReplyError(reply, "ERR count should be greater than or equal to -1");
            return;
        }
        var entries = session.Node.SlowLog.Newest(count == -1 ? long.MaxValue : count);
        reply.WriteArrayHeader(entries.Count);
        foreach (var entry in entries)
        {
            reply.WriteArrayHeader(6);
            reply.WriteInteger(entry.Id);
            reply.WriteInteger(entry.UnixTimeSeconds);
            reply.WriteInteger(entry.Microseconds);
            reply.WriteArrayHeader(entry.Arguments.Length);
            foreach (var argument in entry.Arguments) reply.WriteBulk(argument);
            reply.WriteBulk(entry.ClientAddress);
            reply.WriteBulk(entry.ClientName);
        }
    }

    private static void Len(ClientSession session, RequestArgs args, RespWriter reply) => reply.WriteInteger(session.Node.SlowLog.Count);

    private static void Reset(ClientSession session, RequestArgs args, RespWriter reply)
    {
        session.Node.SlowLog.Reset();
        reply.WriteOk();
    }
}
