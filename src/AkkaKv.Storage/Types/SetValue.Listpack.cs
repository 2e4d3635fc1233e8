namespace AkkaKv.Storage;

/// <summary>
/// The listpack form: <c>_data[0.._length)</c> holds <c>_count</c> entries in insertion order, each a little-endian
/// base-128 length followed by that many bytes. A short member costs one byte over its content.
/// </summary>
public sealed partial class SetValue
{
    /// <summary>Bytes an entry of this content length takes.</summary>
    private static int PackedSize(int length)
    {
        var size = 1;
        for (var rest = (uint)length >> 7; rest != 0; rest >>= 7)
        {
            size++;
        }

        return size + length;
    }

    /// <summary>Reads the entry at <paramref name="offset"/>: its content is [start, start + length). Returns the next entry's offset.</summary>
    private int ReadPacked(int offset, out int start, out int length)
    {
        var data = _data!;
        var value = 0;
        var shift = 0;
        byte b;
        do
        {
            b = data[offset++];
            value |= (b & 0x7F) << shift;
            shift += 7;
        }
        while ((b & 0x80) != 0);

        start = offset;
        length = value;
        return offset + value;
    }

    private ReadOnlySpan<byte> PackedAt(int offset)
    {
        ReadPacked(offset, out var start, out var length);
        return _data.AsSpan(start, length);
    }

    /// <summary>The offset of the member's entry, -1 when absent.</summary>
    private int FindPacked(ReadOnlySpan<byte> member)
    {
        var offset = 0;
        for (var i = 0; i < _count; i++)
        {
            var next = ReadPacked(offset, out var start, out var length);
            if (length == member.Length && _data.AsSpan(start, length).SequenceEqual(member))
            {
                return offset;
            }

            offset = next;
        }

        return -1;
    }

    /// <summary>The offset of every entry, for picking entries by position.</summary>
    private int[] PackedOffsets()
    {
        var offsets = new int[_count];
        var offset = 0;
        for (var i = 0; i < offsets.Length; i++)
        {
            offsets[i] = offset;
            offset = ReadPacked(offset, out _, out _);
        }

        return offsets;
    }

    private void AppendPacked(ReadOnlySpan<byte> member)
    {
        var offset = _length;
        ResizePacked(offset, 0, PackedSize(member.Length));
        var data = _data!;
        var rest = (uint)member.Length;
        while (rest >= 0x80)
        {
            data[offset++] = (byte)(rest | 0x80);
            rest >>= 7;
        }

        data[offset++] = (byte)rest;
        member.CopyTo(data.AsSpan(offset));
        _count++;
    }

    private void RemovePackedAt(int offset)
    {
        ResizePacked(offset, ReadPacked(offset, out _, out _) - offset, 0);
        _count--;
    }

    private void ResizePacked(int offset, int oldSize, int newSize) =>
        PackedBytes.Resize(ref _data, ref _length, offset, oldSize, newSize);
}
