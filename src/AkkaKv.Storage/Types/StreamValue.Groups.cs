namespace AkkaKv.Storage;

/// <summary>Consumer groups, in name order, and the read counter / lag arithmetic of Redis 7.</summary>
public sealed partial class StreamValue
{
    // Created on demand: most streams have no groups.
    private List<StreamConsumerGroup>? _groups;

    public IReadOnlyList<StreamConsumerGroup> Groups => (IReadOnlyList<StreamConsumerGroup>?)_groups ?? [];

    public StreamConsumerGroup? FindGroup(ReadOnlySpan<byte> name)
    {
        var index = IndexOfGroup(name);
        return index >= 0 ? _groups![index] : null;
    }

    /// <summary>Adds a group; null when one has that name.</summary>
    public StreamConsumerGroup? CreateGroup(ReadOnlySpan<byte> name, StreamId lastId, long entriesRead)
    {
        var index = IndexOfGroup(name);
        if (index >= 0) return null;
        var group = new StreamConsumerGroup(name.ToArray(), lastId, entriesRead);
        (_groups ??= []).Insert(~index, group);
        return group;
    }

    public bool DestroyGroup(ReadOnlySpan<byte> name)
    {
        var index = IndexOfGroup(name);
        if (index < 0) return false;
        _groups!.RemoveAt(index);
        return true;
    }

    /// <summary>
    /// The group's lag (entries not yet delivered to it), or null when deleted entries make it unknowable
    /// (streamReplyWithCGLag).
    /// </summary>
    public long? Lag(StreamConsumerGroup group)
    {
        ArgumentNullException.ThrowIfNull(group);
        if (EntriesAdded == 0) return 0;
        if (group.EntriesRead != StreamConsumerGroup.UnknownEntriesRead && !HasTombstonesFrom(group.LastId))
        {
            return EntriesAdded - group.EntriesRead;
        }

        var entriesRead = EstimateEntriesRead(group.LastId);
        return entriesRead == StreamConsumerGroup.UnknownEntriesRead ? null : EntriesAdded - entriesRead;
    }

    /// <summary>Whether a deleted entry may lie at or after <paramref name="start"/> (streamRangeHasTombstones up to the end).</summary>
    internal bool HasTombstonesFrom(StreamId start)
    {
        if (Length == 0 || MaxDeletedId.IsZero) return false;
        if (FirstId > MaxDeletedId) return false;
        return start <= MaxDeletedId;
    }

    /// <summary>
    /// How many entries precede <paramref name="id"/> counting from the first ever added, when that can be told
    /// (streamEstimateDistanceFromFirstEverEntry); <see cref="StreamConsumerGroup.UnknownEntriesRead"/> otherwise.
    /// </summary>
    internal long EstimateEntriesRead(StreamId id)
    {
        if (EntriesAdded == 0) return 0;
        if (Length == 0 && id <= LastId) return EntriesAdded;

        var toLast = id.CompareTo(LastId);
        if (toLast == 0) return EntriesAdded;
        if (toLast > 0) return StreamConsumerGroup.UnknownEntriesRead;

        if (MaxDeletedId.IsZero || MaxDeletedId < FirstId)
        {
            var toFirst = id.CompareTo(FirstId);
            if (toFirst < 0) return EntriesAdded - Length;
            if (toFirst == 0) return EntriesAdded - Length + 1;
        }

        return StreamConsumerGroup.UnknownEntriesRead;
    }

    private int IndexOfGroup(ReadOnlySpan<byte> name)
    {
        if (_groups is null) return -1;
        int low = 0, high = _groups.Count - 1;
        while (low <= high)
        {
            var middle = (low + high) >>> 1;
            var order = _groups[middle].Name.AsSpan().SequenceCompareTo(name);
            if (order == 0) return middle;
            if (order < 0) low = middle + 1;
            else high = middle - 1;
        }

        return ~low;
    }
}
