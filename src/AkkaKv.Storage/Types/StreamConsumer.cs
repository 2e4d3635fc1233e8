namespace AkkaKv.Storage;

/// <summary>A consumer of a consumer group: its name, when it was last seen and last active, and its pending entries.</summary>
public sealed class StreamConsumer
{
    internal StreamConsumer(byte[] name, long seenTime, long activeTime)
    {
        Name = name;
        SeenTime = seenTime;
        ActiveTime = activeTime;
    }

    public byte[] Name { get; }

    /// <summary>Unix ms of the last attempted interaction (XREADGROUP, XCLAIM, XAUTOCLAIM): XINFO's idle.</summary>
    public long SeenTime { get; set; }

    /// <summary>Unix ms of the last successful delivery or claim, -1 if never: XINFO's inactive.</summary>
    public long ActiveTime { get; set; }

    internal SortedSet<StreamPendingEntry> PendingSet { get; } = new(StreamPendingEntry.ById);

    public int PendingCount => PendingSet.Count;

    /// <summary>This consumer's pending entries, by ID.</summary>
    public IEnumerable<StreamPendingEntry> Pending => PendingSet;

    /// <summary>This consumer's pending entries with IDs in [start, end].</summary>
    public IEnumerable<StreamPendingEntry> PendingBetween(StreamId start, StreamId end) => StreamConsumerGroup.Between(PendingSet, start, end);
}
