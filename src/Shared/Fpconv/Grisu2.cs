namespace AkkaKv.Fpconv;

/// <summary>
/// Florian Loitsch's Grisu2 with the choices of fpconv_dtoa, which Redis 7.2 uses to print doubles:
/// usually the shortest digits that read back to the same double, occasionally one digit more.
/// Every rounding step matches fpconv's so that the digits, not just the value, are the same.
/// </summary>
internal static class Grisu2
{
    private const ulong HiddenBit = 1UL << 52;
    private const ulong FractionMask = HiddenBit - 1;

    /// <summary>A double is fraction × 2^(biased exponent - 1075).</summary>
    private const int ExponentBias = 1075;

    private const int MaxDigits = 18;

    /// <summary>Formats a finite, non-zero value.</summary>
    public static int Format(double value, Span<byte> destination)
    {
        ulong bits = BitConverter.DoubleToUInt64Bits(value);
        bool negative = (long)bits < 0;
        int length = 0;
        if (negative)
        {
            destination[length++] = (byte)'-';
        }

        Span<byte> digits = stackalloc byte[MaxDigits];
        int count = GenerateDigits(bits, digits, out int decimalExponent);
        return length + WriteDigits(digits[..count], decimalExponent, negative, destination[length..]);
    }

    private static int GenerateDigits(ulong bits, Span<byte> digits, out int decimalExponent)
    {
        DiyFp w = Decompose(bits);
        (DiyFp lower, DiyFp upper) = Boundaries(w);
        w = Normalize(w);

        DiyFp power = CachedPowersOfTen.ForBinaryExponent(upper.Exponent, out int powerExponent);
        w = w.Times(power);
        upper = upper.Times(power);
        lower = lower.Times(power);

        // Shrink the interval by one unit each side: the products above are only approximations.
        lower = lower with { Significand = lower.Significand + 1 };
        upper = upper with { Significand = upper.Significand - 1 };

        decimalExponent = -powerExponent;
        return DigitGenerator.Generate(w, upper, lower, digits, ref decimalExponent);
    }

    private static DiyFp Decompose(ulong bits)
    {
        ulong fraction = bits & FractionMask;
        int biasedExponent = (int)((bits >> 52) & 0x7FF);
        return biasedExponent == 0
            ? new DiyFp(fraction, 1 - ExponentBias)
            : new DiyFp(fraction | HiddenBit, biasedExponent - ExponentBias);
    }

    private static DiyFp Normalize(DiyFp value)
    {
        ulong significand = value.Significand;
        int exponent = value.Exponent;
        while ((significand & HiddenBit) == 0)
        {
            significand <<= 1;
            exponent--;
        }

        return new DiyFp(significand << 11, exponent - 11);
    }

    /// <summary>The midpoints to the neighbouring doubles, both with the upper one's normalized exponent.</summary>
    private static (DiyFp Lower, DiyFp Upper) Boundaries(DiyFp value)
    {
        ulong upperSignificand = (value.Significand << 1) + 1;
        int upperExponent = value.Exponent - 1;
        while ((upperSignificand & (HiddenBit << 1)) == 0)
        {
            upperSignificand <<= 1;
            upperExponent--;
        }

        upperSignificand <<= 10;
        upperExponent -= 10;

        // Just above a power of two the gap below is half the gap above.
        int lowerShift = value.Significand == HiddenBit ? 2 : 1;
        ulong lowerSignificand = (value.Significand << lowerShift) - 1;
        int lowerExponent = value.Exponent - lowerShift;
        lowerSignificand <<= lowerExponent - upperExponent;

        return (new DiyFp(lowerSignificand, upperExponent), new DiyFp(upperSignificand, upperExponent));
    }

    /// <summary>fpconv's layout: plain, decimal point or exponent, by how far the point is from the digits.</summary>
    private static int WriteDigits(ReadOnlySpan<byte> digits, int k, bool negative, Span<byte> destination)
    {
        int count = digits.Length;
        int exponent = Math.Abs(k + count - 1);

        if (k >= 0 && exponent < count + 7)
        {
            digits.CopyTo(destination);
            destination.Slice(count, k).Fill((byte)'0');
            return count + k;
        }

        if (k < 0 && (k > -7 || exponent < 4))
        {
            int integralDigits = count + k;
            if (integralDigits <= 0)
            {
                int zeros = -integralDigits;
                destination[0] = (byte)'0';
                destination[1] = (byte)'.';
                destination.Slice(2, zeros).Fill((byte)'0');
                digits.CopyTo(destination[(2 + zeros)..]);
                return count + 2 + zeros;
            }

            digits[..integralDigits].CopyTo(destination);
            destination[integralDigits] = (byte)'.';
            digits[integralDigits..].CopyTo(destination[(integralDigits + 1)..]);
            return count + 1;
        }

        return WriteScientific(digits[..Math.Min(count, MaxDigits - (negative ? 1 : 0))], k, exponent, destination);
    }

    /// <summary>d.ddde±x with one to three exponent digits; exponents over 99 print all three.</summary>
    private static int WriteScientific(ReadOnlySpan<byte> digits, int k, int exponent, Span<byte> destination)
    {
        int length = 0;
        destination[length++] = digits[0];
        if (digits.Length > 1)
        {
            destination[length++] = (byte)'.';
            digits[1..].CopyTo(destination[length..]);
            length += digits.Length - 1;
        }

        destination[length++] = (byte)'e';
        destination[length++] = k + digits.Length - 1 < 0 ? (byte)'-' : (byte)'+';
        if (exponent > 99)
        {
            destination[length++] = (byte)('0' + (exponent / 100));
            destination[length++] = (byte)('0' + (exponent / 10 % 10));
        }
        else if (exponent > 9)
        {
            destination[length++] = (byte)('0' + (exponent / 10));
        }

        destination[length++] = (byte)('0' + (exponent % 10));
        return length;
    }
}
