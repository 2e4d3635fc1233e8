namespace AkkaKv.Storage;

/// <summary>
/// A number written the way C's strtod/strtold accept it and Redis's string2d/string2ld let through:
/// optional sign, then decimal digits with an optional point and exponent, hexadecimal (0x…, optional
/// point, optional p exponent), or inf/infinity (any case). Nothing else, not even surrounding spaces;
/// nan is refused as Redis refuses it.
/// </summary>
internal readonly ref struct FloatLiteral
{
    // Bigger exponents are equivalent: the value over- or underflows long before.
    private const int ExponentSaturation = 1_000_000;

    private FloatLiteral(bool negative, FloatLiteralKind kind, ReadOnlySpan<byte> integerDigits,
        ReadOnlySpan<byte> fractionDigits, int exponent)
    {
        Negative = negative;
        Kind = kind;
        IntegerDigits = integerDigits;
        FractionDigits = fractionDigits;
        Exponent = exponent;
    }

    public bool Negative { get; }

    public FloatLiteralKind Kind { get; }

    /// <summary>Digits before the point (decimal or hexadecimal).</summary>
    public ReadOnlySpan<byte> IntegerDigits { get; }

    /// <summary>Digits after the point.</summary>
    public ReadOnlySpan<byte> FractionDigits { get; }

    /// <summary>The written exponent (power of 10, or of 2 for hexadecimal), saturated.</summary>
    public int Exponent { get; }

    public bool HasNonZeroDigit => ContainsNonZero(IntegerDigits) || ContainsNonZero(FractionDigits);

    public static bool TryScan(ReadOnlySpan<byte> text, out FloatLiteral literal)
    {
        literal = default;
        var negative = false;
        var rest = text;
        if (!rest.IsEmpty && (rest[0] == '+' || rest[0] == '-'))
        {
            negative = rest[0] == '-';
            rest = rest[1..];
        }

        if (rest.IsEmpty)
        {
            return false;
        }

        if (IsInfinityWord(rest))
        {
            literal = new FloatLiteral(negative, FloatLiteralKind.Infinity, default, default, 0);
            return true;
        }

        var hex = rest.Length > 2 && rest[0] == '0' && (rest[1] | 0x20) == 'x';
        if (hex)
        {
            rest = rest[2..];
        }

        var integerDigits = TakeDigits(ref rest, hex);
        var fractionDigits = ReadOnlySpan<byte>.Empty;
        if (!rest.IsEmpty && rest[0] == '.')
        {
            rest = rest[1..];
            fractionDigits = TakeDigits(ref rest, hex);
        }

        if (integerDigits.IsEmpty && fractionDigits.IsEmpty)
        {
            return false;
        }

        var exponent = 0;
        if (!rest.IsEmpty)
        {
            var marker = rest[0] | 0x20;
            if (marker != (hex ? 'p' : 'e') || !TryParseExponent(rest[1..], out exponent))
            {
                return false;
            }
        }

        literal = new FloatLiteral(negative, hex ? FloatLiteralKind.Hexadecimal : FloatLiteralKind.Decimal,
            integerDigits, fractionDigits, exponent);
        return true;
    }

    private static bool IsInfinityWord(ReadOnlySpan<byte> text) =>
        text.Length is 3 or 8 && System.Text.Ascii.EqualsIgnoreCase(text, "infinity"u8[..text.Length]);

    private static ReadOnlySpan<byte> TakeDigits(scoped ref ReadOnlySpan<byte> text, bool hex)
    {
        var length = 0;
        while (length < text.Length && (hex ? char.IsAsciiHexDigit((char)text[length]) : char.IsAsciiDigit((char)text[length])))
        {
            length++;
        }

        var digits = text[..length];
        text = text[length..];
        return digits;
    }

    // The whole remainder must be an optionally signed, non-empty run of decimal digits.
    private static bool TryParseExponent(ReadOnlySpan<byte> text, out int exponent)
    {
        exponent = 0;
        var negative = false;
        if (!text.IsEmpty && (text[0] == '+' || text[0] == '-'))
        {
            negative = text[0] == '-';
            text = text[1..];
        }

        if (text.IsEmpty)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!char.IsAsciiDigit((char)c))
            {
                return false;
            }

            exponent = Math.Min(exponent * 10 + (c - '0'), ExponentSaturation);
        }

        exponent = negative ? -exponent : exponent;
        return true;
    }

    private static bool ContainsNonZero(ReadOnlySpan<byte> digits) => digits.IndexOfAnyExcept((byte)'0') >= 0;
}
