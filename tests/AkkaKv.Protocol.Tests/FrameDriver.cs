using System.Buffers;

namespace AkkaKv.Protocol.Tests;

/// <summary>How <see cref="FrameDriver"/> hands the buffered bytes to the framer.</summary>
internal enum FrameInput
{
    /// <summary>One span, framing and reading in one pass where it can, as a session does.</summary>
    Span,

    /// <summary>A single-segment sequence, framed first and then read.</summary>
    Sequence,

    /// <summary>A sequence of one-byte segments, framed first and then read.</summary>
    Segments,
}

/// <summary>
/// Feeds received chunks to a framer the way a connection does: the buffer passed always starts at the
/// current frame's first byte. Records each command as its arguments joined by '|', "(empty)" for
/// Empty frames, and "-ERR ..." for an error, after which it stops.
/// </summary>
internal sealed class FrameDriver(ProtocolLimits? limits = null, FrameInput input = FrameInput.Span)
{
    private readonly List<byte> _pending = [];
    private readonly RequestArgs _args = new();
    private RequestFramer _framer = new(limits ?? ProtocolLimits.Default);

    public List<string> Commands { get; } = [];

    public bool Failed { get; private set; }

    public long LastHint { get; private set; }

    public int PendingBytes => _pending.Count;

    /// <summary>The commands of one read, which reading while framing and framing then reading must agree on.</summary>
    public static List<string> Run(byte[] input, ProtocolLimits? limits = null)
    {
        var driver = new FrameDriver(limits);
        driver.Receive(input);
        var framedThenRead = new FrameDriver(limits, FrameInput.Sequence);
        framedThenRead.Receive(input);
        Assert.Equal(framedThenRead.Commands, driver.Commands);
        return driver.Commands;
    }

    public void Receive(ReadOnlySpan<byte> chunk)
    {
        if (Failed)
        {
            return;
        }

        _pending.AddRange(chunk.ToArray());
        while (_pending.Count > 0)
        {
            byte[] bytes = [.. _pending];
            ReadOnlySequence<byte> buffer = input == FrameInput.Segments ? TestBytes.OneBytePerSegment(bytes) : new ReadOnlySequence<byte>(bytes);
            var argumentsRead = false;
            FrameStatus status = input == FrameInput.Span
                ? _framer.TryFrame(bytes, _args, out long length, out FrameKind kind, out argumentsRead)
                : _framer.TryFrame(buffer, out length, out kind);
            LastHint = _framer.BytesNeededHint;
            if (status == FrameStatus.Incomplete)
            {
                return;
            }

            if (status == FrameStatus.Error)
            {
                Commands.Add("-" + _framer.Error);
                Failed = true;
                return;
            }

            ReadOnlySequence<byte> frame = buffer.Slice(0, length);
            if (!argumentsRead && !RequestReader.TryRead(frame, kind, _args, out string? error))
            {
                Commands.Add("-" + error);
                Failed = true;
                return;
            }

            if (kind != FrameKind.Empty && _args.Count == 0)
            {
                throw new InvalidOperationException($"A {kind} frame read as no arguments.");
            }

            Commands.Add(kind == FrameKind.Empty ? "(empty)" : Join(_args));
            _pending.RemoveRange(0, (int)length);
        }
    }

    private static string Join(RequestArgs args) =>
        string.Join("|", Enumerable.Range(0, args.Count).Select(i => TestBytes.Text(args[i])));
}
