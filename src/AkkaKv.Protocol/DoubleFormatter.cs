using System.Buffers.Text;
using AkkaKv.Fpconv;

namespace AkkaKv.Protocol;

/// <summary>
/// Formats a double exactly as Redis 7.2's d2string does for replies: "nan", "inf", "-inf", "0", "-0";
/// an integral value within ±2^62 as an integer ("3", not "3.0"); anything else by fpconv_dtoa, the
/// Grisu2 shortest-digits conversion, which writes "0.1", "1.5e-7", "1e+20", "123456789012345680000".
/// </summary>
/// <remarks>INCRBYFLOAT and HINCRBYFLOAT use a different, long double "human" format in Redis.</remarks>
public static class DoubleFormatter
{
    /// <summary>Room enough for any value ("-2.2250738585072014e-308" is 24 bytes).</summary>
    public const int MaxLength = 32;

    /// <summary>LLONG_MAX / 2 as a double: Redis prints integral values up to this as integers.</summary>
    private const double IntegerPrintLimit = 4611686018427387904.0;

    /// <summary>Writes the text and returns its length; the destination must hold it (MaxLength always does).</summary>
    public static int Format(double value, Span<byte> destination)
    {
        Span<byte> text = stackalloc byte[MaxLength];
        int length = FormatInto(value, text);
        if (length > destination.Length)
        {
            throw new ArgumentException($"{length} bytes are needed to format {value}.", nameof(destination));
        }

        text[..length].CopyTo(destination);
        return length;
    }

    /// <summary>The text as a string, for tests, logs and callers that need one.</summary>
    public static string ToString(double value)
    {
        Span<byte> text = stackalloc byte[MaxLength];
        int length = FormatInto(value, text);
        return System.Text.Encoding.ASCII.GetString(text[..length]);
    }

    /// <summary>Formats into a destination known to hold <see cref="MaxLength"/> bytes.</summary>
    internal static int FormatInto(double value, Span<byte> text)
    {
        if (double.IsNaN(value))
        {
            return Copy("nan"u8, text);
        }

        if (double.IsInfinity(value))
        {
            return Copy(value < 0 ? "-inf"u8 : "inf"u8, text);
        }

        if (value == 0)
        {
            return Copy(double.IsNegative(value) ? "-0"u8 : "0"u8, text);
        }

        if (value >= -IntegerPrintLimit && value <= IntegerPrintLimit)
        {
            long integral = (long)value;
            if (integral == value)
            {
                Utf8Formatter.TryFormat(integral, text, out int written);
                return written;
            }
        }

        return Grisu2.Format(value, text);
    }

    private static int Copy(ReadOnlySpan<byte> literal, Span<byte> text)
    {
        literal.CopyTo(text);
        return literal.Length;
    }
}
