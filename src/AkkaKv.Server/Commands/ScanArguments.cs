using AkkaKv.Protocol;
using AkkaKv.Storage;
using static AkkaKv.Server.Commands.ArgParsing;

namespace AkkaKv.Server.Commands;

/// <summary>
/// The options of SCAN, HSCAN, SSCAN and ZSCAN (COUNT, MATCH, and TYPE or NOVALUES where they apply), read as Redis's
/// scanGenericCommand reads them: COUNT must be a positive integer, MATCH * matches all, anything else is a syntax error.
/// </summary>
internal readonly record struct ScanArguments(long Count, byte[]? Pattern, byte[]? Type, bool NoValues)
{
    private const long DefaultCount = 10;

    /// <summary>The cursor at argument <paramref name="index"/>, or false after Redis's "invalid cursor" reply.</summary>
    public static bool TryReadCursor(CommandContext c, int index, out ulong cursor)
    {
        if (TryParseCursor(c.Arg(index), out cursor)) return true;
        c.Error(ErrorReplies.InvalidCursor);
        return false;
    }

    /// <summary>
    /// A cursor as Redis reads it (strtoul, base 10): optional sign (a negative one wraps around), digits, nothing
    /// else, no leading space, fits 64 bits. The empty text is cursor 0, as strtoul leaves nothing unread.
    /// </summary>
    public static bool TryParseCursor(ReadOnlySpan<byte> text, out ulong cursor)
    {
        cursor = 0;
        if (text.IsEmpty) return true;
        if (text[0] is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\v' or (byte)'\f' or (byte)'\r') return false;
        var negative = text[0] == '-';
        var digits = text[0] is (byte)'-' or (byte)'+' ? text[1..] : text;
        if (digits.IsEmpty) return false;
        foreach (var b in digits)
        {
            var digit = (uint)(b - '0');
            if (digit > 9 || cursor > (ulong.MaxValue - digit) / 10) return false;
            cursor = cursor * 10 + digit;
        }
        if (negative) cursor = unchecked(0 - cursor);
        return true;
    }

    /// <summary>
    /// Reads the options from argument <paramref name="first"/> on; TYPE is SCAN's (<paramref name="keyspace"/>),
    /// NOVALUES HSCAN's (<paramref name="hash"/>). False after the error reply.
    /// </summary>
    public static bool TryRead(CommandContext c, int first, bool keyspace, bool hash, out ScanArguments arguments)
    {
        arguments = new ScanArguments(DefaultCount, null, null, false);
        for (var i = first; i < c.ArgCount; i++)
        {
            var arg = c.Arg(i);
            var hasValue = i + 1 < c.ArgCount;
            if (Is(arg, "COUNT"u8) && hasValue)
            {
                if (!TryInteger(c.Arg(++i), out var count))
                {
                    c.NotInteger();
                    return false;
                }
                if (count < 1)
                {
                    c.SyntaxError();
                    return false;
                }
                arguments = arguments with { Count = count };
            }
            else if (Is(arg, "MATCH"u8) && hasValue)
            {
                var pattern = c.Arg(++i);
                arguments = arguments with { Pattern = pattern.SequenceEqual("*"u8) ? null : pattern.ToArray() };
            }
            else if (Is(arg, "TYPE"u8) && keyspace && hasValue)
            {
                arguments = arguments with { Type = c.Arg(++i).ToArray() };
            }
            else if (Is(arg, "NOVALUES"u8) && hash)
            {
                arguments = arguments with { NoValues = true };
            }
            else
            {
                c.SyntaxError();
                return false;
            }
        }
        return true;
    }

    /// <summary>How many items a call gathers, as the collections' Scan takes it.</summary>
    public int Budget => (int)Math.Min(Count, int.MaxValue);

    public bool Matches(ReadOnlySpan<byte> item) => Pattern is null || GlobPattern.IsMatch(Pattern, item);

    /// <summary>A scan of a missing key: cursor 0 and nothing.</summary>
    public static void WriteEmpty(RespWriter reply)
    {
        reply.WriteArrayHeader(2);
        reply.WriteBulk("0"u8);
        reply.WriteArrayHeader(0);
    }

    /// <summary>The cursor of a collection scan as the collections take it.</summary>
    public static long CollectionCursor(ulong cursor) => (long)Math.Min(cursor, long.MaxValue);
}
