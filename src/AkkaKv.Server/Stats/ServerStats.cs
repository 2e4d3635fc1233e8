using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using AkkaKv.Server.Config;

namespace AkkaKv.Server.Stats;

/// <summary>Node-wide statistics for INFO: per-executor command counters plus connection and error counts.</summary>
public sealed class ServerStats
{
    private readonly ConcurrentDictionary<string, StrongBox<long>> _errors = new(StringComparer.Ordinal);

    public ServerStats(ServerSettings settings, int commandCount)
    {
        Shards = new ExecutorStats[settings.Shards];
        for (var i = 0; i < settings.Shards; i++) Shards[i] = new ExecutorStats(settings, commandCount, shared: false);
        Sessions = new ExecutorStats(settings, commandCount, shared: true);
    }

    public ExecutorStats[] Shards { get; }
    public ExecutorStats Sessions { get; }

    public long ConnectionsReceived;
    public long RejectedConnections;
    public long NetInputBytes;
    public long NetOutputBytes;
    public long TotalErrorReplies;
    private long _blockedClients;

    /// <summary>Clients waiting in a blocking command or for a client pause to end (INFO blocked_clients).</summary>
    public long BlockedClients => Interlocked.Read(ref _blockedClients);

    public void BlockedClientStarted() => Interlocked.Increment(ref _blockedClients);

    public void BlockedClientEnded() => Interlocked.Decrement(ref _blockedClients);

    public IEnumerable<ExecutorStats> AllExecutors => Shards.Append(Sessions);

    public long Sum(Func<ExecutorStats, long> counter) => AllExecutors.Sum(counter);

    /// <summary>Counts an error reply under its prefix (the first word: ERR, WRONGTYPE, ...), as errorstats does.</summary>
    public void CountError(ReadOnlySpan<char> message)
    {
        Interlocked.Increment(ref TotalErrorReplies);
        var space = message.IndexOf(' ');
        var prefix = space < 0 ? message : message[..space];
        var lookup = _errors.GetAlternateLookup<ReadOnlySpan<char>>();
        if (!lookup.TryGetValue(prefix, out var box)) box = _errors.GetOrAdd(prefix.ToString(), _ => new StrongBox<long>());
        Interlocked.Increment(ref box.Value);
    }

    public IEnumerable<KeyValuePair<string, long>> ErrorCounts =>
        _errors.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => new KeyValuePair<string, long>(e.Key, e.Value.Value));

    public void Reset()
    {
        foreach (var e in AllExecutors) e.Reset();
        _errors.Clear();
        ConnectionsReceived = RejectedConnections = NetInputBytes = NetOutputBytes = TotalErrorReplies = 0;
    }
}
