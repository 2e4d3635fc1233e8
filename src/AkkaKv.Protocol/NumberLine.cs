namespace AkkaKv.Protocol;

/// <summary>
/// The fast path for header lines: scans and parses "&lt;digits&gt;\r?" in one pass over contiguous bytes.
/// It only says yes to a well-formed line that string2ll accepts and that is followed by a byte after
/// its CR; anything else (incomplete, malformed, odd) is left to the general path, which knows the rules.
/// </summary>
internal static class NumberLine
{
    /// <summary>Parses the number starting at position; on success moves position past CR and the byte after it.</summary>
    public static bool TryRead(ReadOnlySpan<byte> buffer, ref int position, out long value)
    {
        value = 0;
        int index = position;
        bool negative = index < buffer.Length && buffer[index] == '-';
        if (negative)
        {
            index++;
        }

        int firstDigit = index;
        ulong magnitude = 0;
        while (index < buffer.Length)
        {
            uint digit = (uint)(buffer[index] - '0');
            if (digit > 9)
            {
                break;
            }

            magnitude = (magnitude * 10) + digit;
            index++;
        }

        int digits = index - firstDigit;
        bool wellFormed = digits is > 0 and < 19
                          && (buffer[firstDigit] != '0' || (digits == 1 && !negative))
                          && index + 1 < buffer.Length
                          && buffer[index] == '\r';
        if (!wellFormed)
        {
            return false;
        }

        value = negative ? -(long)magnitude : (long)magnitude;
        position = index + 2;
        return true;
    }
}
