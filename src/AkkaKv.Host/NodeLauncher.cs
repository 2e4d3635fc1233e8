using AkkaKv.Cluster.Routing;
using AkkaKv.Persistence.Journal;
using AkkaKv.Server;
using AkkaKv.Server.Config;

namespace AkkaKv.Host;

/// <summary>The composition root: the server plus the implementations of the interfaces it declares.</summary>
public static class NodeLauncher
{
    public static ServerNode Start(ServerSettings settings, Action<string>? log = null) =>
        ServerNode.Start(
            settings,
            _ => new BacklogJournal(new ReplicationBacklog(settings.ReplBacklogSize)),
            new StandaloneRouter(),
            log);

    /// <summary>Settings from HOCON text over the reference defaults, for tests and embedding.</summary>
    public static ServerSettings SettingsFrom(string hocon) =>
        new(AkkaKv.Hocon.Config.ParseString(hocon).WithFallback(ServerSettings.Reference));
}
