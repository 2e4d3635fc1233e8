using System.Buffers;

namespace AkkaKv.Protocol;

/// <summary>
/// Splits an inline request line into arguments by the rules of Redis's sdssplitargs: blanks
/// separate words; "double quotes" understand \n \r \t \b \a \xHH and \ before any other byte;
/// 'single quotes' understand only \'; a closing quote must be followed by a blank or the end.
/// The line is a C string to Redis, so a NUL byte ends it.
/// </summary>
internal static class InlineSplitter
{
    private const int StackTokenLimit = 256;

    /// <summary>C isspace in the "C" locale.</summary>
    public static bool IsSpace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\v' or (byte)'\f' or (byte)'\r';

    /// <summary>False when quotes are unbalanced; the arguments added so far are then meaningless.</summary>
    public static bool TrySplit(ReadOnlySpan<byte> line, RequestArgs args)
    {
        int nul = line.IndexOf((byte)0);
        if (nul >= 0)
        {
            line = line[..nul];
        }

        byte[]? rented = null;
        Span<byte> token = line.Length <= StackTokenLimit
            ? stackalloc byte[StackTokenLimit]
            : (rented = ArrayPool<byte>.Shared.Rent(line.Length));
        try
        {
            int position = 0;
            while (true)
            {
                while (position < line.Length && IsSpace(line[position]))
                {
                    position++;
                }

                if (position == line.Length)
                {
                    return true;
                }

                if (!TryReadWord(line, ref position, token, out int length))
                {
                    return false;
                }

                args.Add(token[..length]);
            }
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    private static bool TryReadWord(ReadOnlySpan<byte> line, ref int position, Span<byte> token, out int length)
    {
        length = 0;
        QuoteState state = QuoteState.None;
        while (true)
        {
            byte current = At(line, position);
            switch (state)
            {
                case QuoteState.Double when current == '\\' && At(line, position + 1) == 'x'
                                            && IsHexDigit(At(line, position + 2)) && IsHexDigit(At(line, position + 3)):
                    token[length++] = (byte)((HexValue(line[position + 2]) << 4) | HexValue(line[position + 3]));
                    position += 3;
                    break;
                case QuoteState.Double when current == '\\' && At(line, position + 1) != 0:
                    position++;
                    token[length++] = Unescape(line[position]);
                    break;
                case QuoteState.Single when current == '\\' && At(line, position + 1) == '\'':
                    position++;
                    token[length++] = (byte)'\'';
                    break;
                case QuoteState.Double when current == '"':
                case QuoteState.Single when current == '\'':
                    byte next = At(line, position + 1);
                    if (next != 0 && !IsSpace(next))
                    {
                        return false;
                    }

                    position++;
                    return true;
                case QuoteState.Double or QuoteState.Single when current == 0:
                    return false;
                case QuoteState.None when current is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t' or 0:
                    if (current != 0)
                    {
                        position++;
                    }

                    return true;
                case QuoteState.None when current == '"':
                    state = QuoteState.Double;
                    break;
                case QuoteState.None when current == '\'':
                    state = QuoteState.Single;
                    break;
                default:
                    token[length++] = current;
                    break;
            }

            position++;
        }
    }

    /// <summary>The byte at index, or 0 past the end, as reading a C string would give.</summary>
    private static byte At(ReadOnlySpan<byte> line, int index) => index < line.Length ? line[index] : (byte)0;

    private static byte Unescape(byte escaped) => escaped switch
    {
        (byte)'n' => (byte)'\n',
        (byte)'r' => (byte)'\r',
        (byte)'t' => (byte)'\t',
        (byte)'b' => (byte)'\b',
        (byte)'a' => (byte)'\a',
        _ => escaped,
    };

    private static bool IsHexDigit(byte b) => char.IsAsciiHexDigit((char)b);

    private static int HexValue(byte b) => b <= '9' ? b - '0' : (b | 0x20) - 'a' + 10;

    private enum QuoteState : byte
    {
        None,
        Double,
        Single,
    }
}
