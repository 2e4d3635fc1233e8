namespace AkkaKv.Server.Networking;

/// <summary>Messages a connection actor receives besides shard replies.</summary>
public static class ConnectionProtocol
{
    /// <summary>The pending socket receive completed (told by the socket's completion callback).</summary>
    public sealed record ReceiveCompleted
    {
        public static ReceiveCompleted Instance { get; } = new();
    }

    /// <summary>The pending socket send completed.</summary>
    public sealed record SendCompleted
    {
        public static SendCompleted Instance { get; } = new();
    }

    /// <summary>Close the connection now (CLIENT KILL, idle timeout, shutdown).</summary>
    public sealed record Kill(string Reason);
}
