namespace AkkaKv.Storage;

/// <summary>
/// A member interval as ZRANGEBYLEX, ZLEXCOUNT and ZREMRANGEBYLEX take it: each end "[x" (inclusive), "(x"
/// (exclusive), "-" (before every member) or "+" (after every member). Meaningful when all scores are equal.
/// </summary>
public sealed class ZLexRange
{
    private readonly byte[] _min;
    private readonly byte[] _max;
    private readonly LexBound _minKind;
    private readonly LexBound _maxKind;

    private ZLexRange(byte[] min, LexBound minKind, byte[] max, LexBound maxKind)
    {
        _min = min;
        _minKind = minKind;
        _max = max;
        _maxKind = maxKind;
    }

    private enum LexBound
    {
        Inclusive,
        Exclusive,
        MinusInfinity,
        PlusInfinity,
    }

    /// <summary>True when no member can be in the range (Redis's zslIsInLexRange test on the ends).</summary>
    public bool IsEmpty
    {
        get
        {
            var cmp = CompareEnds(_min, _minKind, _max, _maxKind);
            return cmp > 0 || (cmp == 0 && (_minKind != LexBound.Inclusive || _maxKind != LexBound.Inclusive));
        }
    }

    /// <summary>Parses both ends as Redis's zslParseLexRange does; false for anything else.</summary>
    public static bool TryParse(ReadOnlySpan<byte> min, ReadOnlySpan<byte> max, out ZLexRange? range)
    {
        range = null;
        if (!TryParseEnd(min, out var minValue, out var minKind) || !TryParseEnd(max, out var maxValue, out var maxKind))
        {
            return false;
        }

        range = new ZLexRange(minValue, minKind, maxValue, maxKind);
        return true;
    }

    /// <summary>Whether a member is at or after the lower end (Redis's zslLexValueGteMin).</summary>
    public bool IsAboveMin(ReadOnlySpan<byte> member)
    {
        var cmp = CompareToEnd(member, _min, _minKind);
        return _minKind == LexBound.Inclusive ? cmp >= 0 : cmp > 0;
    }

    /// <summary>Whether a member is at or before the upper end (Redis's zslLexValueLteMax).</summary>
    public bool IsBelowMax(ReadOnlySpan<byte> member)
    {
        var cmp = CompareToEnd(member, _max, _maxKind);
        return _maxKind == LexBound.Inclusive ? cmp <= 0 : cmp < 0;
    }

    public bool Contains(ReadOnlySpan<byte> member) => IsAboveMin(member) && IsBelowMax(member);

    private static bool TryParseEnd(ReadOnlySpan<byte> text, out byte[] value, out LexBound kind)
    {
        value = [];
        kind = LexBound.Inclusive;
        if (text.IsEmpty) return false;
        switch (text[0])
        {
            case (byte)'+' when text.Length == 1:
                kind = LexBound.PlusInfinity;
                return true;
            case (byte)'-' when text.Length == 1:
                kind = LexBound.MinusInfinity;
                return true;
            case (byte)'(':
                kind = LexBound.Exclusive;
                value = text[1..].ToArray();
                return true;
            case (byte)'[':
                value = text[1..].ToArray();
                return true;
            default:
                return false;
        }
    }

    // "-" and "+" sort before and after every string (Redis's sdscmplex with shared.minstring/maxstring).
    private static int CompareToEnd(ReadOnlySpan<byte> member, byte[] end, LexBound kind) => kind switch
    {
        LexBound.MinusInfinity => 1,
        LexBound.PlusInfinity => -1,
        _ => member.SequenceCompareTo(end),
    };

    private static int CompareEnds(byte[] a, LexBound aKind, byte[] b, LexBound bKind)
    {
        if (aKind == bKind && aKind is LexBound.MinusInfinity or LexBound.PlusInfinity) return 0;
        if (aKind == LexBound.MinusInfinity || bKind == LexBound.PlusInfinity) return -1;
        if (aKind == LexBound.PlusInfinity || bKind == LexBound.MinusInfinity) return 1;
        return a.AsSpan().SequenceCompareTo(b);
    }
}
