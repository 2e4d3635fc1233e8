using System.Numerics;
using AkkaKv.Storage;

namespace AkkaKv.Server.Commands;

/// <summary>BY and GET patterns (Redis's lookupKeyByPattern) and the numbers SORT reads as weights.</summary>
public static partial class SortCommands
{
    // The smallest normal double: below it (and above 0) a result is subnormal.
    private const double MinNormal = 2.2250738585072014E-308;

    /// <summary>Redis looks for '*' with strchr: only before the first NUL counts.</summary>
    private static bool HasStar(ReadOnlySpan<byte> pattern) => CString(pattern).Contains((byte)'*');

    /// <summary>A text as C sees it: up to its first NUL.</summary>
    private static ReadOnlySpan<byte> CString(ReadOnlySpan<byte> text)
    {
        var nul = text.IndexOf((byte)0);
        return nul < 0 ? text : text[..nul];
    }

    /// <summary>
    /// C's strtod over a weight as SORT calls it: the text up to its first NUL, leading white space skipped, nothing left
    /// over, not nan, and no ERANGE - no overflow, and no underflow, which glibc reports for a subnormal (or zero)
    /// result that is not exact. An empty text converts nothing and is 0.
    /// </summary>
    private static bool TryParseWeight(ReadOnlySpan<byte> text, out double value)
    {
        value = 0;
        text = CString(text);
        if (text.IsEmpty) return true;
        var start = 0;
        while (start < text.Length && text[start] is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\v' or (byte)'\f' or (byte)'\r') start++;
        var number = text[start..];
        if (!StringValue.TryParseDouble(number, out value)) return false;
        return value == 0 || Math.Abs(value) >= MinNormal || IsExactSubnormal(number, value);
    }

    /// <summary>Whether the literal (decimal or hexadecimal, its syntax already checked) is exactly the subnormal <paramref name="value"/>.</summary>
    private static bool IsExactSubnormal(ReadOnlySpan<byte> literal, double value)
    {
        // value = units * 2^-1074, the subnormal's whole mantissa.
        var units = new BigInteger(BitConverter.DoubleToInt64Bits(Math.Abs(value)));
        if (literal[0] is (byte)'+' or (byte)'-') literal = literal[1..];
        var hex = literal.Length > 2 && literal[0] == '0' && (literal[1] | 0x20) == 'x';
        if (hex) literal = literal[2..];
        var radix = hex ? 16 : 10;
        var digits = BigInteger.Zero;
        long fractionDigits = 0;
        var inFraction = false;
        var i = 0;
        for (; i < literal.Length; i++)
        {
            var c = literal[i];
            if (c == '.')
            {
                inFraction = true;
                continue;
            }
            var digit = c is >= (byte)'0' and <= (byte)'9' ? c - '0' : hex && (c | 0x20) is >= 'a' and <= 'f' ? (c | 0x20) - 'a' + 10 : -1;
            if (digit < 0) break;
            digits = digits * radix + digit;
            if (inFraction) fractionDigits++;
        }
        var exponent = ReadExponent(literal[Math.Min(i + 1, literal.Length)..]);

        if (hex)
        {
            // digits * 2^(exponent - 4 * fractionDigits) == units * 2^-1074
            var shift = exponent - 4 * fractionDigits + 1074;
            if (shift >= 0) return shift < 64 && digits << (int)shift == units;
            return -shift <= digits.GetBitLength() && units << (int)-shift == digits;
        }

        // digits * 10^e == units * 2^-1074 needs e < 0 (the value is below 1): digits * 2^1074 == units * 10^-e.
        var tens = fractionDigits - exponent;
        if (tens <= 0 || tens * 3 > digits.GetBitLength() + 1138) return false;
        return digits << 1074 == units * BigInteger.Pow(10, (int)tens);
    }

    /// <summary>An exponent's value (after 'e' or 'p'), saturated far beyond any double's range; 0 when there is none.</summary>
    private static long ReadExponent(ReadOnlySpan<byte> text)
    {
        var negative = !text.IsEmpty && text[0] == '-';
        if (!text.IsEmpty && text[0] is (byte)'+' or (byte)'-') text = text[1..];
        long exponent = 0;
        foreach (var c in text) exponent = Math.Min(exponent * 10 + (c - '0'), 1_000_000_000_000);
        return negative ? -exponent : exponent;
    }

    /// <summary>
    /// Reads what a BY or GET pattern points at for one element (Redis's lookupKeyByPattern): "#" is the element itself;
    /// otherwise the first '*' becomes the element, forming a key name - a string, or with "-&gt;field" after the '*' a
    /// field of a hash. Anything else (no '*', no such key, another type, no such field) is nothing.
    /// </summary>
    private sealed class PatternReader(CommandContext c)
    {
        private byte[] _key = new byte[64];

        /// <summary>The value, valid until the keyspace changes; false when there is none.</summary>
        public bool TryRead(ReadOnlySpan<byte> pattern, byte[] element, out ReadOnlySpan<byte> value)
        {
            value = default;
            if (pattern.Length > 0 && pattern[0] == '#' && (pattern.Length == 1 || pattern[1] == 0))
            {
                value = element;
                return true;
            }

            var text = CString(pattern);
            var star = text.IndexOf((byte)'*');
            if (star < 0) return false;
            var arrow = text[(star + 1)..].IndexOf("->"u8);
            // A field needs at least one byte after the arrow; the field name runs to the pattern's very end.
            var fieldStart = arrow >= 0 && star + arrow + 3 < text.Length ? star + arrow + 3 : -1;
            var suffix = pattern[(star + 1)..(fieldStart < 0 ? pattern.Length : fieldStart - 2)];

            var length = star + element.Length + suffix.Length;
            if (_key.Length < length) _key = new byte[Math.Max(length, _key.Length * 2)];
            pattern[..star].CopyTo(_key);
            element.CopyTo(_key.AsSpan(star));
            suffix.CopyTo(_key.AsSpan(star + element.Length));

            var entry = c.LookupRead(_key.AsSpan(0, length));
            if (fieldStart >= 0) return entry?.Value is HashValue hash && hash.TryGet(pattern[fieldStart..], out value);
            if (entry?.Value is not byte[] stored) return false;
            value = stored;
            return true;
        }
    }
}
