namespace AkkaKv.Storage;

/// <summary>
/// The compact form: <c>_packed[0.._packedLength)</c> holds entries, each a <see cref="LengthPrefix"/> followed by that
/// many bytes; fields and values alternate. A short entry costs one byte over its content.
/// </summary>
public sealed partial class HashValue
{
    private byte[]? _packed;
    private int _packedLength;
    private int _packedCount;

    /// <summary>Bytes an entry of this content length takes.</summary>
    private static int PackedSize(int length) => LengthPrefix.Size(length) + length;

    /// <summary>Reads the entry at <paramref name="offset"/>: its content is [start, start + length). Returns the next entry's offset.</summary>
    private int ReadPacked(int offset, out int start, out int length)
    {
        start = offset + LengthPrefix.Read(_packed.AsSpan(offset), out length);
        return start + length;
    }

    private int SkipPacked(int offset) => ReadPacked(offset, out _, out _);

    /// <summary>Writes an entry at <paramref name="offset"/> (room already made); returns the offset after it.</summary>
    private int WritePacked(int offset, ReadOnlySpan<byte> content)
    {
        offset += LengthPrefix.Write(_packed.AsSpan(offset), content.Length);
        content.CopyTo(_packed.AsSpan(offset));
        return offset + content.Length;
    }

    /// <summary>The offset of the field's entry, -1 when absent.</summary>
    private int FindPacked(ReadOnlySpan<byte> field)
    {
        var offset = 0;
        for (var i = 0; i < _packedCount; i++)
        {
            var valueOffset = ReadPacked(offset, out var start, out var length);
            if (length == field.Length && _packed.AsSpan(start, length).SequenceEqual(field))
            {
                return offset;
            }

            offset = SkipPacked(valueOffset);
        }

        return -1;
    }

    /// <summary>The offset of every field entry, for picking entries by index.</summary>
    private int[] PackedOffsets()
    {
        var offsets = new int[_packedCount];
        var offset = 0;
        for (var i = 0; i < offsets.Length; i++)
        {
            offsets[i] = offset;
            offset = SkipPacked(SkipPacked(offset));
        }

        return offsets;
    }

    /// <summary>The entry whose field starts at <paramref name="offset"/>.</summary>
    private HashEntry PackedEntryAt(int offset)
    {
        var valueOffset = ReadPacked(offset, out var fieldStart, out var fieldLength);
        ReadPacked(valueOffset, out var valueStart, out var valueLength);
        return new HashEntry(_packed.AsSpan(fieldStart, fieldLength), _packed.AsSpan(valueStart, valueLength));
    }

    /// <summary>Sets a field in the compact form; true when it was added.</summary>
    private bool SetPacked(ReadOnlySpan<byte> field, ReadOnlySpan<byte> value)
    {
        var offset = FindPacked(field);
        if (offset >= 0)
        {
            var valueOffset = SkipPacked(offset);
            var oldSize = SkipPacked(valueOffset) - valueOffset;
            Resize(valueOffset, oldSize, PackedSize(value.Length));
            WritePacked(valueOffset, value);
            return false;
        }

        var end = _packedLength;
        Resize(end, 0, PackedSize(field.Length) + PackedSize(value.Length));
        WritePacked(WritePacked(end, field), value);
        _packedCount++;
        return true;
    }

    private bool RemovePacked(ReadOnlySpan<byte> field)
    {
        var offset = FindPacked(field);
        if (offset < 0)
        {
            return false;
        }

        Resize(offset, SkipPacked(SkipPacked(offset)) - offset, 0);
        _packedCount--;
        return true;
    }

    private void Resize(int offset, int oldSize, int newSize) =>
        PackedBytes.Resize(ref _packed, ref _packedLength, offset, oldSize, newSize);
}
