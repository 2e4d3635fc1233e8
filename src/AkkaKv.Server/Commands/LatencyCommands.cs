using System.Text;
using AkkaKv.Protocol;
using AkkaKv.Server.Sessions;
using AkkaKv.Server.Stats;

namespace AkkaKv.Server.Commands;

/// <summary>
/// Redis's latency.c: the LATENCY container over the node's <see cref="LatencyMonitor"/> (events above
/// latency-monitor-threshold) and the per-command <see cref="LatencyHistogram"/>s (HISTOGRAM).
/// </summary>
public static class LatencyCommands
{
    private const string Group = "server";
    private const CommandFlags AdminFlags = CommandFlags.Admin | CommandFlags.NoScript | CommandFlags.Loading | CommandFlags.Stale;

    internal static IEnumerable<CommandDefinition> Definitions =>
    [
        Define.Container("latency", Group, "A container for latency diagnostics commands.", "2.8.13",
            Define.Session("doctor", 2, AdminFlags, Group, "Returns a human-readable latency analysis report.", Doctor, "2.8.13"),
            Define.Session("graph", 3, AdminFlags, Group, "Returns a latency graph for an event.", Graph, "2.8.13"),
            Define.Session("histogram", -2, AdminFlags, Group, "Returns the cumulative distribution of latencies of a subset or all commands.",
                Histogram, "7.0.0", "O(N) where N is the number of commands with latency information being retrieved."),
            Define.Session("history", 3, AdminFlags, Group, "Returns timestamp-latency samples for an event.", History, "2.8.13"),
            Define.Session("latest", 2, AdminFlags, Group, "Returns the latest latency samples for all events.", Latest, "2.8.13"),
            Define.Session("reset", -2, AdminFlags, Group, "Resets the latency data for one or more events.", Reset, "2.8.13"),
            Define.Session("help", 2, CommandFlags.Loading | CommandFlags.Stale, Group, "Returns helpful text about the different subcommands.",
                (s, a, r) => Help.Write(r, "LATENCY", HelpLines), "2.8.13")),
    ];

    private static readonly string[] HelpLines =
    [
        "DOCTOR",
        "    Return a human readable latency analysis report.",
        "GRAPH <event>",
        "    Return an ASCII latency graph for the <event> class.",
        "HISTORY <event>",
        "    Return time-latency samples for the <event> class.",
        "LATEST",
        "    Return the latest latency samples for all events.",
        "RESET [<event> ...]",
        "    Reset latency data of one or more <event> classes.",
        "    (default: reset all data for all event classes)",
        "HISTOGRAM [COMMAND ...]",
        "    Return a cumulative distribution of latencies in the format of a histogram for the specified command names.",
        "    If no commands are specified then all histograms are replied.",
    ];

    private static long NowSeconds => DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    private static void Doctor(ClientSession session, RequestArgs args, RespWriter reply)
    {
        var report = LatencyDoctor.Report(session.Node.Latency.Snapshot(), session.Node.Settings, NowSeconds);
        reply.WriteVerbatim("txt"u8, Encoding.UTF8.GetBytes(report));
    }

    private static void Graph(ClientSession session, RequestArgs args, RespWriter reply)
    {
        var name = args.ToString(2);
        if (session.Node.Latency.Find(name) is not { } history)
        {
            session.ReplyError(reply, $"ERR No samples available for event '{name}'");
            return;
        }
        reply.WriteVerbatim("txt"u8, Encoding.UTF8.GetBytes(LatencyGraph.Render(history, NowSeconds)));
    }

    /// <summary>LATENCY HISTORY event: [unix time, ms] per sample, oldest first; an empty array for an unknown event.</summary>
    private static void History(ClientSession session, RequestArgs args, RespWriter reply)
    {
        var samples = session.Node.Latency.Find(args.ToString(2))?.Samples ?? [];
        reply.WriteArrayHeader(samples.Count);
        foreach (var sample in samples)
        {
            reply.WriteArrayHeader(2);
            reply.WriteInteger(sample.UnixTimeSeconds);
            reply.WriteInteger(sample.Milliseconds);
        }
    }

    /// <summary>LATENCY LATEST: per event [name, unix time of the latest sample, its ms, all-time worst ms].</summary>
    private static void Latest(ClientSession session, RequestArgs args, RespWriter reply)
    {
        var events = session.Node.Latency.Snapshot();
        reply.WriteArrayHeader(events.Count);
        foreach (var e in events)
        {
            reply.WriteArrayHeader(4);
            reply.WriteBulk(e.Name);
            reply.WriteInteger(e.Latest.UnixTimeSeconds);
            reply.WriteInteger(e.Latest.Milliseconds);
            reply.WriteInteger(e.MaxMilliseconds);
        }
    }

    /// <summary>LATENCY RESET [event ...]: forgets the events named (any case), or all; replies how many were forgotten.</summary>
    private static void Reset(ClientSession session, RequestArgs args, RespWriter reply)
    {
        var latency = session.Node.Latency;
        var resets = args.Count == 2 ? latency.Reset(null) : 0;
        for (var i = 2; i < args.Count; i++) resets += latency.Reset(args.ToString(i));
        reply.WriteInteger(resets);
    }

    /// <summary>
    /// LATENCY HISTOGRAM [command ...]: a map from each command with calls tracked (all of them, or those named; a
    /// container names its subcommands; unknown names are skipped) to {calls, histogram_usec: {µs: calls at or below}}.
    /// </summary>
    private static void Histogram(ClientSession session, RequestArgs args, RespWriter reply)
    {
        var table = session.Node.Commands;
        var histograms = session.Node.Stats.AllExecutors.Select(e => e.Latency).ToList();
        var commands = args.Count == 2 ? table.All : Named(table, args);
        var tracked = commands
            .Select(c => (c.FullName, Counts: LatencyHistogram.Merge(histograms, c.Id)))
            .Where(c => c.Counts is not null)
            .ToList();
        reply.WriteMapHeader(tracked.Count);
        foreach (var (name, counts) in tracked)
        {
            var levels = LatencyHistogram.CumulativeLevels(counts!).ToList();
            reply.WriteBulk(name);
            reply.WriteMapHeader(2);
            reply.WriteBulk("calls");
            reply.WriteInteger(levels[^1].Calls);
            reply.WriteBulk("histogram_usec");
            reply.WriteMapHeader(levels.Count);
            foreach (var (micros, calls) in levels)
            {
                reply.WriteInteger(micros);
                reply.WriteInteger(calls);
            }
        }
    }

    /// <summary>The commands named, as Redis looks them up: "name" or "container|sub"; a container brings its subcommands.</summary>
    private static IEnumerable<CommandDefinition> Named(CommandTable table, RequestArgs args)
    {
        for (var i = 2; i < args.Count; i++)
        {
            var parts = args.ToString(i).Split('|');
            var command = parts.Length > 2 ? null : table.Find(parts[0]);
            if (command is not null && parts.Length == 2) command = command.HasSubcommands ? table.FindSubcommand(command, Encoding.UTF8.GetBytes(parts[1])) : null;
            if (command is null) continue;
            yield return command;
            foreach (var sub in command.Subcommands) yield return sub;
        }
    }
}
