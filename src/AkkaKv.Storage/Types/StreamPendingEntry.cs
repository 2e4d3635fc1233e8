namespace AkkaKv.Storage;

/// <summary>
/// An entry delivered to a consumer of a group and not acknowledged yet (Redis's streamNACK). One object is in both
/// the group's pending list and its consumer's.
/// </summary>
public sealed class StreamPendingEntry
{
    internal static readonly IComparer<StreamPendingEntry> ById = Comparer<StreamPendingEntry>.Create((a, b) => a.Id.CompareTo(b.Id));

    internal StreamPendingEntry(StreamId id, StreamConsumer? consumer, long deliveryTime, long deliveryCount)
    {
        Id = id;
        Consumer = consumer;
        DeliveryTime = deliveryTime;
        DeliveryCount = deliveryCount;
    }

    public StreamId Id { get; }

    /// <summary>The owner; null only inside XCLAIM FORCE, between creating the entry and assigning it.</summary>
    public StreamConsumer? Consumer { get; internal set; }

    /// <summary>Unix ms of the last delivery.</summary>
    public long DeliveryTime { get; internal set; }

    public long DeliveryCount { get; internal set; }

    /// <summary>A stand-in with only an ID, to look entries up or bound a range in the sorted lists.</summary>
    internal static StreamPendingEntry Probe(StreamId id) => new(id, null, 0, 0);
}
