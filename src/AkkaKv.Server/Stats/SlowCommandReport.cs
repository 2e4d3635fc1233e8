using AkkaKv.Protocol;
using AkkaKv.Server.Commands;
using AkkaKv.Server.Sessions;

namespace AkkaKv.Server.Stats;

/// <summary>
/// Where a command goes that ran at least <see cref="Config.ServerSettings.CommandReportMicros"/>: the slow log and the
/// latency monitor each take it if it reaches their own threshold. Executors compare the duration first, so a command
/// below both thresholds costs one comparison and nothing else.
/// </summary>
public static class SlowCommandReport
{
    /// <param name="client">The client that sent the command; null for the commands of a script, which Redis logs as "?:0".</param>
    public static void Submit(NodeState node, CommandDefinition command, RequestArgs args, long microseconds, ClientSession? client)
    {
        var settings = node.Settings;
        var slowerThan = settings.SlowlogLogSlowerThan;
        if (slowerThan >= 0 && microseconds >= slowerThan && settings.SlowlogMaxLen > 0 && (command.Flags & CommandFlags.SkipSlowlog) == 0)
        {
            node.SlowLog.Push(command, args, microseconds, client?.Connection.RemoteAddress ?? "?:0", client?.Name ?? "", settings.SlowlogMaxLen);
        }
        var latencyEvent = (command.Flags & CommandFlags.Fast) != 0 ? LatencyMonitor.FastCommand : LatencyMonitor.Command;
        node.Latency.RecordIfNeeded(latencyEvent, microseconds, settings.LatencyMonitorThresholdMs);
    }
}
