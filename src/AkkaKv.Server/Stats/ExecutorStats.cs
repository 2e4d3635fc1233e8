using AkkaKv.Server.Config;

namespace AkkaKv.Server.Stats;

/// <summary>
/// Counters kept by one executor (a shard, or the sessions together). A shard is the only writer of its own
/// instance, so it increments plainly; INFO sums all instances and tolerates reading a counter mid-update.
/// </summary>
public sealed class ExecutorStats
{
    public ExecutorStats(ServerSettings settings, int commandCount, bool shared)
    {
        _settings = settings;
        Calls = new long[commandCount];
        Microseconds = new long[commandCount];
        Failed = new long[commandCount];
        Rejected = new long[commandCount];
        Latency = new LatencyHistogram(commandCount, shared);
        _shared = shared;
    }

    private readonly bool _shared;
    private readonly ServerSettings _settings;

    public long[] Calls { get; }
    public long[] Microseconds { get; }
    public long[] Failed { get; }
    public long[] Rejected { get; }
    public LatencyHistogram Latency { get; }
    public long KeyspaceHits;
    public long KeyspaceMisses;
    public long ExpiredKeys;
    /// <summary>Members (hash fields, set and sorted-set members) removed because their own deadline passed.</summary>
    public long ExpiredMembers;
    public long Dirty;

    public void Record(int commandId, long microseconds, bool failed)
    {
        if (_settings.LatencyTracking) Latency.Record(commandId, microseconds);
        if (_shared)
        {
            Interlocked.Increment(ref Calls[commandId]);
            Interlocked.Add(ref Microseconds[commandId], microseconds);
            if (failed) Interlocked.Increment(ref Failed[commandId]);
        }
        else
        {
            Calls[commandId]++;
            Microseconds[commandId] += microseconds;
            if (failed) Failed[commandId]++;
        }
    }

    public void RecordRejected(int commandId)
    {
        if (_shared) Interlocked.Increment(ref Rejected[commandId]);
        else Rejected[commandId]++;
    }

    public void Reset()
    {
        Array.Clear(Calls);
        Array.Clear(Microseconds);
        Array.Clear(Failed);
        Array.Clear(Rejected);
        Latency.Reset();
        KeyspaceHits = KeyspaceMisses = ExpiredKeys = ExpiredMembers = 0;
    }
}
