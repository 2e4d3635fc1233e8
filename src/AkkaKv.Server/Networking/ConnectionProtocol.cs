namespace AkkaKv.Server.Networking;

/// <summary>Messages a connection actor receives besides shard replies.</summary>
public static class ConnectionProtocol
{
    /// <summary>The event loop saw the socket become readable or writable.</summary>
    public sealed record SocketReady
    {
        public static SocketReady Instance { get; } = new();
    }

    /// <summary>The event loop saw the peer close its side (or the connection fail): what it sent is read to the end.</summary>
    public sealed record PeerClosed
    {
        public static PeerClosed Instance { get; } = new();
    }

    /// <summary>Close the connection now (CLIENT KILL, idle timeout, shutdown).</summary>
    public sealed record Kill(string Reason);
}
