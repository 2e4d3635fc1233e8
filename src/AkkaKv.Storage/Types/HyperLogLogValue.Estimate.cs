using System.Buffers.Binary;
using System.Numerics;

namespace AkkaKv.Storage;

public static partial class HyperLogLogValue
{
    private const ulong HashSeed = 0xadc83b19;

    // 0.5 / ln(2), the limit of the bias constant alpha as the number of registers grows.
    private const double AlphaInfinity = 0.721347520444481703680;

    /// <summary>
    /// The cardinality of raw registers (one byte per register, as PFCOUNT over several keys merges them), with
    /// Redis's estimator.
    /// </summary>
    public static long CountRegisters(ReadOnlySpan<byte> registers)
    {
        if (registers.Length != Registers)
        {
            throw new ArgumentException($"expected {Registers} registers", nameof(registers));
        }

        Span<int> histogram = stackalloc int[64];
        foreach (var register in registers)
        {
            histogram[register & 63]++;
        }

        return Estimate(histogram);
    }

    /// <summary>MurmurHash64A as Redis has it: little-endian blocks whatever the machine.</summary>
    internal static ulong MurmurHash64A(ReadOnlySpan<byte> data, ulong seed)
    {
        const ulong m = 0xc6a4a7935bd1e995;
        const int r = 47;
        var h = seed ^ unchecked((ulong)data.Length * m);
        var blocks = data.Length & ~7;
        for (var i = 0; i < blocks; i += 8)
        {
            var k = BinaryPrimitives.ReadUInt64LittleEndian(data[i..]);
            k = unchecked(k * m);
            k ^= k >> r;
            k = unchecked(k * m);
            h ^= k;
            h = unchecked(h * m);
        }

        var tail = data[blocks..];
        if (!tail.IsEmpty)
        {
            for (var i = tail.Length - 1; i >= 0; i--)
            {
                h ^= (ulong)tail[i] << (8 * i);
            }

            h = unchecked(h * m);
        }

        h ^= h >> r;
        h = unchecked(h * m);
        h ^= h >> r;
        return h;
    }

    /// <summary>The register an element lands in and the length of its hash's "000...1" pattern (1..51).</summary>
    private static int PatternLength(ReadOnlySpan<byte> element, out int index)
    {
        var hash = MurmurHash64A(element, HashSeed);
        index = (int)(hash & (Registers - 1));
        hash >>= IndexBits;
        hash |= 1UL << HashBits;
        return BitOperations.TrailingZeroCount(hash) + 1;
    }

    /// <summary>How many registers hold each value; false when a sparse HLL does not cover exactly 16384 registers.</summary>
    private static bool Histogram(ReadOnlySpan<byte> hll, Span<int> histogram)
    {
        var registers = hll[HeaderSize..];
        if (hll[EncodingOffset] == DenseEncoding)
        {
            for (var i = 0; i < Registers; i++)
            {
                histogram[DenseRead(registers, i)]++;
            }

            return true;
        }

        var index = 0;
        for (var p = 0; p < registers.Length;)
        {
            var op = Decode(registers, p);
            histogram[op.Value] += op.Run;
            index += op.Run;
            p += op.Length;
        }

        return index == Registers;
    }

    /// <summary>
    /// Otmar Ertl's improved estimator ("New cardinality estimation algorithms for HyperLogLog sketches"), computed in
    /// the same order as Redis so the result is the same double, rounded half away from zero.
    /// </summary>
    private static long Estimate(ReadOnlySpan<int> histogram)
    {
        const double m = Registers;
        var z = m * Tau((m - histogram[HashBits + 1]) / m);
        for (var j = HashBits; j >= 1; j--)
        {
            z += histogram[j];
            z *= 0.5;
        }

        z += m * Sigma(histogram[0] / m);
        return (long)Math.Round(AlphaInfinity * m * m / z, MidpointRounding.AwayFromZero);
    }

    private static double Sigma(double x)
    {
        if (x == 1.0)
        {
            return double.PositiveInfinity;
        }

        double previous;
        var y = 1.0;
        var z = x;
        do
        {
            x *= x;
            previous = z;
            z += x * y;
            y += y;
        }
        while (previous != z);
        return z;
    }

    private static double Tau(double x)
    {
        if (x == 0.0 || x == 1.0)
        {
            return 0.0;
        }

        double previous;
        var y = 1.0;
        var z = 1 - x;
        do
        {
            x = Math.Sqrt(x);
            previous = z;
            y *= 0.5;
            z -= Math.Pow(1 - x, 2) * y;
        }
        while (previous != z);
        return z / 3;
    }
}
