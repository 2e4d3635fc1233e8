using System.Net;
using AkkaKv.Actors;
using AkkaKv.Server.Cluster;
using AkkaKv.Server.Config;
using AkkaKv.Server.Journal;
using AkkaKv.Server.Networking;
using AkkaKv.Server.Shards;

namespace AkkaKv.Server;

/// <summary>
/// One running AkkaKv node: the actor system, its shard actors and the listener. The host builds it from settings
/// and the implementations of the interfaces the server declares (journal, cluster router).
/// </summary>
public sealed class ServerNode : IAsyncDisposable
{
    private readonly ActorSystem _system;

    private ServerNode(ActorSystem system, NodeState state, IPEndPoint endPoint)
    {
        _system = system;
        State = state;
        EndPoint = endPoint;
    }

    public NodeState State { get; }

    /// <summary>Where the node listens (the real port when 0 was asked for).</summary>
    public IPEndPoint EndPoint { get; }

    /// <summary>Completes when a client sent SHUTDOWN.</summary>
    public Task ShutdownRequested => State.ShutdownRequested;

    public static ServerNode Start(ServerSettings settings, Func<ActorSystem, IJournal> journal, IClusterRouter router, Action<string>? log = null)
    {
        // The I/O dispatcher's thread count follows io-threads; everything else comes from the merged config.
        var config = settings.Source
            .WithValue($"{ServerSettings.Section}.io-dispatcher.thread-count", settings.IoThreads.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var listener = ListenerActor.Bind(settings.Bind, settings.Port);
        var system = ActorSystem.Create("akkakv", config);
        if (log is not null) system.Log = log;
        var state = new NodeState(system, settings, journal(system), router);
        var endPoint = (IPEndPoint)listener.LocalEndPoint!;
        settings.Port = endPoint.Port;
        for (var i = 0; i < state.Shards.Count; i++)
            state.Shards.Actors[i] = system.ActorOf(ShardActor.Props(state, i), $"shard-{i}");
        system.ActorOf(ListenerActor.Props(state, listener), "listener");
        return new ServerNode(system, state, endPoint);
    }

    public async ValueTask DisposeAsync()
    {
        await _system.Terminate();
        _system.Dispose();
    }
}
