using System.Numerics;

namespace AkkaKv.Storage;

/// <summary>
/// C's <c>long double</c> on x86-64 (x87 80-bit extended precision), emulated exactly in software:
/// INCRBYFLOAT parses, adds and prints in it, and the stored result is visible to clients, so the
/// rounding has to be the same bit for bit. Slow (BigInteger) but only used by the float increments.
/// </summary>
internal readonly partial struct LongDouble
{
    private const int MaxTextLength = 5 * 1024 - 1; // Redis's MAX_LONG_DOUBLE_CHARS buffer, minus the NUL

    // value = (-1)^negative * _significand * 2^_exponent when finite.
    private readonly ulong _significand;
    private readonly int _exponent;
    private readonly bool _negative;
    private readonly FloatKind _kind;

    private LongDouble(FloatKind kind, bool negative, ulong significand = 0, int exponent = 0)
    {
        _kind = kind;
        _negative = negative;
        _significand = significand;
        _exponent = exponent;
    }

    private enum FloatKind : byte
    {
        Finite,
        Infinity,
        NaN,
    }

    public static LongDouble Zero => default;

    public bool IsFinite => _kind == FloatKind.Finite;

    public bool IsZero => _kind == FloatKind.Finite && _significand == 0;

    public bool IsNegative => _negative;

    /// <summary>Redis's string2ld: strtold syntax over the whole text, at most 5119 bytes, no over/underflow.</summary>
    public static bool TryParse(ReadOnlySpan<byte> text, out LongDouble value)
    {
        value = default;
        if (text.Length > MaxTextLength || !FloatLiteral.TryScan(text, out var literal))
        {
            return false;
        }

        value = FromLiteral(literal, BinaryFormat.Extended);
        return IsInRange(value, literal);
    }

    /// <summary>
    /// The long double a client most plausibly meant by this double: the one its shortest round-trip
    /// text parses to (0.1 becomes 0.1L, not the double 0.1000000000000000055… widened).
    /// </summary>
    public static LongDouble FromDouble(double value)
    {
        if (double.IsNaN(value))
        {
            return new LongDouble(FloatKind.NaN, false);
        }

        if (double.IsInfinity(value))
        {
            return new LongDouble(FloatKind.Infinity, value < 0);
        }

        Span<byte> text = stackalloc byte[32];
        value.TryFormat(text, out var written, "R", System.Globalization.CultureInfo.InvariantCulture);
        TryParse(text[..written], out var result);
        return result;
    }

    /// <summary>The sum rounded to nearest, ties to even, as the x87 FPU adds.</summary>
    public LongDouble Add(LongDouble other)
    {
        if (_kind == FloatKind.NaN || other._kind == FloatKind.NaN)
        {
            return new LongDouble(FloatKind.NaN, false);
        }

        if (_kind == FloatKind.Infinity || other._kind == FloatKind.Infinity)
        {
            var bothInfinite = _kind == FloatKind.Infinity && other._kind == FloatKind.Infinity;
            if (bothInfinite && _negative != other._negative)
            {
                return new LongDouble(FloatKind.NaN, false);
            }

            return _kind == FloatKind.Infinity ? this : other;
        }

        if (other.IsZero)
        {
            return IsZero ? new LongDouble(FloatKind.Finite, _negative && other._negative) : this;
        }

        if (IsZero)
        {
            return other;
        }

        var exponent = Math.Min(_exponent, other._exponent);
        var sum = SignedSignificand(exponent) + other.SignedSignificand(exponent);
        return sum.IsZero
            ? Zero
            : Round(sum.Sign < 0, BigInteger.Abs(sum), exponent, false, BinaryFormat.Extended);
    }

    /// <summary>Converts a value rounded to <see cref="BinaryFormat.Double"/> (exact then).</summary>
    public double ToDouble() => _kind switch
    {
        FloatKind.NaN => double.NaN,
        FloatKind.Infinity => _negative ? double.NegativeInfinity : double.PositiveInfinity,
        _ => (_negative ? -1 : 1) * Math.ScaleB(_significand, _exponent),
    };

    /// <summary>
    /// Rounds a literal to the format. Over- and underflow give infinity and zero; callers decide
    /// whether that is acceptable (Redis is not: strtod's ERANGE).
    /// </summary>
    internal static LongDouble FromLiteral(FloatLiteral literal, BinaryFormat format)
    {
        if (literal.Kind == FloatLiteralKind.Infinity)
        {
            return new LongDouble(FloatKind.Infinity, literal.Negative);
        }

        return literal.Kind == FloatLiteralKind.Hexadecimal
            ? FromHexLiteral(literal, format)
            : FromDecimalLiteral(literal, format);
    }

    /// <summary>Whether the literal neither overflowed nor underflowed to zero.</summary>
    internal static bool IsInRange(LongDouble value, FloatLiteral literal) =>
        literal.Kind == FloatLiteralKind.Infinity || (value.IsFinite && (!value.IsZero || !literal.HasNonZeroDigit));

    private BigInteger SignedSignificand(int atExponent)
    {
        var magnitude = new BigInteger(_significand) << (_exponent - atExponent);
        return _negative ? -magnitude : magnitude;
    }
}
