using System.Globalization;
using System.Text;
using AkkaKv.Actors;
using AkkaKv.Protocol;

namespace AkkaKv.Server.Sessions;

/// <summary>
/// The clients in MONITOR mode. Sessions on every I/O thread publish the commands they dispatch; each line is
/// formatted once and told to every monitor's connection actor, so publishing never blocks the publisher.
/// </summary>
public sealed class MonitorFeed
{
    private volatile IActorRef[] _monitors = [];
    private readonly Lock _lock = new();

    public bool IsActive => _monitors.Length > 0;

    public void Add(IActorRef connection)
    {
        lock (_lock) _monitors = [.. _monitors, connection];
    }

    public void Remove(IActorRef connection)
    {
        lock (_lock) _monitors = _monitors.Where(m => !ReferenceEquals(m, connection)).ToArray();
    }

    /// <summary>
    /// Whether MONITOR shows a command: never admin ones nor those flagged skip_monitor, except the script commands, which
    /// Redis feeds itself as they start so that the commands their script runs ("[db lua]") come after them.
    /// </summary>
    public static bool Shows(Commands.CommandDefinition command) =>
        (command.Flags & (Commands.CommandFlags.SkipMonitor | Commands.CommandFlags.Admin)) == 0
        || command.FullName is "eval" or "evalsha" or "eval_ro" or "evalsha_ro" or "fcall" or "fcall_ro";

    /// <summary>Publishes a command the way Redis's MONITOR prints it: +&lt;unix time&gt; [db addr] "arg" "arg"...</summary>
    public void Publish(int db, string clientAddress, Commands.CommandDefinition command, RequestArgs args)
    {
        var monitors = _monitors;
        if (monitors.Length == 0) return;
        var now = DateTimeOffset.UtcNow;
        var line = new StringBuilder(64);
        line.Append('+').Append(now.ToUnixTimeSeconds()).Append('.')
            .Append((now.ToUnixTimeMilliseconds() % 1000 * 1000 + now.Microsecond).ToString("D6", CultureInfo.InvariantCulture))
            .Append(" [").Append(db).Append(' ').Append(clientAddress).Append(']');
        for (var i = 0; i < args.Count; i++)
            line.Append(' ').Append(Represent(Stats.SensitiveArguments.IsRedacted(command, args, i) ? Stats.SensitiveArguments.Redacted : args[i]));
        line.Append("\r\n");
        var message = new MonitorLine(Encoding.UTF8.GetBytes(line.ToString()));
        foreach (var monitor in monitors) monitor.Tell(message);
    }

    /// <summary>Redis's sdscatrepr: a quoted string with non-printable bytes escaped.</summary>
    public static string Represent(ReadOnlySpan<byte> value)
    {
        var s = new StringBuilder(value.Length + 2).Append('"');
        foreach (var b in value)
        {
            switch (b)
            {
                case (byte)'\\': s.Append("\\\\"); break;
                case (byte)'"': s.Append("\\\""); break;
                case (byte)'\n': s.Append("\\n"); break;
                case (byte)'\r': s.Append("\\r"); break;
                case (byte)'\t': s.Append("\\t"); break;
                case 7: s.Append("\\a"); break;
                case 8: s.Append("\\b"); break;
                default:
                    if (b is >= 32 and < 127) s.Append((char)b);
                    else s.Append("\\x").Append(b.ToString("x2", CultureInfo.InvariantCulture));
                    break;
            }
        }
        return s.Append('"').ToString();
    }
}

/// <summary>One formatted MONITOR line for a monitoring connection.</summary>
public sealed record MonitorLine(byte[] Line);
