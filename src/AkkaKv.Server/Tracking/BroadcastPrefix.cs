using AkkaKv.Server.Sessions;

namespace AkkaKv.Server.Tracking;

/// <summary>
/// One prefix of BCAST tracking and the clients registered for it. The client list is replaced, never changed in
/// place, so shards read it without a lock.
/// </summary>
public sealed class BroadcastPrefix(byte[] prefix)
{
    private volatile ClientSession[] _clients = [];

    public byte[] Prefix { get; } = prefix;
    public ClientSession[] Clients => _clients;

    public bool Covers(ReadOnlySpan<byte> key) => key.StartsWith(Prefix);

    internal void SetClients(ClientSession[] clients) => _clients = clients;
}
