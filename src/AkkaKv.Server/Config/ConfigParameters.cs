using System.Globalization;
using System.Text.Json;
using AkkaKv.Server.PubSub;

namespace AkkaKv.Server.Config;

/// <summary>
/// The one table mapping Redis's parameter names onto HOCON keys under akkakv.server. CONFIG GET/SET/REWRITE
/// and the launcher's --name value flags all read it, so a parameter is added in exactly one place.
/// </summary>
public static class ConfigParameters
{
    private static readonly ConfigParameter BusyReplyThreshold =
        new("busy-reply-threshold", s => s.BusyReplyThresholdMs.ToString(CultureInfo.InvariantCulture),
            (s, v) => s.BusyReplyThresholdMs = ParseBounded(v, 0, long.MaxValue),
            v => One("busy-reply-threshold", ParseBounded(v, 0, long.MaxValue).ToString(CultureInfo.InvariantCulture) + "ms"));

    private static readonly ConfigParameter[] All =
    [
        Int("port", s => s.Port, null),
        Str("bind", s => s.Bind, null),
        Str("dir", s => s.Dir, (s, v) =>
        {
            if (!Directory.Exists(v)) throw new FormatException("No such file or directory");
            s.Dir = Path.GetFullPath(v);
        }),
        Int("databases", s => s.Databases, null),
        Int("maxclients", s => s.MaxClients, (s, v) => s.MaxClients = v, min: 1, max: uint.MaxValue),
        Str("requirepass", s => s.RequirePass, (s, v) => s.RequirePass = v).Sensitive(),
        Int("io-threads", s => s.IoThreads, null, min: 1, max: 128),
        Int("shards", s => s.Shards, null, min: 1),
        Seconds("timeout", s => s.Timeout, (s, v) => s.Timeout = v),
        Seconds("tcp-keepalive", s => s.TcpKeepAlive, (s, v) => s.TcpKeepAlive = v),
        Bytes("proto-max-bulk-len", s => s.ProtoMaxBulkLen, (s, v) => s.ProtoMaxBulkLen = v, min: 1024 * 1024),
        Bytes("client-query-buffer-limit", s => s.ClientQueryBufferLimit, (s, v) => s.ClientQueryBufferLimit = v, min: 1024 * 1024),
        OutputLimits(),
        Int("hz", s => s.Hz, (s, v) => s.Hz = Math.Clamp(v, 1, 500), min: 0, max: int.MaxValue),
        Int("active-expire-effort", s => s.ActiveExpireEffort, (s, v) => s.ActiveExpireEffort = v, min: 1, max: 10),
        Bytes("maxmemory", s => s.MaxMemory, (s, v) => s.MaxMemory = v),
        Enum("maxmemory-policy", s => s.MaxMemoryPolicy, (s, v) => s.MaxMemoryPolicy = v,
            "volatile-lru", "volatile-lfu", "volatile-random", "volatile-ttl", "allkeys-lru", "allkeys-lfu", "allkeys-random", "noeviction"),
        Int("maxmemory-samples", s => s.MaxMemorySamples, (s, v) => s.MaxMemorySamples = v, min: 1, max: 64),
        Long("slowlog-log-slower-than", s => s.SlowlogLogSlowerThan, (s, v) => s.SlowlogLogSlowerThan = v, min: -1),
        Int("slowlog-max-len", s => s.SlowlogMaxLen, (s, v) => s.SlowlogMaxLen = v, min: 0, max: long.MaxValue),
        Long("latency-monitor-threshold", s => s.LatencyMonitorThresholdMs, (s, v) => s.LatencyMonitorThresholdMs = v, min: 0),
        YesNo("latency-tracking", s => s.LatencyTracking, (s, v) => s.LatencyTracking = v),
        new("latency-tracking-info-percentiles", s => LatencyPercentiles.Format(s.LatencyTrackingInfoPercentiles),
            (s, v) => s.LatencyTrackingInfoPercentiles = ParsePercentiles(v),
            v => One("latency-tracking-info-percentiles", JsonSerializer.Serialize(LatencyPercentiles.Format(ParsePercentiles(v))))),
        new("tracking-table-max-keys", s => s.TrackingTableMaxKeys.ToString(CultureInfo.InvariantCulture),
            (s, v) => s.TrackingTableMaxKeys = ParseBounded(v, 0, long.MaxValue),
            v => One("tracking-table-max-keys", ParseBounded(v, 0, long.MaxValue).ToString(CultureInfo.InvariantCulture))),
        // The backlog ring is sized once at start; resizing it live belongs with replication.
        Bytes("repl-backlog-size", s => s.ReplBacklogSize, null, min: 1),
        YesNo("appendonly", s => s.AppendOnly, null),
        Str("appendfilename", s => s.AppendFileName, null),
        Str("save", s => s.Save, (s, v) => s.Save = v),
        Str("dbfilename", s => s.DbFileName, (s, v) => s.DbFileName = v),
        Enum("loglevel", s => s.LogLevel, (s, v) => s.LogLevel = v, "debug", "verbose", "notice", "warning", "nothing"),
        Str("logfile", s => s.LogFile, null),
        BusyReplyThreshold,
        // Redis's older name for the same setting.
        new("lua-time-limit", BusyReplyThreshold.Get, BusyReplyThreshold.Set, BusyReplyThreshold.ToHocon),
        new("notify-keyspace-events", s => NotifyClassNames.Format(s.NotifyKeyspaceEvents),
            (s, v) => s.NotifyKeyspaceEvents = ParseNotifyClasses(v),
            v => One("notify-keyspace-events", JsonSerializer.Serialize(NotifyClassNames.Format(ParseNotifyClasses(v))))),
        Int("hash-max-listpack-entries", s => s.Limits.HashMaxListpackEntries, (s, v) => s.Limits = s.Limits with { HashMaxListpackEntries = v }, min: 0, max: long.MaxValue),
        Int("hash-max-listpack-value", s => s.Limits.HashMaxListpackValue, (s, v) => s.Limits = s.Limits with { HashMaxListpackValue = v }, min: 0, max: long.MaxValue),
        Int("set-max-intset-entries", s => s.Limits.SetMaxIntsetEntries, (s, v) => s.Limits = s.Limits with { SetMaxIntsetEntries = v }, min: 0, max: long.MaxValue),
        Int("set-max-listpack-entries", s => s.Limits.SetMaxListpackEntries, (s, v) => s.Limits = s.Limits with { SetMaxListpackEntries = v }, min: 0, max: long.MaxValue),
        Int("set-max-listpack-value", s => s.Limits.SetMaxListpackValue, (s, v) => s.Limits = s.Limits with { SetMaxListpackValue = v }, min: 0, max: long.MaxValue),
        Int("zset-max-listpack-entries", s => s.Limits.ZSetMaxListpackEntries, (s, v) => s.Limits = s.Limits with { ZSetMaxListpackEntries = v }, min: 0, max: long.MaxValue),
        Int("zset-max-listpack-value", s => s.Limits.ZSetMaxListpackValue, (s, v) => s.Limits = s.Limits with { ZSetMaxListpackValue = v }, min: 0, max: long.MaxValue),
        Int("list-max-listpack-size", s => s.Limits.ListMaxListpackSize, (s, v) => s.Limits = s.Limits with { ListMaxListpackSize = v }),
        Bytes("stream-node-max-bytes", s => s.Limits.StreamNodeMaxBytes, (s, v) => s.Limits = s.Limits with { StreamNodeMaxBytes = (int)Math.Min(v, int.MaxValue) }),
        Int("stream-node-max-entries", s => s.Limits.StreamNodeMaxEntries, (s, v) => s.Limits = s.Limits with { StreamNodeMaxEntries = v }, min: 0, max: long.MaxValue),
        Bytes("hll-sparse-max-bytes", s => s.Limits.HllSparseMaxBytes, (s, v) => s.Limits = s.Limits with { HllSparseMaxBytes = (int)Math.Min(v, int.MaxValue) }),
    ];

