using System.Numerics;

namespace AkkaKv.Fpconv;

/// <summary>
/// 10^k for k = -348, -340, ..., 340 as 64-bit normalized significands rounded to nearest: the table
/// fpconv (and so Redis) uses, computed here once instead of written out.
/// </summary>
internal static class CachedPowersOfTen
{
    public const int FirstPower = -348;
    public const int Step = 8;
    public const int Count = 87;

    /// <summary>Scaled values must land in [2^-60, 2^-32) so the integral digits fit 32 bits.</summary>
    private const int MinExponent = -60;
    private const int MaxExponent = -32;

    private static readonly DiyFp[] Powers = Compute();

    public static DiyFp At(int index) => Powers[index];

    /// <summary>
    /// A cached power c such that the exponent of w × c falls in [-60, -32]; returns c and its decimal exponent.
    /// The search starts and moves exactly as fpconv's does, since where two powers qualify the first found wins.
    /// </summary>
    public static DiyFp ForBinaryExponent(int exponent, out int decimalExponent)
    {
        const double Log10Of2 = 0.30102999566398114;
        int approximation = (int)(-(exponent + Count) * Log10Of2);
        int index = (approximation - FirstPower) / Step;
        while (true)
        {
            int scaled = exponent + Powers[index].Exponent + 64;
            if (scaled < MinExponent)
            {
                index++;
            }
            else if (scaled > MaxExponent)
            {
                index--;
            }
            else
            {
                decimalExponent = FirstPower + (index * Step);
                return Powers[index];
            }
        }
    }

    private static DiyFp[] Compute()
    {
        var powers = new DiyFp[Count];
        for (int i = 0; i < Count; i++)
        {
            powers[i] = Normalized(FirstPower + (i * Step));
        }

        return powers;
    }

    /// <summary>10^k as round(10^k / 2^e) × 2^e with the significand in [2^63, 2^64).</summary>
    private static DiyFp Normalized(int k)
    {
        BigInteger numerator = k >= 0 ? BigInteger.Pow(10, k) : BigInteger.One;
        BigInteger denominator = k >= 0 ? BigInteger.One : BigInteger.Pow(10, -k);

        // Pick e so the quotient has 64 bits, then shift numerator or denominator by it.
        int exponent = (int)(numerator.GetBitLength() - denominator.GetBitLength()) - 64;
        while (true)
        {
            BigInteger scaledNumerator = exponent < 0 ? numerator << -exponent : numerator;
            BigInteger scaledDenominator = exponent > 0 ? denominator << exponent : denominator;
            BigInteger quotient = BigInteger.DivRem(scaledNumerator, scaledDenominator, out BigInteger remainder);
            if (quotient.GetBitLength() < 64)
            {
                exponent--;
                continue;
            }

            if (quotient.GetBitLength() > 64)
            {
                exponent++;
                continue;
            }

            if (remainder * 2 >= scaledDenominator)
            {
                quotient++;
            }

            if (quotient.GetBitLength() > 64)
            {
                quotient >>= 1;
                exponent++;
            }

            return new DiyFp((ulong)quotient, exponent);
        }
    }
}
