using System.Buffers.Text;
using System.Diagnostics;
using System.Numerics;
using System.Text;
using AkkaKv.Protocol;

namespace AkkaKv.Server.Journal;

/// <summary>
/// Encodes journaled effects as the replication stream carries them, KeyDB's active-replica frame: RREPLAY, the origin
/// node's uuid, the command RESP-encoded inside a bulk, the database and the version. A shard encodes each effect here
/// as it happens, so a write costs no entry object and no copy of its arguments, and hands the batch's frames to the
/// journal at once. Each frame's size is computed first, so it is written once, in place, with one capacity check.
/// </summary>
public sealed class JournalFrameWriter
{
    private readonly byte[] _head;
    private readonly RespWriter _frames = new(1024);

    /// <param name="origin">The node the effects originate on, tagged on every frame.</param>
    public JournalFrameWriter(Guid origin) =>
        _head = Encoding.ASCII.GetBytes($"*5\r\n$7\r\nRREPLAY\r\n$36\r\n{origin}\r\n");

    /// <summary>The frames written since <see cref="Clear"/>, in order; valid until the next write or Clear.</summary>
    public ReadOnlySpan<byte> Frames => _frames.WrittenSpan;

    public bool IsEmpty => _frames.Length == 0;

    public void Clear() => _frames.Reset();

    /// <summary>A request journaled as it was received.</summary>
    public void Write(int database, long version, RequestArgs command)
    {
        var length = HeaderLength(command.Count);
        for (var i = 0; i < command.Count; i++) length += BulkLength(command[i].Length);
        var frame = Open(length, command.Count, database, version);
        for (var i = 0; i < command.Count; i++) frame.Bulk(command[i]);
        Close(ref frame, database, version);
    }

    public void Write(int database, long version, ReadOnlySpan<byte[]> command)
    {
        var length = HeaderLength(command.Length);
        foreach (var argument in command) length += BulkLength(argument.Length);
        var frame = Open(length, command.Length, database, version);
        foreach (var argument in command) frame.Bulk(argument);
        Close(ref frame, database, version);
    }

    public void Write(int database, long version, ReadOnlySpan<JournalArgument> command)
    {
        var length = HeaderLength(command.Length);
        foreach (var argument in command) length += BulkLength(argument.IsInteger ? DigitCount(argument.Integer) : argument.Bytes.Length);
        var frame = Open(length, command.Length, database, version);
        foreach (var argument in command)
        {
            if (argument.IsInteger) frame.Bulk(argument.Integer);
            else frame.Bulk(argument.Bytes.Span);
        }
        Close(ref frame, database, version);
    }

    /// <summary>Reserves the whole frame and writes it up to the command's arguments.</summary>
    private FrameCursor Open(int commandLength, int argumentCount, int database, long version)
    {
        var size = _head.Length + HeaderLength(commandLength) + commandLength + 2
            + BulkLength(DigitCount(database)) + BulkLength(DigitCount(version));
        var frame = new FrameCursor(_frames.GetSpan(size)[..size]);
        frame.Raw(_head);
        frame.Header((byte)'$', commandLength);
        frame.Header((byte)'*', argumentCount);
        return frame;
    }

    private void Close(ref FrameCursor frame, int database, long version)
    {
        frame.Raw("\r\n"u8);
        frame.Bulk(database);
        frame.Bulk(version);
        Debug.Assert(frame.IsFull, "a frame's size was computed wrong");
        _frames.Advance(frame.Size);
    }

    /// <summary>Bytes of "*n\r\n" or "$n\r\n".</summary>
    private static int HeaderLength(int n) => 3 + DigitCount(n);

    private static int BulkLength(int valueLength) => HeaderLength(valueLength) + valueLength + 2;

    /// <summary>Characters of the decimal text of <paramref name="value"/>, sign included.</summary>
    private static int DigitCount(long value)
    {
        // Negated through ulong so that long.MinValue has a magnitude too.
        var magnitude = value < 0 ? (ulong)-(value + 1) + 1 : (ulong)value;
        // Setting the low bit never crosses a power of ten, and makes 0 count as 1. log10 is estimated from log2
        // (1233 / 4096 ~ log10 2) and corrected by one comparison: every version has 19 digits, a loop would take 18 steps.
        magnitude |= 1;
        var log10 = (BitOperations.Log2(magnitude) + 1) * 1233 >> 12;
        return log10 + (magnitude >= PowersOf10[log10] ? 1 : 0) + (value < 0 ? 1 : 0);
    }

    private static ReadOnlySpan<ulong> PowersOf10 =>
    [
        1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000, 10_000_000_000,
        100_000_000_000, 1_000_000_000_000, 10_000_000_000_000, 100_000_000_000_000, 1_000_000_000_000_000,
        10_000_000_000_000_000, 100_000_000_000_000_000, 1_000_000_000_000_000_000, 10_000_000_000_000_000_000,
    ];

    /// <summary>Writes into a frame's reserved bytes.</summary>
    private ref struct FrameCursor(Span<byte> target)
    {
        private readonly Span<byte> _target = target;
        private int _written;

        public readonly int Size => _target.Length;

        public readonly bool IsFull => _written == _target.Length;

        public void Raw(ReadOnlySpan<byte> bytes)
        {
            bytes.CopyTo(_target[_written..]);
            _written += bytes.Length;
        }

        public void Header(byte prefix, int n)
        {
            _target[_written] = prefix;
            Utf8Formatter.TryFormat(n, _target[(_written + 1)..], out var digits);
            _written += 1 + digits;
            Raw("\r\n"u8);
        }

        public void Bulk(ReadOnlySpan<byte> value)
        {
            Header((byte)'$', value.Length);
            Raw(value);
            Raw("\r\n"u8);
        }

        public void Bulk(long value)
        {
            Header((byte)'$', DigitCount(value));
            Utf8Formatter.TryFormat(value, _target[_written..], out var digits);
            _written += digits;
            Raw("\r\n"u8);
        }
    }
}
