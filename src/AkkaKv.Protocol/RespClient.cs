using System.Buffers;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace AkkaKv.Protocol;

/// <summary>
/// A tiny synchronous client for integration and multi-node tests: sends commands as RESP arrays,
/// reads replies with a timeout, and can tell when the server closed the connection.
/// Not thread-safe; one test drives one client.
/// </summary>
public sealed class RespClient : IDisposable, IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly RespWriter _request = new(256);
    private byte[] _received = new byte[16 * 1024];
    private int _start;
    private int _end;
    private bool _closedByPeer;
    private bool _disposed;

    public RespClient(string host, int port)
    {
        ArgumentNullException.ThrowIfNull(host);
        _socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            _socket.Connect(host, port);
        }
        catch
        {
            _socket.Dispose();
            throw;
        }
    }

    public RespClient(EndPoint endPoint)
    {
        ArgumentNullException.ThrowIfNull(endPoint);
        _socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            _socket.Connect(endPoint);
        }
        catch
        {
            _socket.Dispose();
            throw;
        }
    }

    /// <summary>How long Execute waits for its reply.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>False once the server closed the connection (as far as reads have seen) or after Dispose.</summary>
    public bool IsConnected => !_disposed && !_closedByPeer && _socket.Connected;

    /// <summary>Bytes received but not yet read as replies.</summary>
    public int BufferedBytes => _end - _start;

    public static RespClient Connect(string host, int port) => new(host, port);

    public static RespClient Connect(EndPoint endPoint) => new(endPoint);

    public RespValue Execute(params string[] args)
    {
        Send(args);
        return ReadReply(Timeout);
    }

    public RespValue Execute(params byte[][] args)
    {
        Send(args);
        return ReadReply(Timeout);
    }

    /// <summary>Sends a command without waiting for its reply, for pipelining.</summary>
    public void Send(params string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        _request.Reset();
        _request.WriteArrayHeader(args.Length);
        foreach (string arg in args)
        {
            _request.WriteBulk(arg);
        }

        SendRaw(_request.WrittenSpan);
    }

    public void Send(params byte[][] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        _request.Reset();
        _request.WriteArrayHeader(args.Length);
        foreach (byte[] arg in args)
        {
            _request.WriteBulk(arg);
        }

        SendRaw(_request.WrittenSpan);
    }

    public void SendRaw(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        SendRaw(bytes.AsSpan());
    }

    public void SendRaw(string text) => SendRaw(Encoding.UTF8.GetBytes(text));

    public void SendRaw(ReadOnlySpan<byte> bytes)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        while (!bytes.IsEmpty)
        {
            int sent = _socket.Send(bytes);
            bytes = bytes[sent..];
        }
    }

    /// <summary>
    /// The next reply. Throws <see cref="TimeoutException"/> when none is complete in time, and
    /// <see cref="IOException"/> when the server closed the connection first.
    /// </summary>
    public RespValue ReadReply(TimeSpan timeout)
    {
        if (TryReadReply(timeout, out RespValue? reply))
        {
            return reply!;
        }

        if (_closedByPeer)
        {
            throw new IOException($"The server closed the connection ({BufferedBytes} bytes of an incomplete reply were left).");
        }

        throw new TimeoutException($"No complete reply within {timeout}.");
    }

    /// <summary>False when no whole reply arrived within the timeout or the connection closed first.</summary>
    public bool TryReadReply(TimeSpan timeout, out RespValue? reply)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        long deadline = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
        while (true)
        {
            var buffered = new ReadOnlySequence<byte>(_received, _start, _end - _start);
            if (RespReader.TryRead(ref buffered, out reply))
            {
                _start = _end - (int)buffered.Length;
                return true;
            }

            if (_closedByPeer || !Receive(deadline))
            {
                return false;
            }
        }
    }

    /// <summary>
    /// Waits until the server closes the connection; true if it did within the timeout. Bytes that arrive
    /// meanwhile are kept for <see cref="ReadReply"/>.
    /// </summary>
    public bool WaitClosed(TimeSpan timeout)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        long deadline = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
        while (!_closedByPeer)
        {
            if (!Receive(deadline) && !_closedByPeer)
            {
                return false;
            }
        }

        return true;
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _socket.Dispose();
        _request.Dispose();
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>Receives what is available before the deadline; false on timeout or when the peer closed.</summary>
    private bool Receive(long deadline)
    {
        long remaining = deadline - Environment.TickCount64;
        if (remaining <= 0 || !_socket.Poll(TimeSpan.FromMilliseconds(remaining), SelectMode.SelectRead))
        {
            return false;
        }

        MakeRoom();
        int received;
        try
        {
            received = _socket.Receive(_received, _end, _received.Length - _end, SocketFlags.None);
        }
        catch (SocketException exception) when (exception.SocketErrorCode is SocketError.ConnectionReset or SocketError.ConnectionAborted or SocketError.Shutdown)
        {
            received = 0;
        }

        if (received == 0)
        {
            _closedByPeer = true;
            return false;
        }

        _end += received;
        return true;
    }

    private void MakeRoom()
    {
        if (_start > 0 && _start == _end)
        {
            _start = _end = 0;
        }

        int free = _received.Length - _end;
        if (free >= _received.Length / 4)
        {
            return;
        }

        int pending = _end - _start;
        byte[] target = pending * 2 > _received.Length ? new byte[_received.Length * 2] : _received;
        Buffer.BlockCopy(_received, _start, target, 0, pending);
        _received = target;
        _start = 0;
        _end = pending;
    }
}
