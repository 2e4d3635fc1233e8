using System.Numerics;
using System.Runtime.InteropServices;

namespace AkkaKv.Storage;

/// <summary>
/// The bit commands over string values, as Redis's bitops.c has them: bit 0 is the most significant bit of the first
/// byte, and bytes past the end read as zero. Protocol-free. Writers never change a stored array: they store a new
/// one, and leave the string "raw" as Redis's unshared strings are.
/// </summary>
public static partial class BitmapValue
{
    /// <summary>GETBIT: the bit at <paramref name="offset"/>, 0 past the end.</summary>
    public static bool GetBit(ReadOnlySpan<byte> value, long offset)
    {
        var index = offset >> 3;
        return index < value.Length && (value[(int)index] & Mask(offset)) != 0;
    }

    /// <summary>
    /// SETBIT: sets or clears the bit at <paramref name="offset"/>, zero-padding the string (or creating the key) as
    /// needed. <paramref name="modified"/> tells whether anything changed (the key was created, the string grew or
    /// the bit flipped), which is when Redis propagates the command.
    /// </summary>
    public static StringStatus SetBit(Database db, ReadOnlySpan<byte> key, long offset, bool on, long nowMs, out bool previous, out bool modified)
    {
        previous = false;
        modified = false;
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        var status = Lookup(db, key, nowMs, out var entry, out var current);
        if (status == StringStatus.WrongType)
        {
            return status;
        }

        var index = offset >> 3;
        if (index >= Array.MaxLength)
        {
            return StringStatus.TooLarge;
        }

        previous = current is not null && GetBit(current, offset);
        var length = Math.Max(current?.Length ?? 0, (int)index + 1);
        modified = current is null || length != current.Length || previous != on;
        if (!modified)
        {
            // Redis unshares the string even when the bit is already right, which makes it "raw".
            entry!.StringEncoding = StringEncodingHint.Raw;
            return StringStatus.Ok;
        }

        var result = new byte[length];
        current?.CopyTo(result, 0);
        if (on)
        {
            result[index] |= Mask(offset);
        }
        else
        {
            result[index] &= (byte)~Mask(offset);
        }

        Store(db, key, entry, result, nowMs);
        return StringStatus.Ok;
    }

    /// <summary>BITCOUNT of the whole string.</summary>
    public static long Count(ReadOnlySpan<byte> value) => PopCount(value);

    /// <summary>
    /// BITCOUNT over a range of bytes (or bits when <paramref name="bitUnit"/>): negative indexes count from the end,
    /// both ends are clamped into the string, and an inverted range counts nothing.
    /// </summary>
    public static long Count(ReadOnlySpan<byte> value, long start, long end, bool bitUnit)
    {
        if (start < 0 && end < 0 && start > end)
        {
            return 0;
        }

        if (!ToByteRange(value.Length, ref start, ref end, bitUnit, out var firstMask, out var lastMask) || start > end)
        {
            return 0;
        }

        var range = value.Slice((int)start, (int)(end - start + 1));
        var count = PopCount(range);

        // The edge bytes were counted whole: take back the bits outside the range.
        count -= BitOperations.PopCount((uint)(range[0] & firstMask));
        count -= BitOperations.PopCount((uint)(range[^1] & lastMask));
        return count;
    }

    /// <summary>
    /// BITPOS without a range: the first bit equal to <paramref name="bit"/>. Looking for a clear bit in a string of
    /// set bits finds the first bit after it, as the string is taken as zero-padded; an empty string has neither.
    /// </summary>
    public static long Position(ReadOnlySpan<byte> value, bool bit) =>
        value.IsEmpty ? -1 : FindBit(value, bit);

    /// <summary>
    /// BITPOS with a start (and maybe an end) in bytes, or bits when <paramref name="bitUnit"/>, with BITCOUNT's index
    /// rules. Without an end, a search for a clear bit may answer the first bit after the string; with an end it
    /// answers -1 when the range holds no clear bit.
    /// </summary>
    public static long Position(ReadOnlySpan<byte> value, bool bit, long start, long? end, bool bitUnit)
    {
        var last = end ?? value.Length - 1L;
        if (!ToByteRange(value.Length, ref start, ref last, bitUnit, out var firstMask, out var lastMask) || start > last)
        {
            return -1;
        }

        var position = SearchRange(value, bit, start, last, firstMask, lastMask, out var searchedFrom, out var bytesLeft);
        if (end is not null && !bit && position == bytesLeft << 3)
        {
            return -1;
        }

        return position == -1 ? -1 : position + (searchedFrom << 3);
    }

