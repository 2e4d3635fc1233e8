using System.Buffers;

namespace AkkaKv.Protocol;

/// <summary>Turns one frame found by <see cref="RequestFramer"/> into a command's arguments.</summary>
public static class RequestReader
{
    /// <summary>
    /// Fills <paramref name="args"/> (after resetting it) from exactly one Complete frame. Returns false,
    /// with Redis's error text, for an inline request with unbalanced quotes. Afterwards Count is 0 for
    /// an Empty frame and at least 1 for the others (the framer reports blank inline lines as Empty).
    /// </summary>
    public static bool TryRead(in ReadOnlySequence<byte> frame, FrameKind kind, RequestArgs args, out string? error)
    {
        if (frame.IsSingleSegment)
        {
            return TryRead(frame.FirstSpan, kind, args, out error);
        }

        ArgumentNullException.ThrowIfNull(args);
        args.Reset();
        error = null;
        switch (kind)
        {
            case FrameKind.MultiBulk:
                ReadMultiBulk(frame, args);
                return true;
            case FrameKind.Inline:
                return TryReadInline(frame, args, out error);
            default:
                return true;
        }
    }

    public static bool TryRead(ReadOnlySpan<byte> frame, FrameKind kind, RequestArgs args, out string? error)
    {
        ArgumentNullException.ThrowIfNull(args);
        args.Reset();
        error = null;
        switch (kind)
        {
            case FrameKind.MultiBulk:
                ReadMultiBulk(frame, args);
                return true;
            case FrameKind.Inline:
                if (!InlineSplitter.TrySplit(InlineLine(frame), args))
                {
                    args.Reset();
                    error = ProtocolErrors.UnbalancedQuotes;
                    return false;
                }

                return true;
            default:
                return true;
        }
    }

    /// <summary>The frame was validated by the framer, so only a misuse can make it inconsistent.</summary>
    private static void ReadMultiBulk(ReadOnlySpan<byte> frame, RequestArgs args)
    {
        int position = 0;
        int count = (int)ReadHeader(frame, ref position, (byte)'*');
        for (int i = 0; i < count; i++)
        {
            int length = (int)ReadHeader(frame, ref position, (byte)'$');
            if (length > frame.Length - position)
            {
                throw NotAFrame();
            }

            args.Add(frame.Slice(position, length));
            position += length + 2;
        }
    }

    private static long ReadHeader(ReadOnlySpan<byte> frame, ref int position, byte prefix)
    {
        int digits = position + 1;
        if (position < frame.Length && frame[position] == prefix && NumberLine.TryRead(frame, ref digits, out long parsed))
        {
            position = digits;
            return parsed;
        }

        return ReadUnusualHeader(frame, ref position, prefix);
    }

    /// <summary>Numbers of 19 or 20 digits and frames that are not frames at all.</summary>
    private static long ReadUnusualHeader(ReadOnlySpan<byte> frame, ref int position, byte prefix)
    {
        if (position >= frame.Length)
        {
            throw NotAFrame();
        }

        ReadOnlySpan<byte> rest = frame[position..];
        int carriageReturn = rest.IndexOf((byte)'\r');
        if (rest.IsEmpty || rest[0] != prefix || carriageReturn < 0 || !RedisInteger.TryParse(rest[1..carriageReturn], out long value))
        {
            throw NotAFrame();
        }

        position += carriageReturn + 2;
        return value;
    }

    private static void ReadMultiBulk(in ReadOnlySequence<byte> frame, RequestArgs args)
    {
        var reader = new SequenceReader<byte>(frame);
        long count = ReadHeader(ref reader, (byte)'*');
        for (long i = 0; i < count; i++)
        {
            int length = (int)ReadHeader(ref reader, (byte)'$');
            if (length > reader.Remaining)
            {
                throw NotAFrame();
            }

            reader.TryCopyTo(args.AddUninitialized(length));
            reader.Advance(Math.Min(length + 2L, reader.Remaining));
        }
    }

    private static long ReadHeader(ref SequenceReader<byte> reader, byte prefix)
    {
        if (!reader.TryRead(out byte first) || first != prefix || !reader.TryReadTo(out ReadOnlySequence<byte> digits, (byte)'\r'))
        {
            throw NotAFrame();
        }

        Span<byte> scratch = stackalloc byte[RedisInteger.MaxLength];
        if (digits.Length > RedisInteger.MaxLength)
        {
            throw NotAFrame();
        }

        digits.CopyTo(scratch);
        if (!RedisInteger.TryParse(scratch[..(int)digits.Length], out long value))
        {
            throw NotAFrame();
        }

        reader.Advance(Math.Min(1, reader.Remaining));
        return value;
    }

    private static bool TryReadInline(in ReadOnlySequence<byte> frame, RequestArgs args, out string? error)
    {
        byte[] copy = ArrayPool<byte>.Shared.Rent((int)frame.Length);
        try
        {
            frame.CopyTo(copy);
            return TryRead(copy.AsSpan(0, (int)frame.Length), FrameKind.Inline, args, out error);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(copy);
        }
    }

    /// <summary>The request line without its '\n' and one optional '\r' before it.</summary>
    private static ReadOnlySpan<byte> InlineLine(ReadOnlySpan<byte> frame)
    {
        if (frame.Length > 0 && frame[^1] == '\n')
        {
            frame = frame[..^1];
        }

        if (frame.Length > 0 && frame[^1] == '\r')
        {
            frame = frame[..^1];
        }

        return frame;
    }

    private static ArgumentException NotAFrame() =>
        new("The bytes are not one complete frame as RequestFramer reported it.", "frame");
}
