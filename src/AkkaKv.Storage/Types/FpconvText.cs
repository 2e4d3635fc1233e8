using AkkaKv.Fpconv;

namespace AkkaKv.Storage;

/// <summary>
/// A score (never NaN) as Redis 7.2's fpconv_dtoa writes it, which its DEBUG DIGEST mixes for sorted sets: "0", "-0",
/// "inf", "-inf", else Grisu2's digits laid out plain ("100", "0.001"), with a point ("1.5") or with an exponent
/// ("1e+20", "1.5e-7").
/// </summary>
internal static class FpconvText
{
    public const int MaxLength = 32;

    public static int Format(double value, Span<byte> destination)
    {
        var length = 0;
        if (double.IsNegative(value)) destination[length++] = (byte)'-';
        var magnitude = Math.Abs(value);
        if (double.IsInfinity(magnitude)) return length + Copy("inf"u8, destination[length..]);
        if (magnitude == 0) return length + Copy("0"u8, destination[length..]);

        return Grisu2.Format(value, destination);
    }

    private static int Copy(ReadOnlySpan<byte> text, Span<byte> destination)
    {
        text.CopyTo(destination);
        return text.Length;
    }
}
