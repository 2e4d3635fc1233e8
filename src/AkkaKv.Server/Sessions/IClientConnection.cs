using AkkaKv.Actors;
using AkkaKv.Protocol;

namespace AkkaKv.Server.Sessions;

/// <summary>
/// A session's view of its connection. Sessions never see sockets: they append replies to <see cref="Output"/>, and
/// shards reply to <see cref="Self"/>, so tests and benchmarks can drive a session without a network.
/// </summary>
public interface IClientConnection
{
    IActorRef Self { get; }
    RespWriter Output { get; }
    string RemoteAddress { get; }
    string LocalAddress { get; }

    /// <summary>The I/O thread serving the connection (CLIENT LIST's io-thread, as in Redis 8).</summary>
    int IoThread { get; }

    /// <summary>Closes once everything already in <see cref="Output"/> is written (QUIT, protocol errors, CLIENT KILL of itself).</summary>
    void CloseAfterFlush();
}
