using System.Buffers;

namespace AkkaKv.Protocol;

/// <summary>
/// Finds where the next request frame ends without copying or allocating, by Redis 7's rules
/// (networking.c processMultibulkBuffer / processInlineBuffer). Resumable: after Incomplete, call
/// again with a buffer that starts at the same frame's first byte and has more bytes appended; the
/// framer continues where it stopped and never rescans a header line or a bulk payload it has passed.
/// A mutable struct: keep it in a field (not readonly) and do not copy it mid-frame.
/// </summary>
/// <remarks>
/// Redis finds line ends with strchr, which stops at a NUL byte: a header or inline line holding a NUL
/// never ends, and the connection waits until the limit below refuses it. So does this framer.
/// Line limits are applied so the outcome never depends on how the bytes were split into reads:
/// a line whose terminator lies further than MaxInlineLength bytes from its start is refused,
/// which is what Redis does whenever the bytes arrive in the usual 16 KB reads.
/// </remarks>
public partial struct RequestFramer
{
    private enum Phase : byte
    {
        Start,
        Inline,
        MultiBulkCount,
        BulkHeader,
        BulkPayload,
    }

    private readonly ProtocolLimits? _limits;
    private Phase _phase;
    private long _position;
    private long _lineScanned;
    private int _argumentsLeft;
    private long _bulkLength;
    private long _bytesNeededHint;
    private string? _error;

    public RequestFramer(ProtocolLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        _limits = limits;
    }

    public readonly ProtocolLimits Limits => _limits ?? ProtocolLimits.Default;

    /// <summary>
    /// Set while the connection has not authenticated (requirepass or ACL): Redis then refuses more
    /// than 10 arguments or an argument over 16 KB, so an anonymous client cannot make it buffer much.
    /// </summary>
    public bool Unauthenticated { get; set; }

    /// <summary>When TryFrame returned Error: Redis's exact reply text, without '-' and CRLF.</summary>
    public readonly string? Error => _error;

    /// <summary>
    /// When Incomplete inside a bulk payload: how many more bytes the frame needs at least; 0 when unknown.
    /// </summary>
    public readonly long BytesNeededHint => _bytesNeededHint;

    /// <summary>Forgets the frame in progress (done automatically on Complete) and any error.</summary>
    public void Reset()
    {
        _phase = Phase.Start;
        _position = 0;
        _lineScanned = 0;
        _argumentsLeft = 0;
        _bulkLength = 0;
        _bytesNeededHint = 0;
        _error = null;
    }

    public FrameStatus TryFrame(in ReadOnlySequence<byte> buffer, out long frameLength, out FrameKind kind)
    {
        if (buffer.IsSingleSegment)
        {
            return TryFrame(buffer.FirstSpan, out frameLength, out kind);
        }

        return Frame(new SequenceByteSource(buffer), out frameLength, out kind);
    }

    public FrameStatus TryFrame(ReadOnlySpan<byte> buffer, out long frameLength, out FrameKind kind)
    {
        if (_phase == Phase.Start && TryFrameWholeMultiBulk(buffer, [], out frameLength, out kind, out _))
        {
            return FrameStatus.Complete;
        }

        return Frame(new SpanByteSource(buffer), out frameLength, out kind);
    }

    /// <summary>The most arguments a frame may have for <see cref="TryFrame(ReadOnlySpan{byte}, RequestArgs, out long, out FrameKind, out bool)"/> to read them.</summary>
    public const int ArgumentsReadWhileFraming = 32;

    /// <summary>
    /// <see cref="TryFrame(ReadOnlySpan{byte}, out long, out FrameKind)"/>, also reading the arguments when the frame is
    /// the common case (a whole multibulk frame of up to <see cref="ArgumentsReadWhileFraming"/> arguments): then
    /// <paramref name="argumentsRead"/> is true and <paramref name="args"/> holds them, without a second parse.
    /// Otherwise <paramref name="args"/> is untouched and the caller reads a Complete frame with <see cref="RequestReader"/>.
    /// </summary>
    public FrameStatus TryFrame(ReadOnlySpan<byte> buffer, RequestArgs args, out long frameLength, out FrameKind kind, out bool argumentsRead)
    {
        ArgumentNullException.ThrowIfNull(args);
        argumentsRead = false;
        Span<int> arguments = stackalloc int[2 * ArgumentsReadWhileFraming];
        if (_phase == Phase.Start && TryFrameWholeMultiBulk(buffer, arguments, out frameLength, out kind, out var count))
        {
            // Copied only now that the frame is known whole and valid; a longer command is read the usual way.
            if (count <= ArgumentsReadWhileFraming)
            {
                args.Reset();
                for (var i = 0; i < (int)count; i++) args.Add(buffer.Slice(arguments[2 * i], arguments[(2 * i) + 1]));
                argumentsRead = true;
            }

            return FrameStatus.Complete;
        }

        return Frame(new SpanByteSource(buffer), out frameLength, out kind);
    }

    private FrameStatus Frame<TSource>(scoped TSource source, out long frameLength, out FrameKind kind)
        where TSource : IByteSource, allows ref struct
    {
        frameLength = 0;
        kind = FrameKind.Empty;
        _bytesNeededHint = 0;
        if (_error is not null)
        {
            return FrameStatus.Error;
        }

        while (true)
        {
            FrameStatus status;
            switch (_phase)
            {
                case Phase.Start:
                    if (source.Length == 0)
                    {
                        return FrameStatus.Incomplete;
                    }

                    _phase = source[0] == (byte)'*' ? Phase.MultiBulkCount : Phase.Inline;
                    break;
                case Phase.Inline:
                    return FrameInline(source, out frameLength, out kind);
                case Phase.MultiBulkCount:
                    status = ReadMultiBulkCount(source, out bool empty);
                    if (status != FrameStatus.Complete)
                    {
                        return status;
                    }

                    if (empty)
                    {
                        return Finish(FrameKind.Empty, out frameLength, out kind);
                    }

                    break;
                case Phase.BulkHeader:
                    if (_argumentsLeft == 0)
                    {
                        return Finish(FrameKind.MultiBulk, out frameLength, out kind);
                    }

                    status = ReadBulkHeader(source);
                    if (status != FrameStatus.Complete)
                    {
                        return status;
                    }

                    break;
                case Phase.BulkPayload:
                    // Redis skips the two bytes after a payload without looking at them, and so do we.
                    long end = _position + _bulkLength + 2;
                    if (end > source.Length)
                    {
                        _bytesNeededHint = end - source.Length;
                        return FrameStatus.Incomplete;
                    }

                    _position = end;
                    _argumentsLeft--;
                    _phase = Phase.BulkHeader;
                    break;
            }
        }
    }

    private FrameStatus Finish(FrameKind frameKind, out long frameLength, out FrameKind kind)
    {
        frameLength = _position;
        kind = frameKind;
        Reset();
        return FrameStatus.Complete;
    }

    private FrameStatus Fail(string error)
    {
        _error = error;
        return FrameStatus.Error;
    }
}
