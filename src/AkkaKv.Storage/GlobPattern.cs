namespace AkkaKv.Storage;

/// <summary>
/// Redis's glob matching (stringmatchlen in util.c) for KEYS, SCAN MATCH and PSUBSCRIBE, reproduced
/// quirk for quirk: <c>*</c>, <c>?</c>, <c>[abc]</c>, <c>[^a]</c>, <c>[a-z]</c>, and <c>\</c> escapes.
/// </summary>
/// <remarks>
/// Quirks kept on purpose, since clients see them: an unterminated class like <c>[abc</c> still matches
/// one listed byte; in <c>[a-]</c> the <c>]</c> is the end of a range (a to ]) rather than the close;
/// range bounds compare as signed chars, so bytes from 0x80 sort below ASCII; an escaped byte inside a
/// class ignores <c>ignoreCase</c>; a pattern nesting more than 1000 stars never matches.
/// </remarks>
public static class GlobPattern
{
    // Redis refuses deeper star nesting: it bounds the recursion (and with it the stack).
    private const int MaxNesting = 1000;

    public static bool IsMatch(ReadOnlySpan<byte> pattern, ReadOnlySpan<byte> text, bool ignoreCase = false)
    {
        var skipLongerMatches = false;
        return Match(pattern, text, ignoreCase, ref skipLongerMatches, 0);
    }

    private static bool Match(
        ReadOnlySpan<byte> pattern, ReadOnlySpan<byte> text, bool ignoreCase, ref bool skipLongerMatches, int nesting)
    {
        if (nesting > MaxNesting)
        {
            return false;
        }

        var p = 0;
        var t = 0;
        while (p < pattern.Length && t < text.Length)
        {
            switch (pattern[p])
            {
                case (byte)'*':
                    while (At(pattern, p + 1) == '*')
                    {
                        p++;
                    }

                    if (p == pattern.Length - 1)
                    {
                        return true;
                    }

                    for (; t < text.Length; t++)
                    {
                        if (Match(pattern[(p + 1)..], text[t..], ignoreCase, ref skipLongerMatches, nesting + 1))
                        {
                            return true;
                        }

                        // The rest of the pattern matched nowhere in the rest of the text, so letting an
                        // earlier star swallow more cannot help either (this keeps matching polynomial).
                        if (skipLongerMatches)
                        {
                            return false;
                        }
                    }

                    skipLongerMatches = true;
                    return false;
                case (byte)'?':
                    t++;
                    break;
                case (byte)'[':
                    if (!MatchClass(pattern, ref p, text[t], ignoreCase))
                    {
                        return false;
                    }

                    t++;
                    break;
                default:
                    if (pattern[p] == '\\' && pattern.Length - p >= 2)
                    {
                        p++;
                    }

                    if (!SameByte(pattern[p], text[t], ignoreCase))
                    {
                        return false;
                    }

                    t++;
                    break;
            }

            p++;
            if (t == text.Length)
            {
                while (At(pattern, p) == '*')
                {
                    p++;
                }

                break;
            }
        }

        return p == pattern.Length && t == text.Length;
    }

    /// <summary>
    /// Matches one byte against the class starting at <paramref name="p"/> (the '['), leaving
    /// <paramref name="p"/> on the class's last pattern byte.
    /// </summary>
    private static bool MatchClass(ReadOnlySpan<byte> pattern, ref int p, byte c, bool ignoreCase)
    {
        p++;
        var negate = At(pattern, p) == '^';
        if (negate)
        {
            p++;
        }

        var match = false;
        while (true)
        {
            var remaining = pattern.Length - p;
            if (At(pattern, p) == '\\' && remaining >= 2)
            {
                p++;
                match |= pattern[p] == c;
            }
            else if (At(pattern, p) == ']')
            {
                break;
            }
            else if (remaining == 0)
            {
                // Unterminated class: the last pattern byte closes it.
                p--;
                break;
            }
            else if (remaining >= 3 && pattern[p + 1] == '-')
            {
                match |= InRange(pattern[p], pattern[p + 2], c, ignoreCase);
                p += 2;
            }
            else
            {
                match |= SameByte(pattern[p], c, ignoreCase);
            }

            p++;
        }

        return negate ? !match : match;
    }

    // Redis compares range bounds as (signed) chars.
    private static bool InRange(byte first, byte last, byte c, bool ignoreCase)
    {
        int start = (sbyte)first;
        int end = (sbyte)last;
        int value = (sbyte)c;
        if (start > end)
        {
            (start, end) = (end, start);
        }

        if (ignoreCase)
        {
            start = ToLower(start);
            end = ToLower(end);
            value = ToLower(value);
        }

        return value >= start && value <= end;
    }

    private static bool SameByte(byte a, byte b, bool ignoreCase) =>
        a == b || (ignoreCase && ToLower(a) == ToLower(b));

    // C's tolower in the C locale: ASCII letters only.
    private static int ToLower(int c) => c is >= 'A' and <= 'Z' ? c + ('a' - 'A') : c;

    // Past the end reads as the NUL terminator that Redis's strings carry.
    private static int At(ReadOnlySpan<byte> pattern, int index) => index < pattern.Length ? pattern[index] : 0;
}
