namespace AkkaKv.Storage;

/// <summary>
/// A binary floating-point format to round to: significand width, exponent of the smallest subnormal's
/// unit, and the power of two from which values overflow.
/// </summary>
internal readonly record struct BinaryFormat(int SignificandBits, int MinExponent, int OverflowExponent)
{
    /// <summary>x87 80-bit extended precision: C's long double on x86-64 Linux, where Redis runs.</summary>
    public static readonly BinaryFormat Extended = new(64, -16445, 16384);

    /// <summary>IEEE 754 binary64.</summary>
    public static readonly BinaryFormat Double = new(53, -1074, 1024);
}
