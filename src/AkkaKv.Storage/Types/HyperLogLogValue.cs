using System.Buffers.Binary;
using System.Text;

namespace AkkaKv.Storage;

/// <summary>
/// HyperLogLogs as Redis's hyperloglog.c has them: plain string values in Redis's exact byte format (so an HLL copied
/// from Redis with GET/SET keeps working, and back), sparse while small, dense past hll-sparse-max-bytes, counted with
/// the same hash and estimator so PFCOUNT answers the same number. Protocol-free. A stored array is never changed:
/// writers store a new one, leaving the string "raw" as Redis's unshared strings are.
/// </summary>
public static partial class HyperLogLogValue
{
    /// <summary>The number of registers, and so the length of a raw register array.</summary>
    public const int RegisterCount = Registers;

    /// <summary>Whether a string is an HLL: the magic, a known encoding and, dense, the exact length.</summary>
    public static bool IsValid(ReadOnlySpan<byte> value) =>
        value.Length >= HeaderSize &&
        value[..4].SequenceEqual("HYLL"u8) &&
        value[EncodingOffset] <= SparseEncoding &&
        (value[EncodingOffset] != DenseEncoding || value.Length == DenseSize);

    /// <summary>
    /// PFADD: creates the key if missing, then adds each element. <paramref name="updated"/> is true when the key was
    /// created or a register rose. On corruption the registers raised before it stay raised, as in Redis.
    /// </summary>
    public static HyperLogLogStatus Add(Database db, ReadOnlySpan<byte> key, int count, Func<int, ReadOnlySpan<byte>> element,
        long nowMs, int sparseMaxBytes, out bool updated)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(element);
        updated = false;
        var entry = db.Lookup(key, nowMs);
        var status = Open(entry, out var sketch);
        if (status != HyperLogLogStatus.Ok)
        {
            return status;
        }

        updated = entry is null;
        for (var i = 0; i < count; i++)
        {
            var length = PatternLength(element(i), out var index);
            var result = sketch.Set(index, length, sparseMaxBytes);
            if (result < 0)
            {
                Store(db, key, entry, sketch, nowMs);
                return HyperLogLogStatus.Corrupted;
            }

            updated |= result > 0;
        }

        if (updated)
        {
            sketch.InvalidateCache();
        }

