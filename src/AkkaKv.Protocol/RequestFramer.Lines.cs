namespace AkkaKv.Protocol;

/// <summary>The header lines of a frame: inline requests, the '*' count and the '$' lengths.</summary>
public partial struct RequestFramer
{
    private FrameStatus FrameInline<TSource>(scoped TSource source, out long frameLength, out FrameKind kind)
        where TSource : IByteSource, allows ref struct
    {
        frameLength = 0;
        kind = FrameKind.Empty;
        long limit = Limits.MaxInlineLength;
        long windowEnd = Math.Min(source.Length, limit + 1);
        long newline = _lineScanned < windowEnd ? source.IndexOfAny((byte)'\n', 0, _lineScanned, windowEnd) : -1;
        if (newline < 0 || source[newline] == 0)
        {
            if (source.Length > limit)
            {
                return Fail(ProtocolErrors.TooBigInlineRequest);
            }

            _lineScanned = newline < 0 ? source.Length : newline;
            return FrameStatus.Incomplete;
        }

        _position = newline + 1;
        return Finish(IsBlank(source, newline) ? FrameKind.Empty : FrameKind.Inline, out frameLength, out kind);
    }

    /// <summary>A line of C isspace bytes only splits into no arguments at all.</summary>
    private static bool IsBlank<TSource>(scoped TSource source, long length)
        where TSource : IByteSource, allows ref struct
    {
        for (long i = 0; i < length; i++)
        {
            if (!InlineSplitter.IsSpace(source[i]))
            {
                return false;
            }
        }

        return true;
    }

    private FrameStatus ReadMultiBulkCount<TSource>(scoped TSource source, out bool empty)
        where TSource : IByteSource, allows ref struct
    {
        empty = false;
        FrameStatus status = FindLineEnd(source, ProtocolErrors.TooBigMbulkCountString, out long carriageReturn);
        if (status != FrameStatus.Complete)
        {
            return status;
        }

        if (!TryParseNumber(source, _position + 1, carriageReturn, out long count) || count > Limits.MaxMultiBulkCount)
        {
            return Fail(ProtocolErrors.InvalidMultibulkLength);
        }

        if (Unauthenticated && count > Limits.UnauthenticatedMaxMultiBulkCount)
        {
            return Fail(ProtocolErrors.UnauthenticatedMultibulkLength);
        }

        StartNextLine(carriageReturn);
        empty = count <= 0;
        _argumentsLeft = empty ? 0 : (int)count;
        _phase = Phase.BulkHeader;
        return FrameStatus.Complete;
    }

    private FrameStatus ReadBulkHeader<TSource>(scoped TSource source)
        where TSource : IByteSource, allows ref struct
    {
        FrameStatus status = FindLineEnd(source, ProtocolErrors.TooBigBulkCountString, out long carriageReturn);
        if (status != FrameStatus.Complete)
        {
            return status;
        }

        byte first = source[_position];
        if (first != (byte)'$')
        {
            return Fail(ProtocolErrors.ExpectedDollar(first));
        }

        if (!TryParseNumber(source, _position + 1, carriageReturn, out long length) || length < 0 || length > Limits.MaxBulkLength)
        {
            return Fail(ProtocolErrors.InvalidBulkLength);
        }

        if (Unauthenticated && length > Limits.UnauthenticatedMaxBulkLength)
        {
            return Fail(ProtocolErrors.UnauthenticatedBulkLength);
        }

        StartNextLine(carriageReturn);
        _bulkLength = length;
        _phase = Phase.BulkPayload;
        return FrameStatus.Complete;
    }

    /// <summary>
    /// Finds the '\r' ending the line at _position. Like Redis, the line is whole once one more byte
    /// follows the '\r'; that byte is skipped unread.
    /// </summary>
    private FrameStatus FindLineEnd<TSource>(scoped TSource source, string tooBigError, out long carriageReturn)
        where TSource : IByteSource, allows ref struct
    {
        long limit = Limits.MaxInlineLength;
        long available = source.Length - _position;
        long windowEnd = _position + Math.Min(available, limit + 1);
        long searchFrom = _position + _lineScanned;
        carriageReturn = searchFrom < windowEnd ? source.IndexOfAny((byte)'\r', 0, searchFrom, windowEnd) : -1;
        if (carriageReturn < 0 || source[carriageReturn] == 0)
        {
            if (available > limit)
            {
                return Fail(tooBigError);
            }

            _lineScanned = carriageReturn < 0 ? available : carriageReturn - _position;
            return FrameStatus.Incomplete;
        }

        if (carriageReturn + 2 > source.Length)
        {
            _lineScanned = carriageReturn - _position;
            return FrameStatus.Incomplete;
        }

        return FrameStatus.Complete;
    }

    private void StartNextLine(long carriageReturn)
    {
        _position = carriageReturn + 2;
        _lineScanned = 0;
    }

    private static bool TryParseNumber<TSource>(scoped TSource source, long start, long end, out long value)
        where TSource : IByteSource, allows ref struct
    {
        long length = end - start;
        if (length > RedisInteger.MaxLength)
        {
            value = 0;
            return false;
        }

        Span<byte> scratch = stackalloc byte[RedisInteger.MaxLength];
        return RedisInteger.TryParse(source.Read(start, (int)length, scratch), out value);
    }
}
