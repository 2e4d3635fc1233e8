namespace AkkaKv.Storage;

/// <summary>
/// One node of a stream (Redis: one listpack under one radix-tree key): up to stream-node-max-entries entries packed
/// into a single byte array. The first entry's ID is the node's master ID and its field names are the master fields;
/// later entries store their ID as deltas from the master ID and, when their fields are the master fields, only
/// their values. Deleting marks an entry (a tombstone) without moving bytes, as Redis does.
/// </summary>
/// <remarks>
/// Layout: varint master-field count, then each master field (varint length, bytes); then the entries, each: a flag
/// byte, varint ms delta, zigzag varint seq delta, and either the values alone (same fields as the master) or a varint
/// field count followed by field/value pairs. Lengths are varints. No per-entry object, no back links: reverse scans
/// collect a node's entry offsets first (a node is small).
/// </remarks>
internal sealed partial class StreamNode
{
    private const byte DeletedFlag = 1;
    private const byte SameFieldsFlag = 2;
    private const int MinimumCapacity = 64;

    private byte[] _data;

    private StreamNode(StreamId masterId, byte[] data, int length, int entriesStart, int masterFieldCount)
    {
        MasterId = masterId;
        _data = data;
        Length = length;
        EntriesStart = entriesStart;
        MasterFieldCount = masterFieldCount;
    }

    /// <summary>The ID of the node's first entry (deleted or not): its key in Redis's radix tree.</summary>
    public StreamId MasterId { get; }

    /// <summary>The ID of the node's last entry, deleted or not.</summary>
    public StreamId LastId { get; private set; }

    /// <summary>Entries not deleted (Redis's listpack "count").</summary>
    public int Live { get; private set; }

    /// <summary>Entries marked deleted and still in the node.</summary>
    public int Deleted { get; private set; }

    /// <summary>The size Redis's listpack for this node would have: decides, as in Redis, when a node is full.</summary>
    public int ListpackBytes { get; private set; }

    internal byte[] Data => _data;

    internal int Length { get; private set; }

    internal int EntriesStart { get; }

    internal int MasterFieldCount { get; }

    /// <summary>A node whose first entry is <paramref name="id"/> with <paramref name="fieldsAndValues"/>; its fields become the master fields.</summary>
    public static StreamNode Create(StreamId id, ReadOnlySpan<ReadOnlyMemory<byte>> fieldsAndValues)
    {
        var fieldCount = fieldsAndValues.Length / 2;
        var size = VarintSize((ulong)fieldCount);
        for (var i = 0; i < fieldsAndValues.Length; i += 2) size += VarintSize((ulong)fieldsAndValues[i].Length) + fieldsAndValues[i].Length;
        var data = new byte[Math.Max(MinimumCapacity, (size + EntrySize(fieldsAndValues, sameFields: true)) * 2)];
        var at = WriteVarint(data, 0, (ulong)fieldCount);
        for (var i = 0; i < fieldsAndValues.Length; i += 2) at = WriteBytes(data, at, fieldsAndValues[i].Span);

        var node = new StreamNode(id, data, at, at, fieldCount);
        // Master entry: count, deleted, field count, the fields, a zero terminator (the count is raised by Append).
        node.ListpackBytes = ListpackHeaderBytes + IntegerElementBytes(0) + IntegerElementBytes(0) + IntegerElementBytes(fieldCount) + IntegerElementBytes(0);
        for (var i = 0; i < fieldsAndValues.Length; i += 2) node.ListpackBytes += StringElementBytes(fieldsAndValues[i].Span);
        node.Append(id, fieldsAndValues);
        return node;
    }

    /// <summary>Appends an entry whose ID is greater than every ID in the node.</summary>
    public void Append(StreamId id, ReadOnlySpan<ReadOnlyMemory<byte>> fieldsAndValues)
    {
        var sameFields = HasMasterFields(fieldsAndValues);
        EnsureCapacity(EntrySize(fieldsAndValues, sameFields));
        var msDelta = id.Ms - MasterId.Ms;
        var seqDelta = unchecked((long)(id.Seq - MasterId.Seq));
        _data[Length] = sameFields ? SameFieldsFlag : (byte)0;
        var at = WriteVarint(_data, Length + 1, msDelta);
        at = WriteVarint(_data, at, ZigZag(seqDelta));
        if (!sameFields) at = WriteVarint(_data, at, (ulong)(fieldsAndValues.Length / 2));
        for (var i = 0; i < fieldsAndValues.Length; i++)
        {
            if (sameFields && i % 2 == 0) continue;
            at = WriteBytes(_data, at, fieldsAndValues[i].Span);
        }

        Length = at;
        LastId = id;
        SetCounts(Live + 1, Deleted);
        ListpackBytes += ListpackEntryBytes(unchecked((long)msDelta), seqDelta, fieldsAndValues, sameFields);
    }

    /// <summary>Gives back the spare capacity once the node stops being the tail (Redis's lpShrinkToFit).</summary>
    public void TrimExcess()
    {
        if (_data.Length != Length) Array.Resize(ref _data, Length);
    }

