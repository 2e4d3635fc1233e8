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
        var redactFrom = command.Name == "auth" ? 1 : int.MaxValue;
        var redactTo = int.MaxValue;
        if (command.Name == "hello")
        {
            // HELLO 3 AUTH user pass: only the credentials are hidden.
            for (var i = 2; i + 2 < args.Count; i++)
            {
                if (!Commands.ArgParsing.Is(args[i], "AUTH"u8)) continue;
                (redactFrom, redactTo) = (i + 1, i + 2);
                break;
            }
        }
        for (var i = 0; i < args.Count; i++)
            line.Append(' ').Append(i >= redactFrom && i <= redactTo ? "\"(redacted)\"" : Represent(args[i]));
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
