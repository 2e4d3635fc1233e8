using AkkaKv.Actors;
using AkkaKv.Server.Cluster;
using AkkaKv.Server.Commands;
using AkkaKv.Server.Config;
using AkkaKv.Server.Journal;
using AkkaKv.Server.Sessions;
using AkkaKv.Server.Shards;
using AkkaKv.Server.Stats;

namespace AkkaKv.Server;

/// <summary>
/// What every session and shard of one node shares: settings, the command table, the shards, statistics, the
/// client registry and the journal. Created once by <see cref="ServerNode"/>.
/// </summary>
public sealed class NodeState
{
    internal NodeState(ActorSystem system, ServerSettings settings, IJournal journal, IClusterRouter router)
    {
        System = system;
        Settings = settings;
        Journal = journal;
        Router = router;
        Commands = CommandTable.Default;
        Shards = new ShardSet(settings.Shards, settings.Databases);
        Stats = new ServerStats(settings, Commands.Count);
        Scripting = new Scripting.ScriptEngine(this);
        Tracking = new Tracking.ClientTracking(settings.Shards, Clients, settings);
        RunId = Convert.ToHexString(Guid.NewGuid().ToByteArray().Concat(Guid.NewGuid().ToByteArray()).Take(20).ToArray()).ToLowerInvariant();
    }

    public ActorSystem System { get; }
    public ServerSettings Settings { get; }
    public CommandTable Commands { get; }
    public ShardSet Shards { get; }
    public ServerStats Stats { get; }
    public ClientRegistry Clients { get; } = new();
    public MonitorFeed Monitors { get; } = new();
    public SlowLog SlowLog { get; } = new();
    public LatencyMonitor Latency { get; } = new();
    public ClientPause Pause { get; } = new();
    public PubSub.PubSubRegistry PubSub { get; } = new();
    public Tracking.ClientTracking Tracking { get; }
    public Scripting.ScriptEngine Scripting { get; }
    public IJournal Journal { get; }
    public IClusterRouter Router { get; }
    public VersionClock Versions { get; } = new();
    public Guid NodeId => Settings.NodeId;
    public string RunId { get; }
    public DateTimeOffset StartedAt { get; } = DateTimeOffset.UtcNow;
    public long LastSaveUnixSeconds { get; set; } = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    private readonly TaskCompletionSource _shutdownRequested = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when a client sends SHUTDOWN; the host then stops the node.</summary>
    public Task ShutdownRequested => _shutdownRequested.Task;

    public void RequestShutdown() => _shutdownRequested.TrySetResult();

    public static long NowMs() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
}
