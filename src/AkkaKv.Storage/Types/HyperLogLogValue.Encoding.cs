namespace AkkaKv.Storage;

public static partial class HyperLogLogValue
{
    // Redis's layout: "HYLL", the encoding byte, three unused bytes, the cached cardinality (little endian, its top
    // bit set while invalid), then the registers: 16384 of 6 bits packed LSB first (dense) or run-length opcodes (sparse).
    private const int HeaderSize = 16;
    private const int EncodingOffset = 4;
    private const int CardinalityOffset = 8;
    private const int RegisterBits = 6;
    private const int RegisterMax = (1 << RegisterBits) - 1;
    private const int IndexBits = 14;
    private const int Registers = 1 << IndexBits;
    private const int HashBits = 64 - IndexBits;
    private const int DenseSize = HeaderSize + ((Registers * RegisterBits) + 7) / 8;
    private const byte DenseEncoding = 0;
    private const byte SparseEncoding = 1;

    // Sparse opcodes: ZERO 00xxxxxx (1..64 zero registers), XZERO 01xxxxxx yyyyyyyy (1..16384 zero registers),
    // VAL 1vvvvvxx (1..4 registers at value 1..32).
    private const int XZeroBit = 0x40;
    private const int ValBit = 0x80;
    private const int SparseMaxValue = 32;
    private const int SparseMaxRun = 4;
    private const int SparseMaxZeroRun = 64;

    /// <summary>One decoded sparse opcode: <see cref="Run"/> registers at <see cref="Value"/>, <see cref="Length"/> bytes long.</summary>
    private readonly record struct SparseOp(int Value, int Run, int Length);

    /// <summary>
    /// The opcode at <paramref name="p"/>. An XZERO cut short by the end of a corrupted value takes its second byte
    /// from <paramref name="after"/>, the byte past the end: Redis reads it there (its string terminator, or what an
    /// earlier write of the same command left in it).
    /// </summary>
    private static SparseOp Decode(ReadOnlySpan<byte> sparse, int p, byte after = 0)
    {
        var b = sparse[p];
        if ((b & ValBit) != 0)
        {
            return new SparseOp(ValValue(b), ValRun(b), 1);
        }

        if ((b & 0xC0) == 0)
        {
            return new SparseOp(0, (b & 0x3F) + 1, 1);
        }

        var low = p + 1 < sparse.Length ? sparse[p + 1] : after;
        return new SparseOp(0, (((b & 0x3F) << 8) | low) + 1, 2);
    }

    private static int ValValue(byte b) => ((b >> 2) & 0x1F) + 1;

    private static int ValRun(byte b) => (b & 0x3) + 1;

    private static byte Val(int value, int run) => (byte)(ValBit | ((value - 1) << 2) | (run - 1));

    private static void WriteXZero(Span<byte> target, int at, int run)
    {
        target[at] = (byte)(XZeroBit | ((run - 1) >> 8));
        target[at + 1] = (byte)((run - 1) & 0xFF);
    }

    /// <summary>Register <paramref name="index"/> of dense registers (the bytes after the header).</summary>
    private static int DenseRead(ReadOnlySpan<byte> registers, int index)
    {
        var bit = index * RegisterBits;
        var at = bit >> 3;
        var shift = bit & 7;
        var high = at + 1 < registers.Length ? registers[at + 1] : 0;
        return ((registers[at] >> shift) | (high << (8 - shift))) & RegisterMax;
    }

    private static void DenseWrite(Span<byte> registers, int index, int value)
    {
        var bit = index * RegisterBits;
        var at = bit >> 3;
        var shift = bit & 7;
        registers[at] = (byte)((registers[at] & ~(RegisterMax << shift)) | (value << shift));
        if (at + 1 < registers.Length)
        {
            registers[at + 1] = (byte)((registers[at + 1] & ~(RegisterMax >> (8 - shift))) | (value >> (8 - shift)));
        }
    }
}
