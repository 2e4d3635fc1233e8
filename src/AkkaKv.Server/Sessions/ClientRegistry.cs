using System.Collections.Concurrent;

namespace AkkaKv.Server.Sessions;

/// <summary>Every connected client, for CLIENT LIST/KILL, INFO clients and maxclients.</summary>
public sealed class ClientRegistry
{
    private readonly ConcurrentDictionary<long, ClientSession> _clients = new();
    private long _lastId;

    public int Count => _clients.Count;

    public long NextId() => Interlocked.Increment(ref _lastId);

    public void Add(ClientSession session) => _clients[session.Id] = session;

    public void Remove(ClientSession session) => _clients.TryRemove(session.Id, out _);

    public ClientSession? Find(long id) => _clients.GetValueOrDefault(id);

    public IEnumerable<ClientSession> All => _clients.Values.OrderBy(c => c.Id);
}
