using System.Globalization;
using static AkkaKv.Server.Commands.ArgParsing;

namespace AkkaKv.Server.Commands;

/// <summary>Redis's blocking timeouts: seconds as a float (BLPOP...) or milliseconds as an integer (XREAD BLOCK); 0 = forever.</summary>
internal static class BlockingTimeout
{
    /// <summary>Reads a timeout in seconds (sub-second precision) as ms; replies Redis's error and returns false when invalid.</summary>
    public static bool TryReadSeconds(CommandContext c, ReadOnlySpan<byte> arg, out long timeoutMs)
    {
        timeoutMs = 0;
        // Redis reads a long double: "inf" and numbers past a double's range (1e400) are numbers, only too big (or
        // negative); NaN is not one.
        if (!TryDouble(arg, out var seconds) && !TryBeyondDouble(arg, out seconds) || double.IsNaN(seconds))
        {
            c.Error(ErrorReplies.TimeoutNotFloat);
            return false;
        }
        return TryFinish(c, seconds * 1000, out timeoutMs);
    }

    private static bool TryBeyondDouble(ReadOnlySpan<byte> arg, out double value) =>
        double.TryParse(arg, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsInfinity(value);

    /// <summary>Reads a timeout in milliseconds (XREAD/XREADGROUP BLOCK).</summary>
    public static bool TryReadMilliseconds(CommandContext c, ReadOnlySpan<byte> arg, out long timeoutMs)
    {
        timeoutMs = 0;
        if (!TryInteger(arg, out var ms))
        {
            c.Error(ErrorReplies.TimeoutNotInteger);
            return false;
        }
        return TryFinish(c, ms, out timeoutMs);
    }

    private static bool TryFinish(CommandContext c, double ms, out long timeoutMs)
    {
        timeoutMs = 0;
        if (ms < 0)
        {
            c.Error(ErrorReplies.TimeoutNegative);
            return false;
        }
        if (ms > long.MaxValue - c.NowMs)
        {
            c.Error(ErrorReplies.TimeoutOutOfRange);
            return false;
        }
        // Redis rounds a fractional ms up, so "0.0001" still waits rather than meaning forever.
        timeoutMs = (long)Math.Ceiling(ms);
        return true;
    }
}
