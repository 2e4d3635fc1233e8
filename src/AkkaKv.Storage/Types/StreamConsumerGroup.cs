namespace AkkaKv.Storage;

/// <summary>
/// A consumer group (Redis's streamCG): the last ID delivered, the logical read counter behind XINFO's lag, the
/// pending entries list (PEL) and the consumers, each with its share of the PEL. Consumers are kept in name order,
/// as Redis's radix tree returns them.
/// </summary>
public sealed class StreamConsumerGroup
{
    /// <summary>EntriesRead when it is not known (Redis's SCG_INVALID_ENTRIES_READ).</summary>
    public const long UnknownEntriesRead = -1;

    private readonly SortedSet<StreamPendingEntry> _pending = new(StreamPendingEntry.ById);
    private readonly List<StreamConsumer> _consumers = [];

    internal StreamConsumerGroup(byte[] name, StreamId lastId, long entriesRead)
    {
        Name = name;
        LastId = lastId;
        EntriesRead = entriesRead;
    }

    public byte[] Name { get; }

    /// <summary>The last ID delivered to the group (last-delivered-id).</summary>
    public StreamId LastId { get; set; }

    /// <summary>How many entries the group has read (entries-read), or <see cref="UnknownEntriesRead"/>.</summary>
    public long EntriesRead { get; set; }

    public int PendingCount => _pending.Count;

    /// <summary>The group's pending entries, by ID.</summary>
    public IEnumerable<StreamPendingEntry> Pending => _pending;

    public StreamPendingEntry? FirstPending => _pending.Min;

    public StreamPendingEntry? LastPending => _pending.Max;

    /// <summary>The consumers, in name order.</summary>
    public IReadOnlyList<StreamConsumer> Consumers => _consumers;

    /// <summary>The group's pending entries with IDs in [start, end].</summary>
    public IEnumerable<StreamPendingEntry> PendingBetween(StreamId start, StreamId end) => Between(_pending, start, end);

    public StreamPendingEntry? FindPending(StreamId id) => _pending.TryGetValue(StreamPendingEntry.Probe(id), out var found) ? found : null;

    public StreamConsumer? FindConsumer(ReadOnlySpan<byte> name)
    {
        var index = IndexOfConsumer(name);
        return index >= 0 ? _consumers[index] : null;
    }

    /// <summary>Adds a consumer (last seen now, never active); null when one has that name.</summary>
    public StreamConsumer? CreateConsumer(ReadOnlySpan<byte> name, long nowMs)
    {
        var index = IndexOfConsumer(name);
        if (index >= 0) return null;
        var consumer = new StreamConsumer(name.ToArray(), nowMs, -1);
        _consumers.Insert(~index, consumer);
        return consumer;
    }

    /// <summary>Removes the consumer and its pending entries (from the group's list too); returns how many it had.</summary>
    public int DeleteConsumer(StreamConsumer consumer)
    {
        var pending = consumer.PendingCount;
        foreach (var entry in consumer.PendingSet) _pending.Remove(entry);
        consumer.PendingSet.Clear();
        var index = IndexOfConsumer(consumer.Name);
        if (index >= 0) _consumers.RemoveAt(index);
        return pending;
    }

    /// <summary>XACK of one ID: drops it from the group's and its consumer's pending lists.</summary>
    public bool Acknowledge(StreamId id)
    {
        var entry = FindPending(id);
        if (entry is null) return false;
        RemovePending(entry);
        return true;
    }

    public void RemovePending(StreamPendingEntry entry)
    {
        _pending.Remove(entry);
        entry.Consumer?.PendingSet.Remove(entry);
    }

