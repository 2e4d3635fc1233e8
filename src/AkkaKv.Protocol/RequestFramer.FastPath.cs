namespace AkkaKv.Protocol;

/// <summary>A whole multibulk frame in contiguous memory, framed in one tight pass without the state machine.</summary>
public partial struct RequestFramer
{
    /// <summary>The fast path reads lines up to this long without checking the line limit.</summary>
    private const int NumberLineLimit = 32;

    /// <summary>
    /// The common case in one tight pass: a whole, well-formed multibulk frame in contiguous memory.
    /// Declines (leaving all state alone) on anything else, which the resumable path then handles.
    /// </summary>
    private readonly bool TryFrameWholeMultiBulk<TSink>(ReadOnlySpan<byte> buffer, ref TSink arguments, out long frameLength, out FrameKind kind)
        where TSink : struct, IArgumentSink
    {
        frameLength = 0;
        kind = FrameKind.MultiBulk;
        ProtocolLimits limits = Limits;
        int position = 1;
        if (buffer.IsEmpty || buffer[0] != (byte)'*' || _error is not null || limits.MaxInlineLength < NumberLineLimit
            || !NumberLine.TryRead(buffer, ref position, out long count) || count > limits.MaxMultiBulkCount
            || (Unauthenticated && count > limits.UnauthenticatedMaxMultiBulkCount))
        {
            return false;
        }

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

            arguments.Add(buffer.Slice(position, (int)length));
            position += (int)length + 2;
        }

        frameLength = position;
        return true;
    }

    /// <summary>What the fast path does with each argument it passes: nothing when only framing, or read it.</summary>
    private interface IArgumentSink
    {
        void Add(ReadOnlySpan<byte> argument);
    }

    private struct NoArguments : IArgumentSink
    {
        public readonly void Add(ReadOnlySpan<byte> argument)
        {
        }
    }

    private readonly struct ArgumentsInto(RequestArgs args) : IArgumentSink
    {
        public void Add(ReadOnlySpan<byte> argument) => args.Add(argument);
    }
}
