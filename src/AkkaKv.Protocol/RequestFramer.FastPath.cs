namespace AkkaKv.Protocol;

/// <summary>A whole multibulk frame in contiguous memory, framed in one tight pass without the state machine.</summary>
public partial struct RequestFramer
{
    /// <summary>The fast path reads lines up to this long without checking the line limit.</summary>
    private const int NumberLineLimit = 32;

    /// <summary>
    /// The common case in one tight pass: a whole, well-formed multibulk frame in contiguous memory.
    /// Declines (leaving all state alone) on anything else, which the resumable path then handles.
    /// Where the first arguments lie goes into <paramref name="arguments"/> (start and length of each, for as
    /// many as it holds), so a caller can read them without parsing the frame again.
    /// </summary>
    private readonly bool TryFrameWholeMultiBulk(ReadOnlySpan<byte> buffer, Span<int> arguments, out long frameLength, out FrameKind kind,
        out long argumentCount)
    {
        frameLength = 0;
        argumentCount = 0;
        kind = FrameKind.MultiBulk;
        ProtocolLimits limits = Limits;
        int position = 1;
        if (buffer.IsEmpty || buffer[0] != (byte)'*' || _error is not null || limits.MaxInlineLength < NumberLineLimit
            || !NumberLine.TryRead(buffer, ref position, out long count) || count > limits.MaxMultiBulkCount
            || (Unauthenticated && count > limits.UnauthenticatedMaxMultiBulkCount))
        {
            return false;
        }

        argumentCount = Math.Max(count, 0);
        if (count <= 0)
        {
            frameLength = position;
            kind = FrameKind.Empty;
            return true;
        }

        long maxBulkLength = Unauthenticated ? Math.Min(limits.MaxBulkLength, limits.UnauthenticatedMaxBulkLength) : limits.MaxBulkLength;
        for (long i = 0; i < count; i++)
        {
            if (position >= buffer.Length || buffer[position] != (byte)'$')
            {
                return false;
            }

            position++;
            if (!NumberLine.TryRead(buffer, ref position, out long length) || length < 0 || length > maxBulkLength
                || length + 2 > buffer.Length - position)
            {
                return false;
            }

            if (2 * i + 1 < arguments.Length)
            {
                arguments[(int)(2 * i)] = position;
                arguments[(int)(2 * i) + 1] = (int)length;
            }

            position += (int)length + 2;
        }

        frameLength = position;
        return true;
    }
}