        Store(db, key, entry, sketch, nowMs);
        return HyperLogLogStatus.Ok;
    }

    /// <summary>
    /// PFCOUNT of one key: the cached cardinality when valid, else the estimate, which is then cached in a new value
    /// (<paramref name="cacheUpdated"/>: Redis propagates that change). A missing key counts 0.
    /// </summary>
    public static HyperLogLogStatus Count(KeyEntry? entry, out long cardinality, out bool cacheUpdated)
    {
        cardinality = 0;
        cacheUpdated = false;
        if (entry is null)
        {
            return HyperLogLogStatus.Ok;
        }

        var status = Open(entry, out var sketch);
        if (status != HyperLogLogStatus.Ok)
        {
            return status;
        }

        var hll = sketch.Bytes;
        if ((hll[CardinalityOffset + 7] & 0x80) == 0)
        {
            cardinality = BinaryPrimitives.ReadInt64LittleEndian(hll[CardinalityOffset..]);
            return HyperLogLogStatus.Ok;
        }

        Span<int> histogram = stackalloc int[64];
        if (!Histogram(hll, histogram))
        {
            return HyperLogLogStatus.Corrupted;
        }

        cardinality = Estimate(histogram);
        sketch.SetCache(cardinality);
        entry.Value = sketch.ToArray();
        entry.StringEncoding = StringEncodingHint.Raw;
        cacheUpdated = true;
        return HyperLogLogStatus.Ok;
    }

    /// <summary>
    /// Raises each of <paramref name="registers"/> (one byte per register) to the key's register (PFCOUNT over several
    /// keys, PFMERGE). A missing key merges nothing; <paramref name="dense"/> tells whether the key's HLL is dense.
    /// </summary>
    public static HyperLogLogStatus MergeInto(KeyEntry? entry, Span<byte> registers, out bool dense)
    {
        dense = false;
        if (registers.Length != Registers)
        {
            throw new ArgumentException($"expected {Registers} registers", nameof(registers));
        }

        if (entry is null)
        {
            return HyperLogLogStatus.Ok;
        }

        if (entry.Value is not byte[] hll)
        {
            return HyperLogLogStatus.WrongType;
        }

        if (!IsValid(hll))
        {
            return HyperLogLogStatus.NotHyperLogLog;
        }

        dense = hll[EncodingOffset] == DenseEncoding;
        if (dense)
        {
            var packed = hll.AsSpan(HeaderSize);
            for (var i = 0; i < Registers; i++)
            {
                registers[i] = Math.Max(registers[i], (byte)DenseRead(packed, i));
            }

            return HyperLogLogStatus.Ok;
        }

        var sparse = hll.AsSpan(HeaderSize);
        var index = 0;
        for (var p = 0; p < sparse.Length;)
        {
            var op = Decode(sparse, p);
            if (op.Value > 0)
            {
                // A run past the last register is corruption even where the total would come out right.
                if (index + op.Run > Registers)
                {
                    return HyperLogLogStatus.Corrupted;
                }

                for (var i = index; i < index + op.Run; i++)
                {
                    registers[i] = Math.Max(registers[i], (byte)op.Value);
                }
            }

            index += op.Run;
            p += op.Length;
        }

        return index == Registers ? HyperLogLogStatus.Ok : HyperLogLogStatus.Corrupted;
    }

    /// <summary>
    /// PFMERGE's write: raises the destination's registers to <paramref name="registers"/> (already merged from every
    /// key, the destination included), turning it dense first when <paramref name="dense"/>, and creates it if missing.
    /// </summary>
    public static HyperLogLogStatus StoreMerged(Database db, ReadOnlySpan<byte> key, ReadOnlySpan<byte> registers, bool dense,
        long nowMs, int sparseMaxBytes)
    {
        ArgumentNullException.ThrowIfNull(db);
        var entry = db.Lookup(key, nowMs);
        var status = Open(entry, out var sketch);
        if (status != HyperLogLogStatus.Ok)
        {
            return status;
        }

        if (dense && !sketch.ToDense())
        {
            return HyperLogLogStatus.Corrupted;
        }

        for (var i = 0; i < Registers; i++)
        {
            if (registers[i] != 0)
            {
                sketch.Set(i, registers[i], sparseMaxBytes);
            }
        }

        sketch.InvalidateCache();
        Store(db, key, entry, sketch, nowMs);
        return HyperLogLogStatus.Ok;
    }

    /// <summary>PFDEBUG GETREG: every register, turning a sparse HLL dense first (<paramref name="converted"/>).</summary>
    public static HyperLogLogStatus GetRegisters(KeyEntry entry, out byte[] registers, out bool converted)
    {
        registers = [];
        var status = ToDense(entry, out converted);
        if (status != HyperLogLogStatus.Ok)
        {
            return status;
        }

        var packed = ((byte[])entry.Value).AsSpan(HeaderSize);
        registers = new byte[Registers];
        for (var i = 0; i < Registers; i++)
        {
            registers[i] = (byte)DenseRead(packed, i);
        }

        return HyperLogLogStatus.Ok;
    }

    /// <summary>PFDEBUG TODENSE: turns a sparse HLL dense; <paramref name="converted"/> is false if it already was.</summary>
    public static HyperLogLogStatus ToDense(KeyEntry entry, out bool converted)
    {
        ArgumentNullException.ThrowIfNull(entry);
        converted = false;
        var status = Open(entry, out var sketch);
        if (status != HyperLogLogStatus.Ok || sketch.IsDense)
        {
            return status;
        }

        if (!sketch.ToDense())
        {
            return HyperLogLogStatus.Corrupted;
        }

        entry.Value = sketch.ToArray();
        entry.StringEncoding = StringEncodingHint.Raw;
        converted = true;
        return HyperLogLogStatus.Ok;
    }

    /// <summary>PFDEBUG ENCODING: "dense" or "sparse".</summary>
    public static HyperLogLogStatus EncodingName(KeyEntry entry, out string name)
    {
        name = "";
        var status = Open(entry, out var sketch);
        if (status == HyperLogLogStatus.Ok)
        {
            name = sketch.IsDense ? "dense" : "sparse";
        }

        return status;
    }

    /// <summary>
    /// PFDEBUG DECODE: the sparse opcodes as text ("Z:16384" XZERO, "z:5" ZERO, "v:3,2" VAL); null for a dense HLL.
    /// </summary>
    public static HyperLogLogStatus DecodeSparse(KeyEntry entry, out string? decoded)
    {
        decoded = null;
        var status = Open(entry, out var sketch);
        if (status != HyperLogLogStatus.Ok || sketch.IsDense)
        {
            return status;
        }

        var text = new StringBuilder();
        var sparse = sketch.Bytes[HeaderSize..];
        for (var p = 0; p < sparse.Length;)
        {
            var op = Decode(sparse, p);
            if (text.Length > 0)
            {
                text.Append(' ');
            }

            if (op.Value > 0)
            {
                text.Append("v:").Append(op.Value).Append(',').Append(op.Run);
            }
            else
            {
                text.Append(op.Length == 2 ? "Z:" : "z:").Append(op.Run);
            }

            p += op.Length;
        }

        decoded = text.ToString();
        return HyperLogLogStatus.Ok;
    }

    /// <summary>
    /// The HLL at an entry (a new empty one when null), checked, and marked "raw": every HLL command but PFCOUNT over
    /// several keys unshares the string in Redis, even when it only reads.
    /// </summary>
    private static HyperLogLogStatus Open(KeyEntry? entry, out Sketch sketch)
    {
        sketch = null!;
        if (entry is null)
        {
            sketch = Sketch.CreateEmpty();
            return HyperLogLogStatus.Ok;
        }

        if (entry.Value is not byte[] value)
        {
            return HyperLogLogStatus.WrongType;
        }

        if (!IsValid(value))
        {
            return HyperLogLogStatus.NotHyperLogLog;
        }

        entry.StringEncoding = StringEncodingHint.Raw;
        sketch = new Sketch(value);
        return HyperLogLogStatus.Ok;
    }

    /// <summary>Stores a changed sketch: into the entry (keeping its TTL), or as a new key.</summary>
    private static void Store(Database db, ReadOnlySpan<byte> key, KeyEntry? entry, Sketch sketch, long nowMs)
    {
        if (!sketch.Changed)
        {
            return;
        }

        if (entry is null)
        {
            entry = db.Set(key, sketch.ToArray(), nowMs: nowMs);
        }
        else
        {
            entry.Value = sketch.ToArray();
        }

        entry.StringEncoding = StringEncodingHint.Raw;
    }
}
