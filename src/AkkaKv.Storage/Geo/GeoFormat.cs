using System.Globalization;
using System.Numerics;
using System.Text;

namespace AkkaKv.Storage.Geo;

/// <summary>How Redis prints geo numbers: distances, coordinates, and the pair in the invalid-position error.</summary>
public static class GeoFormat
{
    private const int CoordinateDigits = 17;

    /// <summary>
    /// A distance with 4 decimals as Redis 7.2's fixedpoint_d2string writes it: the value times 10^4 rounded to
    /// the nearest integer (ties to even, C's llrint, whose out-of-range result is LLONG_MIN), then the point put in.
    /// </summary>
    public static byte[] Distance(double value)
    {
        if (value == 0) return "0.0000"u8.ToArray();
        var scaled = RoundToLong(value * 10000.0);
        var negative = scaled < 0;
        var magnitude = negative ? (scaled == long.MinValue ? 1UL << 63 : (ulong)-scaled) : (ulong)scaled;
        var text = new StringBuilder(24);
        if (negative) text.Append('-');
        text.Append((magnitude / 10000).ToString(CultureInfo.InvariantCulture)).Append('.')
            .Append((magnitude % 10000).ToString("D4", CultureInfo.InvariantCulture));
        return Encoding.ASCII.GetBytes(text.ToString());
    }

    /// <summary>
    /// A coordinate as Redis's addReplyHumanLongDouble writes it: the double's exact value with 17 decimals
    /// (printf's %.17Lf, ties to even), trailing zeros and a trailing point removed, "-0" written "0".
    /// </summary>
    public static byte[] Coordinate(double value)
    {
        var text = Fixed(value, CoordinateDigits);
        if (text.Contains('.', StringComparison.Ordinal)) text = text.TrimEnd('0').TrimEnd('.');
        return Encoding.ASCII.GetBytes(text == "-0" ? "0" : text);
    }

    /// <summary>printf's %.Nf of a double: its exact decimal value rounded to <paramref name="fractionDigits"/> places, ties to even.</summary>
    public static string Fixed(double value, int fractionDigits)
    {
        if (double.IsNaN(value)) return double.IsNegative(value) ? "-nan" : "nan";
        if (double.IsInfinity(value)) return value < 0 ? "-inf" : "inf";

        var digits = ScaledMagnitude(Math.Abs(value), fractionDigits).ToString(CultureInfo.InvariantCulture);
        if (digits.Length <= fractionDigits) digits = digits.PadLeft(fractionDigits + 1, '0');
        var text = new StringBuilder(digits.Length + 2);
        if (double.IsNegative(value)) text.Append('-');
        text.Append(digits, 0, digits.Length - fractionDigits);
        if (fractionDigits > 0) text.Append('.').Append(digits, digits.Length - fractionDigits, fractionDigits);
        return text.ToString();
    }

    /// <summary>llrint in the default rounding mode: to nearest, ties to even; NaN and overflow give LLONG_MIN.</summary>
    private static long RoundToLong(double value)
    {
        var rounded = Math.Round(value, MidpointRounding.ToEven);
        return rounded >= -9223372036854775808.0 && rounded < 9223372036854775808.0 ? (long)rounded : long.MinValue;
    }

    // round(magnitude * 10^digits) from the double's exact binary value.
    private static BigInteger ScaledMagnitude(double magnitude, int digits)
    {
        var bits = BitConverter.DoubleToInt64Bits(magnitude);
        var exponentField = (int)((bits >> 52) & 0x7FF);
        var mantissa = bits & 0xFFFFFFFFFFFFFL;
        if (exponentField == 0)
        {
            exponentField = 1;
        }
        else
        {
            mantissa |= 1L << 52;
        }

        var exponent = exponentField - 1075; // magnitude = mantissa * 2^exponent
        var scaled = new BigInteger(mantissa) * BigInteger.Pow(10, digits);
        if (exponent >= 0) return scaled << exponent;

        var shift = -exponent;
        var quotient = scaled >> shift;
        var remainder = scaled - (quotient << shift);
        var comparison = (remainder << 1).CompareTo(BigInteger.One << shift);
        if (comparison > 0 || (comparison == 0 && !quotient.IsEven)) quotient += 1;
        return quotient;
    }
}
