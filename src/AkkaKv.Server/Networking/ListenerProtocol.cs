using System.Net.Sockets;

namespace AkkaKv.Server.Networking;

/// <summary>Messages of the listener actor.</summary>
public static class ListenerProtocol
{
    /// <summary>The accept loop took a new connection.</summary>
    public sealed record Accepted(Socket Socket);

    /// <summary>Once a second: Redis's clientsCron duties (idle timeout).</summary>
    public sealed record ClientsCronTick
    {
        public static ClientsCronTick Instance { get; } = new();
    }
}