    /// <summary>Marks the entry at <paramref name="offset"/> deleted; false when it already was.</summary>
    public bool MarkDeleted(int offset)
    {
        if ((_data[offset] & DeletedFlag) != 0) return false;
        _data[offset] |= DeletedFlag;
        SetCounts(Live - 1, Deleted + 1);
        return true;
    }

    /// <summary>Reads the entry at <paramref name="offset"/>; <paramref name="next"/> is where the following one starts.</summary>
    public StreamEntry ReadEntry(int offset, out int next)
    {
        var flags = _data[offset];
        var at = ReadVarint(_data, offset + 1, out var msDelta);
        at = ReadVarint(_data, at, out var zigzag);
        var id = new StreamId(MasterId.Ms + msDelta, unchecked(MasterId.Seq + (ulong)UnZigZag(zigzag)));
        var sameFields = (flags & SameFieldsFlag) != 0;
        int fieldCount;
        if (sameFields)
        {
            fieldCount = MasterFieldCount;
        }
        else
        {
            at = ReadVarint(_data, at, out var count);
            fieldCount = (int)count;
        }

        var fieldsStart = at;
        var items = sameFields ? fieldCount : fieldCount * 2;
        for (var i = 0; i < items; i++)
        {
            at = ReadVarint(_data, at, out var length);
            at += (int)length;
        }

        next = at;
        return new StreamEntry(this, id, (flags & DeletedFlag) != 0, sameFields, fieldCount, fieldsStart);
    }

    /// <summary>The offset of every entry, in order (for reverse scans).</summary>
    public int CollectOffsets(ref int[] offsets)
    {
        var count = 0;
        for (var at = EntriesStart; at < Length; count++)
        {
            if (count == offsets.Length) Array.Resize(ref offsets, Math.Max(16, offsets.Length * 2));
            offsets[count] = at;
            ReadEntry(at, out at);
        }

        return count;
    }

    /// <summary>A deep copy (COPY), without spare capacity.</summary>
    public StreamNode Clone() =>
        new(MasterId, _data.AsSpan(0, Length).ToArray(), Length, EntriesStart, MasterFieldCount)
        {
            LastId = LastId, Live = Live, Deleted = Deleted, ListpackBytes = ListpackBytes,
        };

    private bool HasMasterFields(ReadOnlySpan<ReadOnlyMemory<byte>> fieldsAndValues)
    {
        if (fieldsAndValues.Length / 2 != MasterFieldCount) return false;
        var at = VarintSize((ulong)MasterFieldCount);
        for (var i = 0; i < fieldsAndValues.Length; i += 2)
        {
            at = ReadVarint(_data, at, out var length);
            if (!_data.AsSpan(at, (int)length).SequenceEqual(fieldsAndValues[i].Span)) return false;
            at += (int)length;
        }

        return true;
    }

    private void SetCounts(int live, int deleted)
    {
        ListpackBytes += IntegerElementBytes(live) - IntegerElementBytes(Live) + IntegerElementBytes(deleted) - IntegerElementBytes(Deleted);
        Live = live;
        Deleted = deleted;
    }

    private void EnsureCapacity(int extra)
    {
        if (Length + extra <= _data.Length) return;
        Array.Resize(ref _data, Math.Max(Length + extra, _data.Length * 2));
    }

    private static int EntrySize(ReadOnlySpan<ReadOnlyMemory<byte>> fieldsAndValues, bool sameFields)
    {
        // Flag byte, two varints of at most 10 bytes, a field count, then the items.
        var size = 1 + 10 + 10 + (sameFields ? 0 : VarintSize((ulong)(fieldsAndValues.Length / 2)));
        for (var i = 0; i < fieldsAndValues.Length; i++)
        {
            if (sameFields && i % 2 == 0) continue;
            size += VarintSize((ulong)fieldsAndValues[i].Length) + fieldsAndValues[i].Length;
        }

        return size;
    }

    private static ulong ZigZag(long value) => (ulong)((value << 1) ^ (value >> 63));

    private static long UnZigZag(ulong value) => (long)(value >> 1) ^ -(long)(value & 1);

    private static int WriteBytes(byte[] data, int at, ReadOnlySpan<byte> bytes)
    {
        at = WriteVarint(data, at, (ulong)bytes.Length);
        bytes.CopyTo(data.AsSpan(at));
        return at + bytes.Length;
    }

    internal static int WriteVarint(byte[] data, int at, ulong value)
    {
        while (value >= 0x80)
        {
            data[at++] = (byte)(value | 0x80);
            value >>= 7;
        }

        data[at++] = (byte)value;
        return at;
    }

    internal static int ReadVarint(byte[] data, int at, out ulong value)
    {
        value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = data[at++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80) return at;
        }
    }

    private static int VarintSize(ulong value)
    {
        var size = 1;
        while (value >= 0x80)
        {
            value >>= 7;
            size++;
        }

        return size;
    }
}