    /// <summary>
    /// Records that <paramref name="id"/>, beyond the last delivered ID, was delivered: it becomes the last ID and the
    /// read counter advances by one while it is known and no deleted entry lies ahead, else it is estimated again.
    /// </summary>
    public void Advance(StreamValue stream, StreamId id)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (EntriesRead != UnknownEntriesRead && !stream.HasTombstonesFrom(id)) EntriesRead++;
        else if (stream.EntriesAdded != 0) EntriesRead = stream.EstimateEntriesRead(id);
        LastId = id;
    }

    /// <summary>
    /// XREADGROUP delivered <paramref name="id"/> to <paramref name="consumer"/>: a new pending entry (1 delivery), or
    /// the existing one moved to this consumer with its count reset to 1 (the group's last ID was set back).
    /// </summary>
    public StreamPendingEntry Deliver(StreamId id, StreamConsumer consumer, long nowMs)
    {
        ArgumentNullException.ThrowIfNull(consumer);
        var entry = FindPending(id);
        if (entry is null)
        {
            entry = new StreamPendingEntry(id, consumer, nowMs, 1);
            _pending.Add(entry);
        }
        else
        {
            entry.Consumer?.PendingSet.Remove(entry);
            entry.Consumer = consumer;
            entry.DeliveryTime = nowMs;
            entry.DeliveryCount = 1;
        }

        consumer.PendingSet.Add(entry);
        return entry;
    }

    /// <summary>XREADGROUP re-read a pending entry from the consumer's history: one more delivery, now.</summary>
    public static void Redeliver(StreamPendingEntry entry, long nowMs)
    {
        ArgumentNullException.ThrowIfNull(entry);
        entry.DeliveryTime = nowMs;
        entry.DeliveryCount++;
    }

    /// <summary>XCLAIM FORCE of an ID not pending: a pending entry without owner (the claim assigns it).</summary>
    public StreamPendingEntry AddUnowned(StreamId id, long nowMs)
    {
        var entry = new StreamPendingEntry(id, null, nowMs, 1);
        _pending.Add(entry);
        return entry;
    }

    /// <summary>
    /// XCLAIM/XAUTOCLAIM: gives the entry to <paramref name="consumer"/> with the delivery time given; the count is set
    /// to <paramref name="retryCount"/> when it is not negative, else raised by one when <paramref name="countDelivery"/>.
    /// </summary>
    public static void Claim(StreamPendingEntry entry, StreamConsumer consumer, long deliveryTime, long retryCount, bool countDelivery)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(consumer);
        if (entry.Consumer != consumer)
        {
            entry.Consumer?.PendingSet.Remove(entry);
            consumer.PendingSet.Add(entry);
            entry.Consumer = consumer;
        }

        entry.DeliveryTime = deliveryTime;
        if (retryCount >= 0) entry.DeliveryCount = retryCount;
        else if (countDelivery) entry.DeliveryCount++;
    }

    internal StreamConsumerGroup Clone()
    {
        var copy = new StreamConsumerGroup(Name, LastId, EntriesRead);
        var copies = new Dictionary<StreamPendingEntry, StreamPendingEntry>(_pending.Count, ReferenceEqualityComparer.Instance);
        foreach (var entry in _pending)
        {
            var entryCopy = new StreamPendingEntry(entry.Id, null, entry.DeliveryTime, entry.DeliveryCount);
            copies.Add(entry, entryCopy);
            copy._pending.Add(entryCopy);
        }

        foreach (var consumer in _consumers)
        {
            var consumerCopy = new StreamConsumer(consumer.Name, consumer.SeenTime, consumer.ActiveTime);
            foreach (var entry in consumer.PendingSet)
            {
                var entryCopy = copies[entry];
                entryCopy.Consumer = consumerCopy;
                consumerCopy.PendingSet.Add(entryCopy);
            }

            copy._consumers.Add(consumerCopy);
        }

        return copy;
    }

    internal static IEnumerable<StreamPendingEntry> Between(SortedSet<StreamPendingEntry> set, StreamId start, StreamId end) =>
        start > end || set.Count == 0 ? [] : set.GetViewBetween(StreamPendingEntry.Probe(start), StreamPendingEntry.Probe(end));

    private int IndexOfConsumer(ReadOnlySpan<byte> name)
    {
        int low = 0, high = _consumers.Count - 1;
        while (low <= high)
        {
            var middle = (low + high) >>> 1;
            var order = _consumers[middle].Name.AsSpan().SequenceCompareTo(name);
            if (order == 0) return middle;
            if (order < 0) low = middle + 1;
            else high = middle - 1;
        }

        return ~low;
    }
}
