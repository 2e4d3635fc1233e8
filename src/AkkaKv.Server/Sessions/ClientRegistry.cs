using System.Collections.Concurrent;

namespace AkkaKv.Server.Sessions;

/// <summary>
/// Every connected client, for CLIENT LIST/KILL, INFO clients and maxclients. A connection reserves its place (and
/// its id) when it is accepted, so ids follow accept order and maxclients holds however fast clients arrive.
/// </summary>
public sealed class ClientRegistry
{
    private readonly ConcurrentDictionary<long, ClientSession> _clients = new();
    private long _lastId;
    private int _reserved;

    /// <summary>Connections accepted and not yet gone (some may still be starting).</summary>
    public int Count => Volatile.Read(ref _reserved);

    /// <summary>Takes a place for a new connection and returns its client id, or 0 when <paramref name="maxClients"/> are connected.</summary>
    public long TryReserve(int maxClients)
    {
        if (Interlocked.Increment(ref _reserved) > maxClients)
        {
            Interlocked.Decrement(ref _reserved);
            return 0;
        }
        return Interlocked.Increment(ref _lastId);
    }

    public void Add(ClientSession session) => _clients[session.Id] = session;

    /// <summary>Gives the place back; called once per reserved connection.</summary>
    public void Remove(ClientSession session)
    {
        if (_clients.TryRemove(session.Id, out _)) Interlocked.Decrement(ref _reserved);
    }

    public ClientSession? Find(long id) => _clients.GetValueOrDefault(id);

    public IEnumerable<ClientSession> All => _clients.Values.OrderBy(c => c.Id);
}
