using AkkaKv.Hocon;
using AkkaKv.Server.PubSub;
using AkkaKv.Storage;

namespace AkkaKv.Server.Config;

/// <summary>
/// The server's settings, read once from the merged configuration (reference.conf &lt; file &lt; env &lt; flags).
/// Parameters Redis lets CONFIG SET change at run time are mutable properties; readers on other threads
/// tolerate seeing the old value for a moment, exactly as Redis's own config is read without locks.
/// </summary>
public sealed class ServerSettings
{
    public const string Section = "akkakv.server";

    /// <summary>The module's embedded, commented reference.conf: every key with its default.</summary>
    public static AkkaKv.Hocon.Config Reference { get; } =
        AkkaKv.Hocon.Config.ParseResource(typeof(ServerSettings).Assembly, "AkkaKv.Server.reference.conf");

    public ServerSettings(AkkaKv.Hocon.Config config, string? configFile = null)
    {
        Source = config;
        ConfigFile = configFile;
        // Read by full path so an error names the key as the user wrote it (akkakv.server.port), with its origin.
        var c = new SectionReader(config, Section);
        Port = c.GetInt("port");
        Bind = c.GetString("bind");
        Dir = Path.GetFullPath(c.GetString("dir"));
        Databases = c.GetInt("databases");
        MaxClients = c.GetInt("maxclients");
        RequirePass = c.GetString("requirepass");
        IoThreads = c.GetInt("io-threads") is > 0 and var threads ? threads : DefaultIoThreads;
        Shards = c.GetInt("shards") is > 0 and var shards ? shards : IoThreads;
        Timeout = c.GetDuration("timeout");
        TcpKeepAlive = c.GetDuration("tcp-keepalive");
        ProtoMaxBulkLen = c.GetBytes("proto-max-bulk-len");
        ClientQueryBufferLimit = c.GetBytes("client-query-buffer-limit");
        NormalOutputLimit = OutputBufferLimit.From(c.GetSection("client-output-buffer-limit.normal"));
        PubSubOutputLimit = OutputBufferLimit.From(c.GetSection("client-output-buffer-limit.pubsub"));
        OutputBackpressure = c.GetBytes("output-backpressure");
        Hz = Math.Clamp(c.GetInt("hz"), 1, 500);
        ActiveExpireEffort = Math.Clamp(c.GetInt("active-expire-effort"), 1, 10);
        MaxMemory = c.GetBytes("maxmemory");
        MaxMemoryPolicy = c.GetString("maxmemory-policy");
        MaxMemorySamples = c.GetInt("maxmemory-samples");
        SlowlogLogSlowerThan = c.GetLong("slowlog-log-slower-than");
        SlowlogMaxLen = c.GetInt("slowlog-max-len");
        LatencyMonitorThresholdMs = c.GetLong("latency-monitor-threshold");
        LatencyTracking = c.GetBoolean("latency-tracking");
        var percentiles = c.GetString("latency-tracking-info-percentiles");
        LatencyTrackingInfoPercentiles = LatencyPercentiles.TryParse(percentiles, out var parsed, out var percentilesError)
            ? parsed
            : throw new ConfigException($"{Section}.latency-tracking-info-percentiles '{percentiles}': {percentilesError}");
        TrackingTableMaxKeys = c.GetLong("tracking-table-max-keys");
        var nodeId = c.GetString("node-id");
        NodeId = nodeId.Length == 0 ? Guid.NewGuid() : Guid.Parse(nodeId);
        ReplBacklogSize = c.GetBytes("repl-backlog-size");
        AppendOnly = c.GetBoolean("appendonly");
        AppendFileName = c.GetString("appendfilename");
        Save = c.GetString("save");
        DbFileName = c.GetString("dbfilename");
        LogLevel = c.GetString("loglevel");
        LogFile = c.GetString("logfile");
        BusyReplyThresholdMs = (long)c.GetDuration("busy-reply-threshold").TotalMilliseconds;
        var notifyKeyspaceEvents = c.GetString("notify-keyspace-events");
        NotifyKeyspaceEvents = NotifyClassNames.TryParse(notifyKeyspaceEvents, out var notifyClasses)
            ? notifyClasses
            : throw new ConfigException($"{Section}.notify-keyspace-events '{notifyKeyspaceEvents}': {NotifyClassNames.InvalidClassError}");
        Limits = new CollectionLimits
        {
            HashMaxListpackEntries = c.GetInt("hash-max-listpack-entries"),
            HashMaxListpackValue = c.GetInt("hash-max-listpack-value"),
            SetMaxIntsetEntries = c.GetInt("set-max-intset-entries"),
            SetMaxListpackEntries = c.GetInt("set-max-listpack-entries"),
            SetMaxListpackValue = c.GetInt("set-max-listpack-value"),
            ZSetMaxListpackEntries = c.GetInt("zset-max-listpack-entries"),
            ZSetMaxListpackValue = c.GetInt("zset-max-listpack-value"),
            ListMaxListpackSize = c.GetInt("list-max-listpack-size"),
            StreamNodeMaxBytes = (int)Math.Min(c.GetBytes("stream-node-max-bytes"), int.MaxValue),
            StreamNodeMaxEntries = c.GetInt("stream-node-max-entries"),
            HllSparseMaxBytes = (int)Math.Min(c.GetBytes("hll-sparse-max-bytes"), int.MaxValue),
        };
        if (Databases < 1) throw new ConfigException($"{Section}.databases must be at least 1");
        if (Port is < 0 or > 65535) throw new ConfigException($"{Section}.port must be 0..65535");
    }

