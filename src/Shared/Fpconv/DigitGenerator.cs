namespace AkkaKv.Fpconv;

/// <summary>
/// Grisu's digit generation: emits the digits of the upper boundary until the rest falls within the
/// interval, then nudges the last digit towards the exact value (fpconv's round_digit).
/// </summary>
internal static class DigitGenerator
{
    private static readonly uint[] PowersOfTen = [1_000_000_000, 100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1_000, 100, 10, 1];

    public static int Generate(DiyFp w, DiyFp upper, DiyFp lower, Span<byte> digits, ref int decimalExponent)
    {
        ulong distanceToValue = upper.Significand - w.Significand;
        ulong delta = upper.Significand - lower.Significand;
        int shift = -upper.Exponent;
        ulong one = 1UL << shift;
        // The cached power keeps shift in [32, 60], so the integral part fits 32 bits and divides fast.
        uint integral = (uint)(upper.Significand >> shift);
        ulong fraction = upper.Significand & (one - 1);

        int count = 0;
        int kappa = PowersOfTen.Length;
        foreach (uint divisor in PowersOfTen)
        {
            uint digit = integral / divisor;
            if (digit != 0 || count != 0)
            {
                digits[count++] = (byte)('0' + digit);
            }

            integral -= digit * divisor;
            kappa--;
            ulong rest = ((ulong)integral << shift) + fraction;
            if (rest <= delta)
            {
                decimalExponent += kappa;
                RoundLastDigit(digits[..count], delta, rest, (ulong)divisor << shift, distanceToValue);
                return count;
            }
        }

        ulong unit = 10;
        while (true)
        {
            fraction *= 10;
            delta *= 10;
            kappa--;
            ulong digit = fraction >> shift;
            if (digit != 0 || count != 0)
            {
                digits[count++] = (byte)('0' + digit);
            }

            fraction &= one - 1;
            if (fraction < delta)
            {
                decimalExponent += kappa;
                RoundLastDigit(digits[..count], delta, fraction, one, unchecked(distanceToValue * unit));
                return count;
            }

            unit = unchecked(unit * 10);
        }
    }

    /// <summary>Lowers the last digit while that brings the number closer to the value and stays in range.</summary>
    private static void RoundLastDigit(Span<byte> digits, ulong delta, ulong rest, ulong step, ulong target)
    {
        while (rest < target && delta - rest >= step
               && (rest + step < target || target - rest > rest + step - target))
        {
            digits[^1]--;
            rest += step;
        }
    }
}
