using System.Numerics;

namespace AkkaKv.Storage;

/// <summary>From exact values (digits, rationals) to the nearest representable one.</summary>
internal readonly partial struct LongDouble
{
    // Beyond these decimal magnitudes every format here has long over- or underflowed; bounding them
    // keeps the BigIntegers small whatever exponent the text claims.
    private const int DecimalOverflowMagnitude = 5000;
    private const int DecimalUnderflowMagnitude = -5000;

    /// <summary>
    /// Rounds magnitude * 2^exponent to the format, to nearest with ties to even. <paramref name="sticky"/>
    /// says nonzero bits were cut off below the magnitude's last bit (the value is a little larger).
    /// </summary>
    private static LongDouble Round(bool negative, BigInteger magnitude, int exponent, bool sticky, BinaryFormat format)
    {
        var bits = (int)magnitude.GetBitLength();
        if (sticky && bits < format.SignificandBits + 2)
        {
            // Make room for the rounding bit so the cut-off bits only act as a tie breaker.
            var widen = format.SignificandBits + 2 - bits;
            magnitude <<= widen;
            exponent -= widen;
            bits += widen;
        }

        var drop = Math.Max(bits - format.SignificandBits, format.MinExponent - exponent);
        if (drop > 0)
        {
            var kept = magnitude >> drop;
            var remainder = magnitude - (kept << drop);
            var comparison = remainder.CompareTo(BigInteger.One << (drop - 1));
            if (comparison > 0 || (comparison == 0 && (sticky || !kept.IsEven)))
            {
                kept += 1;
            }

            magnitude = kept;
            exponent += drop;
            if (magnitude.GetBitLength() > format.SignificandBits)
            {
                magnitude >>= 1;
                exponent++;
            }
        }

        if (magnitude.IsZero)
        {
            return new LongDouble(FloatKind.Finite, negative);
        }

        if (exponent + (int)magnitude.GetBitLength() > format.OverflowExponent)
        {
            return new LongDouble(FloatKind.Infinity, negative);
        }

        return new LongDouble(FloatKind.Finite, negative, (ulong)magnitude, exponent);
    }

    private static LongDouble FromDecimalLiteral(FloatLiteral literal, BinaryFormat format)
    {
        var integerDigits = literal.IntegerDigits.TrimStart((byte)'0');
        var fractionDigits = literal.FractionDigits.TrimEnd((byte)'0');

        // value = digits * 10^decimalExponent, with digits < 10^significantDigits.
        var significantDigits = integerDigits.IsEmpty
            ? fractionDigits.TrimStart((byte)'0').Length
            : integerDigits.Length + fractionDigits.Length;
        if (significantDigits == 0)
        {
            return new LongDouble(FloatKind.Finite, literal.Negative);
        }

        var decimalExponent = (long)literal.Exponent - fractionDigits.Length;
        var magnitudeOrder = significantDigits + decimalExponent;
        if (magnitudeOrder > DecimalOverflowMagnitude)
        {
            return new LongDouble(FloatKind.Infinity, literal.Negative);
        }

        if (magnitudeOrder < DecimalUnderflowMagnitude)
        {
            return new LongDouble(FloatKind.Finite, literal.Negative);
        }

        var digits = ParseDigits(integerDigits, fractionDigits, 10);
        if (decimalExponent >= 0)
        {
            return Round(literal.Negative, digits * BigInteger.Pow(10, (int)decimalExponent), 0, false, format);
        }

        var denominator = BigInteger.Pow(10, (int)-decimalExponent);
        var shift = (int)Math.Max(0, format.SignificandBits + 2 + denominator.GetBitLength() - digits.GetBitLength());
        var quotient = BigInteger.DivRem(digits << shift, denominator, out var remainder);
        return Round(literal.Negative, quotient, -shift, !remainder.IsZero, format);
    }

    private static LongDouble FromHexLiteral(FloatLiteral literal, BinaryFormat format)
    {
        var integerDigits = literal.IntegerDigits.TrimStart((byte)'0');
        var fractionDigits = literal.FractionDigits.TrimEnd((byte)'0');
        var digits = ParseDigits(integerDigits, fractionDigits, 16);
        if (digits.IsZero)
        {
            return new LongDouble(FloatKind.Finite, literal.Negative);
        }

        // Hex digits carry 4 bits each (long: a long fraction times 4 may not fit an int).
        var exponent = literal.Exponent - 4L * fractionDigits.Length;
        var bits = (long)digits.GetBitLength();
        if (exponent + bits > format.OverflowExponent + 1)
        {
            return new LongDouble(FloatKind.Infinity, literal.Negative);
        }

        if (exponent + bits < format.MinExponent - 2)
        {
            return new LongDouble(FloatKind.Finite, literal.Negative);
        }

        return Round(literal.Negative, digits, (int)exponent, false, format);
    }

    private static BigInteger ParseDigits(ReadOnlySpan<byte> integerDigits, ReadOnlySpan<byte> fractionDigits, int radix)
    {
        var value = BigInteger.Zero;
        Accumulate(ref value, integerDigits, radix);
        Accumulate(ref value, fractionDigits, radix);
        return value;
    }

    // Chunks of digits that fit a ulong, so the BigInteger work is per chunk rather than per digit.
    private static void Accumulate(ref BigInteger value, ReadOnlySpan<byte> digits, int radix)
    {
        var chunkLength = radix == 10 ? 18 : 15;
        while (!digits.IsEmpty)
        {
            var chunk = digits[..Math.Min(chunkLength, digits.Length)];
            ulong part = 0;
            ulong scale = 1;
            foreach (var c in chunk)
            {
                part = part * (ulong)radix + (ulong)HexValue(c);
                scale *= (ulong)radix;
            }

            value = value * scale + part;
            digits = digits[chunk.Length..];
        }
    }

    private static int HexValue(byte c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}