    /// <summary>
    /// Redis's three steps over the range: the partial first byte, the whole bytes, the partial last byte. Returns the
    /// position relative to <paramref name="searchedFrom"/>, the byte the last step started at, with
    /// <paramref name="bytesLeft"/> the bytes that step covered; positions past them mean "not in the range".
    /// </summary>
    private static long SearchRange(ReadOnlySpan<byte> value, bool bit, long start, long end, byte firstMask, byte lastMask, out long searchedFrom, out long bytesLeft)
    {
        var bytes = end - start + 1;
        searchedFrom = start;
        bytesLeft = bytes;
        if (firstMask != 0)
        {
            var first = OutsideBits(value[(int)start], firstMask, bit);
            if (lastMask != 0 && bytes == 1)
            {
                first = OutsideBits(first, lastMask, bit);
            }

            var position = FindBit([first], bit);
            if (bytes == 1 || (position != -1 && position != 8))
            {
                return position;
            }

            start++;
            bytes--;
        }

        var whole = bytes - (lastMask != 0 ? 1 : 0);
        if (whole > 0)
        {
            searchedFrom = start;
            bytesLeft = bytes;
            var position = FindBit(value.Slice((int)start, (int)whole), bit);
            if (bytes == whole || (position != -1 && position != whole << 3))
            {
                return position;
            }

            start += whole;
            bytes -= whole;
        }

        searchedFrom = start;
        bytesLeft = bytes;
        return FindBit([OutsideBits(value[(int)end], lastMask, bit)], bit);
    }

    /// <summary>Sets the bits of <paramref name="mask"/> (outside the range) to the opposite of the bit searched for.</summary>
    private static byte OutsideBits(byte value, byte mask, bool bit) => bit ? (byte)(value & ~mask) : (byte)(value | mask);

    /// <summary>
    /// The first bit equal to <paramref name="bit"/>; when there is none, -1 for a set bit and the bit just past the
    /// bytes for a clear bit (Redis's redisBitpos).
    /// </summary>
    private static long FindBit(ReadOnlySpan<byte> bytes, bool bit)
    {
        var skip = bit ? (byte)0 : (byte)0xFF;
        var index = bytes.IndexOfAnyExcept(skip);
        if (index < 0)
        {
            return bit ? -1 : (long)bytes.Length << 3;
        }

        var current = bit ? bytes[index] : (byte)~bytes[index];
        return ((long)index << 3) + BitOperations.LeadingZeroCount((uint)current) - 24;
    }

    /// <summary>
    /// Resolves a BITCOUNT/BITPOS range to bytes: negative indexes from the end, clamped into the string. For a bit
    /// range the masks cover the bits of the first and last byte that lie outside it. False when the string is empty.
    /// </summary>
    private static bool ToByteRange(long length, ref long start, ref long end, bool bitUnit, out byte firstMask, out byte lastMask)
    {
        firstMask = 0;
        lastMask = 0;
        var total = bitUnit ? length << 3 : length;
        if (start < 0)
        {
            start = Math.Max(0, total + start);
        }

        if (end < 0)
        {
            end = Math.Max(0, total + end);
        }

        end = Math.Min(end, total - 1);
        if (bitUnit && start <= end)
        {
            firstMask = (byte)~(0xFF >> (int)(start & 7));
            lastMask = (byte)((1 << (7 - (int)(end & 7))) - 1);
            start >>= 3;
            end >>= 3;
        }

        return total > 0;
    }

    private static long PopCount(ReadOnlySpan<byte> bytes)
    {
        long count = 0;
        var words = MemoryMarshal.Cast<byte, ulong>(bytes);
        foreach (var word in words)
        {
            count += BitOperations.PopCount(word);
        }

        foreach (var b in bytes[(words.Length * sizeof(ulong))..])
        {
            count += BitOperations.PopCount(b);
        }

        return count;
    }

    private static byte Mask(long offset) => (byte)(0x80 >> (int)(offset & 7));

    /// <summary>Replaces an existing string (keeping its TTL) or creates the key; either way the string is "raw".</summary>
    private static void Store(Database db, ReadOnlySpan<byte> key, KeyEntry? entry, byte[] value, long nowMs)
    {
        if (entry is null)
        {
            entry = db.Set(key, value, nowMs: nowMs);
        }
        else
        {
            entry.Value = value;
        }

        entry.StringEncoding = StringEncodingHint.Raw;
    }

    /// <summary>Ok with the value, NotFound (both null) or WrongType (entry set, value null).</summary>
    private static StringStatus Lookup(Database db, ReadOnlySpan<byte> key, long nowMs, out KeyEntry? entry, out byte[]? value)
    {
        ArgumentNullException.ThrowIfNull(db);
        value = null;
        entry = db.Lookup(key, nowMs);
        if (entry is null)
        {
            return StringStatus.NotFound;
        }

        value = entry.Value as byte[];
        return value is null ? StringStatus.WrongType : StringStatus.Ok;
    }
}