    /// <summary>The merged configuration the settings were read from (CONFIG REWRITE starts from it).</summary>
    public AkkaKv.Hocon.Config Source { get; }
    /// <summary>The HOCON file named on the command line, if any (CONFIG REWRITE writes it).</summary>
    public string? ConfigFile { get; }

    /// <summary>The listening port; when 0 was asked for, the node records the one the OS chose.</summary>
    public int Port { get; internal set; }
    public string Bind { get; }
    public string Dir { get; set; }
    public int Databases { get; }
    public int MaxClients { get; set; }
    public string RequirePass { get; set; }
    public int IoThreads { get; }
    public int Shards { get; }
    public TimeSpan Timeout { get; set; }
    public TimeSpan TcpKeepAlive { get; set; }
    public long ProtoMaxBulkLen { get; set; }
    public long ClientQueryBufferLimit { get; set; }
    public OutputBufferLimit NormalOutputLimit { get; set; }
    public OutputBufferLimit PubSubOutputLimit { get; set; }
    public long OutputBackpressure { get; }
    public int Hz { get; set; }
    public int ActiveExpireEffort { get; set; }
    public long MaxMemory { get; set; }
    public string MaxMemoryPolicy { get; set; }
    public int MaxMemorySamples { get; set; }
    /// <summary>Commands running at least this many µs enter the slow log; negative: none do (Redis: slowlog-log-slower-than).</summary>
    public long SlowlogLogSlowerThan
    {
        get => _slowlogLogSlowerThan;
        set
        {
            _slowlogLogSlowerThan = value;
            UpdateCommandReportMicros();
        }
    }

    public int SlowlogMaxLen { get; set; }

    /// <summary>Events lasting at least this many ms are recorded by the latency monitor; 0: it is off (Redis: latency-monitor-threshold).</summary>
    public long LatencyMonitorThresholdMs
    {
        get => _latencyMonitorThresholdMs;
        set
        {
            _latencyMonitorThresholdMs = value;
            UpdateCommandReportMicros();
        }
    }

    /// <summary>
    /// The shortest execution (µs) the slow log or the latency monitor records. Every command compares its duration with
    /// this one value, so while both are off (or their thresholds are far above) nothing else runs for it.
    /// </summary>
    public ulong CommandReportMicros { get; private set; }

    /// <summary>Whether each command's latency distribution is kept for LATENCY HISTOGRAM and INFO latencystats (Redis: latency-tracking).</summary>
    public bool LatencyTracking { get; set; }

    /// <summary>The percentiles INFO latencystats reports (Redis: latency-tracking-info-percentiles).</summary>
    public IReadOnlyList<double> LatencyTrackingInfoPercentiles { get; set; }

    private long _slowlogLogSlowerThan;
    private long _latencyMonitorThresholdMs;

    private void UpdateCommandReportMicros()
    {
        // A negative slow log threshold compares as a huge unsigned one: it never logs.
        var slowlog = (ulong)_slowlogLogSlowerThan;
        var latency = _latencyMonitorThresholdMs > 0 ? (ulong)Math.Min(_latencyMonitorThresholdMs, long.MaxValue / 1000) * 1000 : ulong.MaxValue;
        CommandReportMicros = Math.Min(slowlog, latency);
    }
    /// <summary>Keys the client-side caching table may remember before it forgets some (0: no limit).</summary>
    public long TrackingTableMaxKeys { get; set; }
    /// <summary>Compact-encoding thresholds; CONFIG SET replaces the whole record, so a reader sees one consistent set.</summary>
    public CollectionLimits Limits { get; set; }
    public Guid NodeId { get; }
    public long ReplBacklogSize { get; }
    public bool AppendOnly { get; set; }
    public string AppendFileName { get; }
    public string Save { get; set; }
    public string DbFileName { get; set; }
    public string LogLevel { get; set; }
    public string LogFile { get; }
    /// <summary>A script running longer than this (ms) is busy: SCRIPT KILL may stop it; 0 never (Redis: busy-reply-threshold).</summary>
    public long BusyReplyThresholdMs { get; set; }

    /// <summary>
    /// The keyspace event classes published (Redis: notify-keyspace-events). Shard threads read it on every write, so it
    /// is one volatile field: CONFIG SET takes effect on the next command without locks.
    /// </summary>
    public NotifyClass NotifyKeyspaceEvents
    {
        get => _notifyKeyspaceEvents;
        set => _notifyKeyspaceEvents = value;
    }

    private volatile NotifyClass _notifyKeyspaceEvents;

    /// <summary>Set by DEBUG SET-ACTIVE-EXPIRE; not a config parameter in Redis either.</summary>
    public bool ActiveExpireEnabled { get; set; } = true;

    public bool LfuPolicy => MaxMemoryPolicy.Contains("lfu", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// One core is left to the kernel's network stack and the clients: measured on 2 cores with redis-benchmark on the
    /// same machine, one event-loop thread beat two on almost every workload (benchmarks/RESULTS.md).
    /// </summary>
    private static int DefaultIoThreads => Math.Max(1, Environment.ProcessorCount - 1);
}
