using AkkaKv.Protocol;
using AkkaKv.Server.Journal;

namespace AkkaKv.Persistence.Journal;

/// <summary>
/// The tail of the replication stream: each journal entry encoded as KeyDB's active-replica frame
/// (RREPLAY origin-uuid command db version, the command itself RESP-encoded), kept in a ring of a fixed size.
/// A replica that reconnects within the backlog resumes from its offset instead of a full resync.
/// </summary>
public sealed class ReplicationBacklog
{
    private readonly byte[] _ring;
    private readonly RespWriter _frame = new(256);
    private long _offset;

    // Nearly every entry comes from one node: its id is formatted once, not per entry.
    private Guid _lastOrigin;
    private byte[] _lastOriginText = [];

    public ReplicationBacklog(long size) => _ring = new byte[Math.Max(16 * 1024, size)];

    /// <summary>Total bytes ever appended: Redis's master_repl_offset.</summary>
    public long Offset => Volatile.Read(ref _offset);

    public long Size => _ring.Length;

    public void Append(JournalEntry entry)
    {
        _frame.Reset();
        _frame.WriteArrayHeader(5);
        _frame.WriteBulk("RREPLAY"u8);
        _frame.WriteBulk(OriginText(entry.Origin));
        // The command, RESP-encoded, is itself a bulk: its length is known beforehand, so it is written in place.
        Span<byte> header = stackalloc byte[16];
        header[0] = (byte)'$';
        System.Buffers.Text.Utf8Formatter.TryFormat(CommandLength(entry.Arguments), header[1..], out var digits);
        _frame.WriteRaw(header[..(digits + 1)]);
        _frame.WriteRaw("\r\n"u8);
        _frame.WriteArrayHeader(entry.Arguments.Length);
        foreach (var argument in entry.Arguments) _frame.WriteBulk(argument);
        _frame.WriteRaw("\r\n"u8);
        _frame.WriteBulk(entry.Database);
        _frame.WriteBulk(entry.Version);
        Write(_frame.WrittenSpan);
    }

    private byte[] OriginText(Guid origin)
    {
        if (origin != _lastOrigin || _lastOriginText.Length == 0)
        {
            _lastOrigin = origin;
            _lastOriginText = System.Text.Encoding.ASCII.GetBytes(origin.ToString());
        }
        return _lastOriginText;
    }

    private static int CommandLength(byte[][] arguments)
    {
        var length = HeaderLength(arguments.Length);
        foreach (var argument in arguments) length += HeaderLength(argument.Length) + argument.Length + 2;
        return length;
    }

    /// <summary>Bytes of "*n\r\n" or "$n\r\n".</summary>
    private static int HeaderLength(int n)
    {
        var digits = 1;
        for (var rest = n; rest >= 10; rest /= 10) digits++;
        return 1 + digits + 2;
    }

    /// <summary>Copies the bytes from <paramref name="fromOffset"/> to the end, or returns false when they are no longer held.</summary>
    public bool TryRead(long fromOffset, out byte[] bytes)
    {
        var end = Offset;
        if (fromOffset > end || end - fromOffset > _ring.Length)
        {
            bytes = [];
            return false;
        }
        bytes = new byte[end - fromOffset];
        for (long i = 0; i < bytes.Length; i++) bytes[i] = _ring[(fromOffset + i) % _ring.Length];
        return true;
    }

    private void Write(ReadOnlySpan<byte> bytes)
    {
        var position = (int)(_offset % _ring.Length);
        while (bytes.Length > 0)
        {
            var chunk = Math.Min(bytes.Length, _ring.Length - position);
            bytes[..chunk].CopyTo(_ring.AsSpan(position));
            bytes = bytes[chunk..];
            position = 0;
            Volatile.Write(ref _offset, _offset + chunk);
        }
    }
}
