using System.Globalization;

namespace AkkaKv.Scripting;

/// <summary>
/// Numbers as Redis's Lua 5.1 printed them, where scripts can see the text: C's "%.14g" for tostring and cjson,
/// "%.17g" for redis.call arguments. Lua 5.4 would print 3.0 as "3.0"; 5.1 printed "3".
/// </summary>
internal static class LuaNumbers
{
    public const int MaxLength = 32;

    private static readonly string[] Formats = Enumerable.Range(0, 18).Select(p => "G" + p.ToString(CultureInfo.InvariantCulture)).ToArray();

    /// <summary>C's <c>%.{precision}g</c> of <paramref name="value"/> (glibc's inf, -inf, nan, -nan).</summary>
    public static int FormatG(double value, int precision, Span<byte> destination)
    {
        if (double.IsNaN(value)) return Copy(double.IsNegative(value) ? "-nan"u8 : "nan"u8, destination);
        if (double.IsInfinity(value)) return Copy(value > 0 ? "inf"u8 : "-inf"u8, destination);
        value.TryFormat(destination, out var written, Formats[precision], CultureInfo.InvariantCulture);
        for (var i = 0; i < written; i++)
        {
            if (destination[i] == (byte)'E') destination[i] = (byte)'e';
        }
        return written;
    }

    /// <summary>Lua 5.1's tostring of a number.</summary>
    public static int Format51(double value, Span<byte> destination) => FormatG(value, 14, destination);

    /// <summary>
    /// A number passed to redis.call, as Redis 7 formats a Lua number ("%.17g"); integers print exactly while a double
    /// would hold them, as they did in 5.1.
    /// </summary>
    public static int FormatArgument(bool isInteger, long integer, double number, Span<byte> destination)
    {
        if (isInteger && Math.Abs(integer) < 100_000_000_000_000_000L)
        {
            integer.TryFormat(destination, out var written, default, CultureInfo.InvariantCulture);
            return written;
        }
        return FormatG(isInteger ? integer : number, 17, destination);
    }

    /// <summary>
    /// A Lua number as a Redis integer reply: truncated toward zero; NaN and values out of range give the minimum, as
    /// the C cast Redis uses does on x86.
    /// </summary>
    public static long ToReplyInteger(double value) =>
        double.IsNaN(value) || value >= 9.2233720368547758e18 || value < -9.2233720368547758e18 ? long.MinValue : (long)value;

    private static int Copy(ReadOnlySpan<byte> text, Span<byte> destination)
    {
        text.CopyTo(destination);
        return text.Length;
    }
}
