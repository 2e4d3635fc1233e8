namespace AkkaKv.Storage;

/// <summary>
/// The byte size Redis's listpack encoding gives a node. Redis starts a new node when the tail's listpack would
/// reach stream-node-max-bytes, so tracking this size makes node boundaries, approximate trimming and XINFO's
/// radix-tree counts come out as in Redis, whatever encoding AkkaKv uses itself.
/// </summary>
internal sealed partial class StreamNode
{
    // Total-bytes (4) and element-count (2) header, and the end marker.
    private const int ListpackHeaderBytes = 7;

    /// <summary>An integer element: its encoding (1 to 9 bytes) plus a one-byte back length.</summary>
    private static int IntegerElementBytes(long value)
    {
        var encoding = value switch
        {
            >= 0 and <= 127 => 1,
            >= -4096 and <= 4095 => 2,
            >= short.MinValue and <= short.MaxValue => 3,
            >= -8388608 and <= 8388607 => 4,
            >= int.MinValue and <= int.MaxValue => 5,
            _ => 9,
        };
        return encoding + 1;
    }

    /// <summary>A string element; listpacks store strings that read as integers as integers.</summary>
    private static int StringElementBytes(ReadOnlySpan<byte> value)
    {
        if (StringValue.TryParseInteger(value, out var integer)) return IntegerElementBytes(integer);
        var encoding = value.Length switch
        {
            < 64 => 1 + value.Length,
            < 4096 => 2 + value.Length,
            _ => 5 + value.Length,
        };
        return encoding + BackLengthBytes(encoding);
    }

    private static int BackLengthBytes(int encodedLength) => encodedLength switch
    {
        <= 127 => 1,
        < 16383 => 2,
        < 2097151 => 3,
        < 268435455 => 4,
        _ => 5,
    };

    /// <summary>flags, ms delta, seq delta, [field count, fields,] values, and the element count closing the entry.</summary>
    private static int ListpackEntryBytes(long msDelta, long seqDelta, ReadOnlySpan<ReadOnlyMemory<byte>> fieldsAndValues, bool sameFields)
    {
        var fieldCount = fieldsAndValues.Length / 2;
        var size = IntegerElementBytes(SameFieldsFlag) + IntegerElementBytes(msDelta) + IntegerElementBytes(seqDelta);
        if (!sameFields) size += IntegerElementBytes(fieldCount);
        for (var i = 0; i < fieldsAndValues.Length; i++)
        {
            if (sameFields && i % 2 == 0) continue;
            size += StringElementBytes(fieldsAndValues[i].Span);
        }

        var elements = 3 + fieldCount + (sameFields ? 0 : fieldCount + 1);
        return size + IntegerElementBytes(elements);
    }
}
