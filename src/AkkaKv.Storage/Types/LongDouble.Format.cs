using System.Numerics;
using System.Text;

namespace AkkaKv.Storage;

/// <summary>Redis's ld2string in LD_STR_HUMAN mode.</summary>
internal readonly partial struct LongDouble
{
    private const int FractionDigits = 17;

    /// <summary>
    /// printf's <c>%.17Lf</c> (exact digits, ties to even), then trailing zeros and a trailing point
    /// removed, and "-0" turned into "0"; "inf" / "-inf" / "nan" for the rest.
    /// </summary>
    public byte[] ToHumanString()
    {
        switch (_kind)
        {
            case FloatKind.NaN:
                return "nan"u8.ToArray();
            case FloatKind.Infinity:
                return _negative ? "-inf"u8.ToArray() : "inf"u8.ToArray();
        }

        var digits = ScaledDigits(); // round(|value| * 10^17), as decimal text
        var text = new StringBuilder(digits.Length + 3);
        if (_negative)
        {
            text.Append('-');
        }

        if (digits.Length <= FractionDigits)
        {
            digits = digits.PadLeft(FractionDigits + 1, '0');
        }

        var integerLength = digits.Length - FractionDigits;
        text.Append(digits, 0, integerLength);
        var fraction = digits.AsSpan(integerLength).TrimEnd('0');
        if (!fraction.IsEmpty)
        {
            text.Append('.').Append(fraction);
        }

        var result = text.ToString();
        return Encoding.ASCII.GetBytes(result == "-0" ? "0" : result);
    }

    private string ScaledDigits()
    {
        var scaled = new BigInteger(_significand) * BigInteger.Pow(10, FractionDigits);
        if (_exponent >= 0)
        {
            return (scaled << _exponent).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var shift = -_exponent;
        var quotient = scaled >> shift;
        var remainder = scaled - (quotient << shift);
        var comparison = remainder.CompareTo(BigInteger.One << (shift - 1));
        if (comparison > 0 || (comparison == 0 && !quotient.IsEven))
        {
            quotient += 1;
        }

        return quotient.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
