using System.Globalization;

namespace AkkaKv.Storage;

/// <summary>Numbers as Redis reads and writes them (util.c string2ll, string2d, ll2string).</summary>
public static partial class StringValue
{
    // Redis's LONG_STR_SIZE: longer text is refused before looking at it.
    private const int MaxIntegerTextLength = 20;

    /// <summary>
    /// Redis's string2ll: optional '-', then digits without leading zeros ("0" alone is fine, "-0" is not),
    /// nothing else (no spaces, no '+'), and the value must fit a long.
    /// </summary>
    public static bool TryParseInteger(ReadOnlySpan<byte> text, out long value)
    {
        value = 0;
        if (text.IsEmpty || text.Length > MaxIntegerTextLength)
        {
            return false;
        }

        if (text.Length == 1 && text[0] == '0')
        {
            return true;
        }

        var negative = text[0] == '-';
        var digits = negative ? text[1..] : text;
        if (digits.IsEmpty || digits[0] is < (byte)'1' or > (byte)'9')
        {
            return false;
        }

        ulong magnitude = 0;
        foreach (var c in digits)
        {
            var digit = (uint)(c - '0');
            if (digit > 9 || magnitude > (ulong.MaxValue - digit) / 10)
            {
                return false;
            }

            magnitude = magnitude * 10 + digit;
        }

        if (negative)
        {
            if (magnitude > (ulong)long.MaxValue + 1)
            {
                return false;
            }

            value = (long)(0 - magnitude);
            return true;
        }

        if (magnitude > long.MaxValue)
        {
            return false;
        }

        value = (long)magnitude;
        return true;
    }

    /// <summary>
    /// Redis's string2d (scores, timeouts, …): the whole text in C strtod syntax — decimal, hexadecimal
    /// (0x1.8p3) or inf/infinity with an optional sign — and nothing else: no surrounding spaces, not
    /// empty, not nan, and not a finite number that overflows a double or underflows to zero.
    /// </summary>
    public static bool TryParseDouble(ReadOnlySpan<byte> text, out double value)
    {
        if (TryParseSmallInteger(text, out value))
        {
            return true;
        }

        if (!FloatLiteral.TryScan(text, out var literal))
        {
            return false;
        }

        if (literal.Kind == FloatLiteralKind.Decimal)
        {
            // The syntax is checked already; .NET's parser rounds correctly and is far faster.
            double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
            return double.IsFinite(value) && (value != 0 || !literal.HasNonZeroDigit);
        }

        var parsed = LongDouble.FromLiteral(literal, BinaryFormat.Double);
        value = parsed.ToDouble();
        return LongDouble.IsInRange(parsed, literal);
    }

    /// <summary>
    /// The common score or increment: up to 15 digits, maybe after a minus sign, which a double holds exactly (so
    /// strtod would give the same, "-0" included), without the general parser's cost.
    /// </summary>
    private static bool TryParseSmallInteger(ReadOnlySpan<byte> text, out double value)
    {
        value = 0;
        var negative = !text.IsEmpty && text[0] == '-';
        var digits = negative ? text[1..] : text;
        if (digits.IsEmpty || digits.Length > 15)
        {
            return false;
        }

        long magnitude = 0;
        foreach (var c in digits)
        {
            var digit = (uint)(c - '0');
            if (digit > 9)
            {
                return false;
            }

            magnitude = (magnitude * 10) + digit;
        }

        value = negative ? -(double)magnitude : magnitude;
        return true;
    }

    /// <summary>The decimal text of a long, as Redis's ll2string writes it.</summary>
    public static byte[] FormatInteger(long value) => FormatInteger(value, stackalloc byte[MaxIntegerTextLength]).ToArray();

    /// <summary>The decimal text of a long, written into <paramref name="text"/> (at least 20 bytes).</summary>
    private static Span<byte> FormatInteger(long value, Span<byte> text)
    {
        value.TryFormat(text, out var written, default, CultureInfo.InvariantCulture);
        return text[..written];
    }
}
