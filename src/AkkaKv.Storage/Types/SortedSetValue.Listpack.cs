using System.Buffers.Binary;

namespace AkkaKv.Storage;

/// <summary>
/// The listpack encoding: every element in order in one byte array, walked from the start as Redis walks its
/// listpack. An element is a kind byte, the score, the member's length (LEB128) and the member. Kind 0 is an
/// 8-byte double; kinds 1 to 8 an integral score in that many little-endian bytes, sign-extended, so "member:1"
/// with score 1 takes 12 bytes.
/// </summary>
public sealed partial class SortedSetValue
{
    private const int DoubleKind = 0;

    // Past this many spare bytes after removals the array is trimmed.
    private const int SlackBytes = 64;

    private int ListpackStart(int index)
    {
        var offset = 0;
        for (var i = 0; i < index; i++) offset = ListpackNext(offset);
        return offset;
    }

    private int ListpackNext(int offset)
    {
        ReadEntry(offset, out _, out var memberStart, out var memberLength);
        return memberStart + memberLength;
    }

    /// <summary>Decodes the element at <paramref name="offset"/>; returns where its member starts.</summary>
    private void ReadEntry(int offset, out double score, out int memberStart, out int memberLength)
    {
        var blob = _blob;
        int kind = blob[offset++];
        if (kind == DoubleKind)
        {
            score = BinaryPrimitives.ReadDoubleLittleEndian(blob.AsSpan(offset, 8));
            offset += 8;
        }
        else
        {
            long value = 0;
            for (var i = kind - 1; i >= 0; i--) value = (value << 8) | blob[offset + i];
            var unused = 64 - 8 * kind;
            score = unused == 0 ? value : (value << unused) >> unused;
            offset += kind;
        }

        memberLength = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = blob[offset++];
            memberLength |= (b & 0x7F) << shift;
            if (b < 0x80) break;
        }

        memberStart = offset;
    }

    private ZSetEntry ReadEntryAt(int offset, out int next)
    {
        ReadEntry(offset, out var score, out var memberStart, out var memberLength);
        next = memberStart + memberLength;
        return new ZSetEntry(_blob.AsMemory(memberStart, memberLength), score);
    }

    /// <summary>The index of a member, -1 when absent (a linear walk, as in a listpack).</summary>
    private int ListpackFind(ReadOnlySpan<byte> member, out double score, out int offset)
    {
        offset = 0;
        for (var i = 0; i < _count; i++)
        {
            ReadEntry(offset, out score, out var memberStart, out var memberLength);
            if (memberLength == member.Length && _blob.AsSpan(memberStart, memberLength).SequenceEqual(member)) return i;
            offset = memberStart + memberLength;
        }

        score = 0;
        return -1;
    }

    /// <summary>How many elements come before the bound, and where the first one not before it starts.</summary>
    private int ListpackCountBefore<TBound>(in TBound bound, out int offset)
        where TBound : struct, IZSetBound, allows ref struct
    {
        offset = 0;
        for (var i = 0; i < _count; i++)
        {
            ReadEntry(offset, out var score, out var memberStart, out var memberLength);
            if (!bound.IsBefore(score, _blob.AsSpan(memberStart, memberLength))) return i;
            offset = memberStart + memberLength;
        }

        return _count;
    }

    /// <summary>Inserts an element where the order puts it (the member must be absent).</summary>
    private void ListpackInsert(ReadOnlySpan<byte> member, double score)
    {
        ListpackCountBefore(new ElementBound(score, member), out var offset);
        ListpackInsertAt(offset, member, score);
    }

    /// <summary>
    /// Inserts an element at a byte offset. An integral score is stored as an integer, so -0 comes back as 0, as
    /// from Redis's listpack (the big encoding keeps -0).
    /// </summary>
    private void ListpackInsertAt(int offset, ReadOnlySpan<byte> member, double score)
    {
        Span<byte> head = stackalloc byte[1 + 8 + 5];
        var headLength = EncodeHead(score, member.Length, head);
        var length = headLength + member.Length;
        if (_used + length > _blob.Length)
        {
            Array.Resize(ref _blob, Math.Max(_used + length, _used + (_used >> 2)));
        }

        Array.Copy(_blob, offset, _blob, offset + length, _used - offset);
        head[..headLength].CopyTo(_blob.AsSpan(offset));
        member.CopyTo(_blob.AsSpan(offset + headLength));
        _used += length;
        _count++;
    }

    /// <summary>Removes the elements at indexes start..end-1, giving memory back once much of the array is unused.</summary>
    private void ListpackRemoveRange(int start, int end)
    {
        var from = ListpackStart(start);
        var to = from;
        for (var i = start; i < end; i++) to = ListpackNext(to);
        ListpackRemoveBytes(from, to, end - start);
    }

    private void ListpackRemoveBytes(int from, int to, int elements)
    {
        Array.Copy(_blob, to, _blob, from, _used - to);
        _used -= to - from;
        _count -= elements;
        if (_blob.Length - _used > Math.Max(SlackBytes, _used)) Array.Resize(ref _blob, _used + (_used >> 2));
    }

    /// <summary>Makes room for about <paramref name="bytes"/> more bytes before elements are added one by one.</summary>
    private void ReserveListpackBytes(int bytes)
    {
        if (_used + bytes > _blob.Length) Array.Resize(ref _blob, _used + bytes);
    }

    /// <summary>Writes the kind, the score and the member length; returns how many bytes that took.</summary>
    private static int EncodeHead(double score, int memberLength, Span<byte> head)
    {
        int length;
        // Integral and within a long: Redis's listpack stores such scores as integers too.
        if (score >= -9223372036854775808.0 && score < 9223372036854775808.0 && Math.Floor(score) == score)
        {
            var value = (long)score;
            var bytes = 1;
            while (bytes < 8 && (value << (64 - 8 * bytes)) >> (64 - 8 * bytes) != value) bytes++;
            head[0] = (byte)bytes;
            for (var i = 0; i < bytes; i++) head[1 + i] = (byte)(value >> (8 * i));
            length = 1 + bytes;
        }
        else
        {
            head[0] = DoubleKind;
            BinaryPrimitives.WriteDoubleLittleEndian(head[1..], score);
            length = 9;
        }

        var remaining = (uint)memberLength;
        while (remaining >= 0x80)
        {
            head[length++] = (byte)(remaining | 0x80);
            remaining >>= 7;
        }

        head[length++] = (byte)remaining;
        return length;
    }

    /// <summary>The elements before (score, member) in the order: where that element goes.</summary>
    private readonly ref struct ElementBound(double score, ReadOnlySpan<byte> member) : IZSetBound
    {
        private readonly ReadOnlySpan<byte> _member = member;

        public bool IsBefore(double otherScore, ReadOnlySpan<byte> otherMember) =>
            ZSetOrder.Compare(otherScore, otherMember, score, _member) < 0;
    }
}
