using System.Globalization;

namespace AkkaKv.Storage;

/// <summary>
/// A score interval as ZRANGEBYSCORE, ZCOUNT and ZREMRANGEBYSCORE take it: each end a number, "(" before it making
/// it exclusive, -inf and +inf allowed.
/// </summary>
public readonly struct ZScoreRange(double min, bool minExclusive, double max, bool maxExclusive)
{
    public double Min { get; } = min;

    public bool MinExclusive { get; } = minExclusive;

    public double Max { get; } = max;

    public bool MaxExclusive { get; } = maxExclusive;

    /// <summary>True when no score can be in the range (Redis tests this before looking at the set).</summary>
    public bool IsEmpty => Min > Max || (Min == Max && (MinExclusive || MaxExclusive));

    /// <summary>
    /// Parses both ends as Redis's zslParseRange does, with C strtod: leading spaces, an empty text (0), and numbers
    /// beyond a double's range (infinity or 0) are accepted; nan and trailing garbage are not.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> min, ReadOnlySpan<byte> max, out ZScoreRange range)
    {
        range = default;
        if (!TryParseEnd(min, out var minValue, out var minExclusive) || !TryParseEnd(max, out var maxValue, out var maxExclusive))
        {
            return false;
        }

        range = new ZScoreRange(minValue, minExclusive, maxValue, maxExclusive);
        return true;
    }

    /// <summary>Whether a score is at or above the lower end (Redis's zslValueGteMin).</summary>
    public bool IsAboveMin(double score) => MinExclusive ? score > Min : score >= Min;

    /// <summary>Whether a score is at or below the upper end (Redis's zslValueLteMax).</summary>
    public bool IsBelowMax(double score) => MaxExclusive ? score < Max : score <= Max;

    public bool Contains(double score) => IsAboveMin(score) && IsBelowMax(score);

    private static bool TryParseEnd(ReadOnlySpan<byte> text, out double value, out bool exclusive)
    {
        exclusive = !text.IsEmpty && text[0] == '(';
        return TryParseStrtod(exclusive ? text[1..] : text, out value);
    }

    private static bool TryParseStrtod(ReadOnlySpan<byte> text, out double value)
    {
        value = 0;
        // The C string ends at the first NUL; strtod of an empty string converts nothing, leaving its end at the NUL.
        var end = text.IndexOf((byte)0);
        if (end >= 0) text = text[..end];
        if (text.IsEmpty) return true;

        var start = 0;
        while (start < text.Length && text[start] is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\v' or (byte)'\f' or (byte)'\r')
        {
            start++;
        }

        var number = text[start..];
        if (!FloatLiteral.TryScan(number, out var literal)) return false;
        if (literal.Kind == FloatLiteralKind.Decimal)
        {
            // .NET rounds as strtod does, overflowing to infinity and underflowing to 0 or a subnormal.
            return double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
        }

        value = LongDouble.FromLiteral(literal, BinaryFormat.Double).ToDouble();
        return true;
    }
}
