using System.Buffers;
using System.Buffers.Text;
using System.Text;

namespace AkkaKv.Protocol;

/// <summary>
/// Writes replies into a growable buffer rented from the shared pool. RESP2 or RESP3 is decided here,
/// at write time, by the rules of Redis's addReply* functions, so command code never branches on it.
/// Reusable: Reset keeps the buffer. Dispose returns it to the pool.
/// </summary>
public sealed partial class RespWriter : IBufferWriter<byte>, IDisposable
{
    private const int MinimumCapacity = 64;

    /// <summary>Longest integer text: "-9223372036854775808".</summary>
    private const int MaxIntegerLength = 20;

    private readonly int _initialCapacity;
    private byte[] _buffer;
    private int _length;
    private int _protocol = 2;

    public RespWriter(int initialCapacity = 4096)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(initialCapacity);
        _initialCapacity = Math.Max(initialCapacity, MinimumCapacity);
        _buffer = ArrayPool<byte>.Shared.Rent(_initialCapacity);
    }

    /// <summary>2 or 3, as HELLO negotiated.</summary>
    public int Protocol
    {
        get => _protocol;
        set
        {
            if (value is not (2 or 3))
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "RESP protocol version must be 2 or 3.");
            }

            _protocol = value;
        }
    }

    /// <summary>Reset returns a buffer grown past this size to the pool and starts small again.</summary>
    public int MaxRetainedCapacity { get; set; } = 1024 * 1024;

    public int Length => _length;

    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _length);

    /// <summary>Valid until the next write, Reset or Dispose.</summary>
    public ReadOnlyMemory<byte> WrittenMemory => _buffer.AsMemory(0, _length);

    private bool IsResp3 => _protocol == 3;

    public ReadOnlySpan<byte> Slice(int start, int end) => _buffer.AsSpan(start.._length)[..(end - start)];

    public void Reset()
    {
        _length = 0;
        if (_buffer.Length > MaxRetainedCapacity)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = ArrayPool<byte>.Shared.Rent(_initialCapacity);
        }
    }

    /// <summary>Drops everything written after <paramref name="length"/> (CLIENT REPLY OFF/SKIP).</summary>
    public void Truncate(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(length, _length);
        _length = length;
    }

    public void Dispose()
    {
        byte[] buffer = _buffer;
        _buffer = [];
        _length = 0;
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public void Advance(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, _buffer.Length - _length);
        _length += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        EnsureCapacity(Math.Max(sizeHint, 1));
        return _buffer.AsMemory(_length);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        EnsureCapacity(Math.Max(sizeHint, 1));
        return _buffer.AsSpan(_length);
    }

    public void WriteRaw(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(Reserve(bytes.Length));
        _length += bytes.Length;
    }

    private Span<byte> Reserve(int size)
    {
        EnsureCapacity(size);
        return _buffer.AsSpan(_length, size);
    }

    private void EnsureCapacity(int size)
    {
        if (_buffer.Length - _length >= size)
        {
            return;
        }

        long wanted = Math.Max((long)_length + size, Math.Max(_buffer.Length * 2L, _initialCapacity));
        byte[] larger = ArrayPool<byte>.Shared.Rent((int)Math.Min(wanted, Array.MaxLength));
        _buffer.AsSpan(0, _length).CopyTo(larger);
        if (_buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
        }

        _buffer = larger;
    }

    /// <summary>Writes prefix, the number and CRLF: every length header and integer reply.</summary>
    private void WriteNumberLine(byte prefix, long value)
    {
        Span<byte> target = Reserve(1 + MaxIntegerLength + 2);
        target[0] = prefix;
        int digits;
        if ((ulong)value < 10)
        {
            target[1] = (byte)('0' + value);
            digits = 1;
        }
        else
        {
            Utf8Formatter.TryFormat(value, target[1..], out digits);
        }

        target[1 + digits] = (byte)'\r';
        target[2 + digits] = (byte)'\n';
        _length += 3 + digits;
    }

    private void WriteCrlf()
    {
        Span<byte> target = Reserve(2);
        target[0] = (byte)'\r';
        target[1] = (byte)'\n';
        _length += 2;
    }

    /// <summary>Encodes without an intermediate array; returns where the text starts.</summary>
    private int WriteUtf8(string text)
    {
        int start = _length;
        int written = Encoding.UTF8.GetBytes(text, Reserve(Encoding.UTF8.GetMaxByteCount(text.Length)));
        _length += written;
        return start;
    }
}