    private static readonly Dictionary<string, ConfigParameter> ByName =
        All.ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);

    public static IReadOnlyList<ConfigParameter> Parameters => All;

    public static ConfigParameter? Find(string name) => ByName.GetValueOrDefault(name);

    private static string Path_(string name) => $"{ServerSettings.Section}.{name}";

    private static IEnumerable<(string, string)> One(string name, string hocon) => [(Path_(name), hocon)];

    /// <summary>An integer parameter; Redis's declared bounds are checked (and named in the error), then the value is held as an int.</summary>
    private static ConfigParameter Int(string name, Func<ServerSettings, int> get, Action<ServerSettings, int>? set,
        long min = int.MinValue, long max = int.MaxValue) =>
        new(name, s => get(s).ToString(CultureInfo.InvariantCulture),
            set is null ? null : (s, v) => set(s, (int)Math.Min(ParseBounded(v, min, max), int.MaxValue)),
            v => One(name, Math.Min(ParseBounded(v, min, max), int.MaxValue).ToString(CultureInfo.InvariantCulture)));

    private static ConfigParameter Long(string name, Func<ServerSettings, long> get, Action<ServerSettings, long>? set,
        long min = long.MinValue, long max = long.MaxValue) =>
        new(name, s => get(s).ToString(CultureInfo.InvariantCulture),
            set is null ? null : (s, v) => set(s, ParseBounded(v, min, max)),
            v => One(name, ParseBounded(v, min, max).ToString(CultureInfo.InvariantCulture)));

    private static double[] ParsePercentiles(string v) =>
        LatencyPercentiles.TryParse(v, out var percentiles, out var error) ? percentiles : throw new FormatException(error);

    private static ConfigParameter Bytes(string name, Func<ServerSettings, long> get, Action<ServerSettings, long>? set, long min = 0) =>
        new(name, s => get(s).ToString(CultureInfo.InvariantCulture),
            set is null ? null : (s, v) => set(s, ParseMemory(v, min)),
            v => One(name, ParseMemory(v, min).ToString(CultureInfo.InvariantCulture)));

    private static ConfigParameter Seconds(string name, Func<ServerSettings, TimeSpan> get, Action<ServerSettings, TimeSpan>? set) =>
        new(name, s => ((long)get(s).TotalSeconds).ToString(CultureInfo.InvariantCulture),
            set is null ? null : (s, v) => set(s, TimeSpan.FromSeconds(ParseBounded(v, 0, int.MaxValue))),
            v => One(name, ParseBounded(v, 0, int.MaxValue).ToString(CultureInfo.InvariantCulture) + "s"));

    private static ConfigParameter Str(string name, Func<ServerSettings, string> get, Action<ServerSettings, string>? set) =>
        new(name, get, set, v => One(name, JsonSerializer.Serialize(v)));

    private static ConfigParameter YesNo(string name, Func<ServerSettings, bool> get, Action<ServerSettings, bool>? set) =>
        new(name, s => get(s) ? "yes" : "no",
            set is null ? null : (s, v) => set(s, ParseYesNo(v)),
            v => One(name, ParseYesNo(v) ? "true" : "false"));

    private static ConfigParameter Enum(string name, Func<ServerSettings, string> get, Action<ServerSettings, string> set,
        params string[] allowed) =>
        new(name, get, (s, v) => set(s, ParseEnum(v, allowed)), v => One(name, JsonSerializer.Serialize(ParseEnum(v, allowed))));

    private static ConfigParameter OutputLimits() =>
        new("client-output-buffer-limit",
            s => $"normal {s.NormalOutputLimit.ToRedisString()} slave 268435456 67108864 60 pubsub {s.PubSubOutputLimit.ToRedisString()}",
            (s, v) =>
            {
                foreach (var (cls, limit) in ParseOutputLimits(v))
                {
                    if (cls == "normal") s.NormalOutputLimit = limit;
                    else if (cls == "pubsub") s.PubSubOutputLimit = limit;
                }
            },
            v => ParseOutputLimits(v)
                .Where(l => l.Class != "replica")
                .SelectMany(l => new[]
                {
                    ($"{ServerSettings.Section}.client-output-buffer-limit.{l.Class}.hard", l.Limit.HardBytes.ToString(CultureInfo.InvariantCulture)),
                    ($"{ServerSettings.Section}.client-output-buffer-limit.{l.Class}.soft", l.Limit.SoftBytes.ToString(CultureInfo.InvariantCulture)),
                    ($"{ServerSettings.Section}.client-output-buffer-limit.{l.Class}.soft-seconds", $"{(long)l.Limit.SoftDuration.TotalSeconds}s"),
                }));

    private static List<(string Class, OutputBufferLimit Limit)> ParseOutputLimits(string value)
    {
        var parts = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0 || parts.Length % 4 != 0) throw new FormatException("Wrong number of arguments in buffer limit configuration.");
        var result = new List<(string, OutputBufferLimit)>();
        for (var i = 0; i < parts.Length; i += 4)
        {
            var cls = parts[i].ToLowerInvariant() switch
            {
                "normal" => "normal",
                "pubsub" => "pubsub",
                "slave" or "replica" => "replica",
                _ => throw new FormatException("Invalid client class specified in buffer limit configuration."),
            };
            var limit = new OutputBufferLimit(ParseMemory(parts[i + 1]), ParseMemory(parts[i + 2]), TimeSpan.FromSeconds(ParseBounded(parts[i + 3], 0, long.MaxValue)));
            result.Add((cls, limit));
        }
        return result;
    }

    private static NotifyClass ParseNotifyClasses(string v) =>
        NotifyClassNames.TryParse(v, out var classes) ? classes : throw new FormatException(NotifyClassNames.InvalidClassError);

    private static long ParseBounded(string v, long min, long max)
    {
        if (!long.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n))
            throw new FormatException("argument couldn't be parsed into an integer");
        return Bounded(n, min, max);
    }

    private static long Bounded(long n, long min, long max) =>
        n < min || n > max ? throw new FormatException($"argument must be between {min} and {max} inclusive") : n;

    private static bool ParseYesNo(string v) => v.ToLowerInvariant() switch
    {
        "yes" => true,
        "no" => false,
        _ => throw new FormatException("argument must be 'yes' or 'no'"),
    };

    private static string ParseEnum(string v, string[] allowed)
    {
        var lower = v.ToLowerInvariant();
        return Array.IndexOf(allowed, lower) >= 0 ? lower : throw new FormatException("argument(s) must be one of the following: " + string.Join(", ", allowed));
    }

    /// <summary>A memory value no smaller than <paramref name="min"/>.</summary>
    public static long ParseMemory(string value, long min) => Bounded(ParseMemory(value), min, long.MaxValue);

    /// <summary>Redis's memtoull: a number with an optional k, kb, m, mb, g or gb unit (case-insensitive).</summary>
    public static long ParseMemory(string value)
    {
        var v = value.Trim().ToLowerInvariant();
        long multiplier = 1;
        foreach (var (unit, factor) in MemoryUnits)
        {
            if (v.EndsWith(unit, StringComparison.Ordinal))
            {
                multiplier = factor;
                v = v[..^unit.Length];
                break;
            }
        }
        if (!long.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            throw new FormatException("argument must be a memory value");
        return checked(n * multiplier);
    }

    private static readonly (string Unit, long Factor)[] MemoryUnits =
        [("kb", 1024), ("mb", 1024 * 1024), ("gb", 1024L * 1024 * 1024), ("k", 1000), ("m", 1000_000), ("g", 1000_000_000), ("b", 1)];
}
