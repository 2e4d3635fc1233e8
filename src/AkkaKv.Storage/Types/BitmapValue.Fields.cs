namespace AkkaKv.Storage;

public static partial class BitmapValue
{
    /// <summary>BITFIELD GET: the integer of <paramref name="bits"/> bits at <paramref name="offset"/>, zero past the end.</summary>
    public static long GetField(ReadOnlySpan<byte> value, long offset, int bits, bool signed)
    {
        var raw = ReadBits(value, offset, bits);
        return signed ? SignExtend(raw, bits) : (long)raw;
    }

    /// <summary>
    /// BITFIELD with at least one SET or INCRBY: grows the string (or creates the key) so every written integer fits,
    /// then runs the operations in order. Each result is the value read (GET), the old value (SET), the new value
    /// (INCRBY), or null when OVERFLOW FAIL refused the write. <paramref name="modified"/> tells whether the value
    /// changed, which includes creating the key or growing the string.
    /// </summary>
    public static StringStatus Field(Database db, ReadOnlySpan<byte> key, ReadOnlySpan<BitFieldOperation> operations, long nowMs, Span<long?> results, out bool modified)
    {
        modified = false;
        if (results.Length < operations.Length)
        {
            throw new ArgumentException("one result per operation", nameof(results));
        }

        var status = Lookup(db, key, nowMs, out var entry, out var current);
        if (status == StringStatus.WrongType)
        {
            return status;
        }

        long lastBit = 0;
        foreach (var operation in operations)
        {
            if (operation.Kind != BitFieldKind.Get)
            {
                lastBit = Math.Max(lastBit, operation.LastBit);
            }
        }

        if ((lastBit >> 3) >= Array.MaxLength)
        {
            return StringStatus.TooLarge;
        }

        var length = Math.Max(current?.Length ?? 0, (int)(lastBit >> 3) + 1);
        modified = current is null || length != current.Length;
        var result = new byte[length];
        current?.CopyTo(result, 0);
        for (var i = 0; i < operations.Length; i++)
        {
            results[i] = Apply(result, operations[i], ref modified);
        }

        if (modified)
        {
            Store(db, key, entry, result, nowMs);
        }
        else
        {
            // Redis unshares the string before writing, which makes it "raw" even if no bit changed.
            entry!.StringEncoding = StringEncodingHint.Raw;
        }

        return StringStatus.Ok;
    }

    private static long? Apply(Span<byte> value, BitFieldOperation operation, ref bool modified)
    {
        var old = ReadBits(value, operation.Offset, operation.Bits);
        if (operation.Kind == BitFieldKind.Get)
        {
            return operation.Signed ? SignExtend(old, operation.Bits) : (long)old;
        }

        bool overflow;
        ulong stored;
        long reply;
        if (operation.Signed)
        {
            var oldValue = SignExtend(old, operation.Bits);
            var increment = operation.Kind == BitFieldKind.IncrBy;
            var start = increment ? oldValue : operation.Value;
            overflow = SignedOverflow(start, increment ? operation.Value : 0, operation.Bits, operation.Overflow, out var limit);
            var newValue = overflow ? limit : unchecked(start + (increment ? operation.Value : 0));
            stored = (ulong)newValue;
            reply = increment ? newValue : oldValue;
        }
        else
        {
            var increment = operation.Kind == BitFieldKind.IncrBy;
            var start = increment ? old : (ulong)operation.Value;
            overflow = UnsignedOverflow(start, increment ? operation.Value : 0, operation.Bits, operation.Overflow, out var limit);
            stored = overflow ? limit : unchecked(start + (ulong)(increment ? operation.Value : 0));
            reply = increment ? (long)stored : (long)old;
        }

        if (overflow && operation.Overflow == BitFieldOverflow.Fail)
        {
            return null;
        }

        var mask = operation.Bits == 64 ? ulong.MaxValue : (1UL << operation.Bits) - 1;
        if ((stored & mask) != old)
        {
            modified = true;
        }

        WriteBits(value, operation.Offset, operation.Bits, stored);
        return reply;
    }

    /// <summary>
    /// Whether <paramref name="value"/> + <paramref name="increment"/> leaves the unsigned range of
    /// <paramref name="bits"/> bits; <paramref name="limit"/> is then what WRAP or SAT store.
    /// </summary>
    private static bool UnsignedOverflow(ulong value, long increment, int bits, BitFieldOverflow overflow, out ulong limit)
    {
        limit = 0;
        var max = bits == 64 ? ulong.MaxValue : (1UL << bits) - 1;
        var maxIncrement = unchecked((long)(max - value));
        var minIncrement = unchecked(-(long)value);
        if (value > max || (increment > 0 && increment > maxIncrement))
        {
            limit = overflow == BitFieldOverflow.Sat ? max : Wrap(value, increment, bits);
            return true;
        }

        if (increment < 0 && increment < minIncrement)
        {
            limit = overflow == BitFieldOverflow.Sat ? 0 : Wrap(value, increment, bits);
            return true;
        }

        return false;

        static ulong Wrap(ulong value, long increment, int bits) =>
            unchecked(value + (ulong)increment) & ~(ulong.MaxValue << bits);
    }

    /// <summary>The signed counterpart of <see cref="UnsignedOverflow"/>; WRAP keeps the sign bit's meaning.</summary>
    private static bool SignedOverflow(long value, long increment, int bits, BitFieldOverflow overflow, out long limit)
    {
        limit = 0;
        var max = bits == 64 ? long.MaxValue : (1L << (bits - 1)) - 1;
        var min = -max - 1;

        // Redis computes both bounds with wrapping arithmetic and uses each only where it cannot have wrapped.
        var maxIncrement = unchecked((long)((ulong)max - (ulong)value));
        var minIncrement = unchecked(min - value);
        if (value > max || (bits != 64 && increment > maxIncrement) || (value >= 0 && increment > 0 && increment > maxIncrement))
        {
            limit = overflow == BitFieldOverflow.Sat ? max : Wrap(value, increment, bits);
            return true;
        }

        if (value < min || (bits != 64 && increment < minIncrement) || (value < 0 && increment < 0 && increment < minIncrement))
        {
            limit = overflow == BitFieldOverflow.Sat ? min : Wrap(value, increment, bits);
            return true;
        }

        return false;

        static long Wrap(long value, long increment, int bits)
        {
            var sum = unchecked((ulong)value + (ulong)increment);
            if (bits < 64)
            {
                var high = ulong.MaxValue << bits;
                sum = (sum & (1UL << (bits - 1))) != 0 ? sum | high : sum & ~high;
            }

            return (long)sum;
        }
    }

    private static ulong ReadBits(ReadOnlySpan<byte> value, long offset, int bits)
    {
        ulong result = 0;
        for (var i = 0; i < bits; i++, offset++)
        {
            var index = offset >> 3;
            var bit = index < value.Length && (value[(int)index] & Mask(offset)) != 0;
            result = (result << 1) | (bit ? 1UL : 0UL);
        }

        return result;
    }

    private static void WriteBits(Span<byte> value, long offset, int bits, ulong field)
    {
        for (var i = bits - 1; i >= 0; i--, offset++)
        {
            if ((field & (1UL << i)) != 0)
            {
                value[(int)(offset >> 3)] |= Mask(offset);
            }
            else
            {
                value[(int)(offset >> 3)] &= (byte)~Mask(offset);
            }
        }
    }

    private static long SignExtend(ulong raw, int bits) =>
        bits < 64 && (raw & (1UL << (bits - 1))) != 0 ? (long)(raw | (ulong.MaxValue << bits)) : (long)raw;
}
