using System.Globalization;
using System.Text;
using AkkaKv.Protocol;
using AkkaKv.Server.Commands;

namespace AkkaKv.Server.Stats;

/// <summary>
/// Redis's slow log: the newest commands whose execution took at least slowlog-log-slower-than µs, at most
/// slowlog-max-len of them, newest first. Shards and sessions push from their own threads, so it is locked; the lock
/// is only taken for a command that is logged (callers compare its duration first) and by SLOWLOG itself.
/// </summary>
public sealed class SlowLog
{
    /// <summary>An entry keeps at most this many arguments, its last one then telling how many more there were.</summary>
    public const int MaxArguments = 32;

    /// <summary>An argument is kept up to this many bytes, followed by how many more there were.</summary>
    public const int MaxArgumentBytes = 128;

    private readonly Lock _lock = new();
    private readonly LinkedList<SlowLogEntry> _entries = new();
    private long _nextId;

    public int Count
    {
        get
        {
            lock (_lock) return _entries.Count;
        }
    }

    /// <summary>
    /// Logs a command that ran <paramref name="microseconds"/>, then drops the oldest entries beyond
    /// <paramref name="maxLength"/>. Ids keep increasing across SLOWLOG RESET, as in Redis.
    /// </summary>
    public void Push(CommandDefinition command, RequestArgs args, long microseconds, string clientAddress, string clientName, int maxLength)
    {
        var arguments = Capture(command, args);
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        lock (_lock)
        {
            _entries.AddFirst(new SlowLogEntry(_nextId++, now, microseconds, arguments, clientAddress, clientName));
            while (_entries.Count > maxLength) _entries.RemoveLast();
        }
    }

    /// <summary>The <paramref name="count"/> newest entries, newest first.</summary>
    public List<SlowLogEntry> Newest(long count)
    {
        lock (_lock) return _entries.Take((int)Math.Min(count, int.MaxValue)).ToList();
    }

    public void Reset()
    {
        lock (_lock) _entries.Clear();
    }

    /// <summary>The arguments as Redis keeps them: at most 32, each at most 128 bytes, credentials redacted.</summary>
    private static byte[][] Capture(CommandDefinition command, RequestArgs args)
    {
        var kept = Math.Min(args.Count, MaxArguments);
        var arguments = new byte[kept][];
        for (var i = 0; i < kept; i++)
        {
            if (kept < args.Count && i == kept - 1)
            {
                arguments[i] = Ascii($"... ({args.Count - kept + 1} more arguments)");
                continue;
            }
            var arg = SensitiveArguments.IsRedacted(command, args, i) ? SensitiveArguments.Redacted : args[i];
            arguments[i] = arg.Length <= MaxArgumentBytes
                ? arg.ToArray()
                : [.. arg[..MaxArgumentBytes], .. Ascii($"... ({arg.Length - MaxArgumentBytes} more bytes)")];
        }
        return arguments;
    }

    private static byte[] Ascii(FormattableString text) => Encoding.ASCII.GetBytes(text.ToString(CultureInfo.InvariantCulture));
}
