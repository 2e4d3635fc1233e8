using System.Buffers;
using System.Net.Sockets;
using AkkaKv.Actors;
using AkkaKv.Protocol;
using AkkaKv.Server.Blocking;
using AkkaKv.Server.Sessions;
using AkkaKv.Server.Shards;

namespace AkkaKv.Server.Networking;

/// <summary>
/// One client connection, living on an I/O thread's event loop for life. When the loop reports its socket ready, it
/// reads without blocking into its input buffer, hands the bytes to its <see cref="ClientSession"/>, and writes the
/// session's replies back at once, all on this thread. It stops reading while a stage is on the shards or while
/// unsent output is above the backpressure mark, so neither a fast writer nor a client that never reads makes the
/// server buffer without bound.
/// </summary>
public sealed class ConnectionActor : ActorBase, IClientConnection
{
    private const int InitialInputSize = 16 * 1024;

    private readonly NodeState _node;
    private readonly Socket _socket;
    private readonly long _clientId;
    private ClientSession _session = null!;
    private IActorRef _self = null!;
    private byte[] _input = ArrayPool<byte>.Shared.Rent(InitialInputSize);
    private int _inputStart;
    private int _inputEnd;
    private RespWriter _output = new(4096);
    private RespWriter _sending = new(4096);
    private int _sendOffset;
    private IoRegistration? _watch;

    // Edge-triggered readiness: the socket may have input (or room for output) until a call says it would block or
    // takes less than offered. Linux signals every arrival (and new room after a short send) with a fresh edge, so a
    // short call is as good as the would-block one it saves.
    private bool _mayReceive = true;
    private bool _maySend = true;
    private bool _peerClosed;
    private bool _closeAfterFlush;
    private bool _closed;
    private long _softLimitSinceMs;

    public ConnectionActor(NodeState node, Socket socket, long clientId)
    {
        _node = node;
        _socket = socket;
        _clientId = clientId;
        RemoteAddress = socket.RemoteEndPoint?.ToString() ?? "?";
        LocalAddress = socket.LocalEndPoint?.ToString() ?? "?";
    }

    public static Props Props(NodeState node, Socket socket, long clientId) =>
        AkkaKv.Actors.Props.Create(() => new ConnectionActor(node, socket, clientId)).WithDispatcher("akkakv.server.io-dispatcher");

    public string RemoteAddress { get; }
    public string LocalAddress { get; }
    public int IoThread { get; private set; }
    IActorRef IClientConnection.Self => _self;
    RespWriter IClientConnection.Output => _output;

    void IClientConnection.CloseAfterFlush() => _closeAfterFlush = true;

    protected override void PreStart()
    {
        _self = Self;
        // Register first: the place reserved at accept is given back by Close whatever happens below.
        _session = new ClientSession(_node, this, _clientId);
        _node.Clients.Add(_session);
        var loop = EventLoop.Current
            ?? throw new InvalidOperationException("Connections need an event-loop dispatcher (akkakv.server.io-dispatcher.type = event-loop).");
        IoThread = loop.Index;
        try
        {
            ConfigureSocket();
            _watch = loop.Watch(_socket.SafeHandle, _self, ConnectionProtocol.SocketReady.Instance, ConnectionProtocol.PeerClosed.Instance);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // The client left between accept and now.
            Close();
            return;
        }
        Pump();
    }

    private void ConfigureSocket()
    {
        _socket.Blocking = false;
        _socket.NoDelay = true;
        var keepAlive = _node.Settings.TcpKeepAlive;
        if (keepAlive <= TimeSpan.Zero) return;
        _socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive, true);
        _socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveTime, (int)Math.Max(1, keepAlive.TotalSeconds));
        _socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveInterval, (int)Math.Max(1, keepAlive.TotalSeconds / 3));
    }

    protected override void PostStop() => Close();

    protected override void Receive(object message)
    {
        switch (message)
        {
            case ShardBatch or ShardTransaction:
                _session.OnStagePartExecuted(message);
                Pump();
                break;
            case BlockingProtocol.BlockedClientServed or BlockingProtocol.BlockedClientWoken
                or BlockingProtocol.BlockTimeoutElapsed or BlockingProtocol.UnblockClient:
                _session.OnBlockingMessage(message);
                Pump();
                break;
            case ConnectionProtocol.SocketReady or ConnectionProtocol.PeerClosed:
                // Once the peer closed, no edge follows the end of the stream: reads go on until it is reached, short or not.
                _peerClosed |= message is ConnectionProtocol.PeerClosed;
                _mayReceive = true;
                _maySend = true;
                Pump();
                break;
            case MonitorLine line:
                _output.WriteRaw(line.Line);
                Pump();
                break;
            case PubSub.PubSubMessage published:
                _session.OnPubSubMessage(published);
                Pump();
                break;
            case Tracking.TrackingProtocol.KeysInvalidated or Tracking.TrackingProtocol.RedirectBroken:
                _session.OnTrackingMessage(message);
                Pump();
                break;
            case PauseProtocol.PauseMayHaveEnded:
                _session.OnPauseMessage();
                Pump();
                break;
            case ConnectionProtocol.Kill:
                Close();
                break;
            default:
                Unhandled(message);
                break;
        }
    }

    /// <summary>Does all the work possible now: process input, send output, read more. Never recursive.</summary>
    private void Pump()
    {
        while (!_closed)
        {
            // A stage that ran inline leaves the session ready for the rest of the input at once.
            var more = ProcessInput();
            Flush();
            if (_closed || !CheckOutputLimits()) return;
            if (more) continue;
            if (!CanReceive() || !PrepareInputBuffer() || !Receive()) return;
        }
    }

    private long PendingOutput => _output.Length + (_sending.Length - _sendOffset);

    // A blocked or paused client is still read (its input waits unparsed, within client-query-buffer-limit), so a client
    // that goes away while waiting is noticed and its wait ended, as Redis does.
    private bool CanReceive() =>
        _mayReceive && !_closeAfterFlush && (!_session.IsBusy || _session.Blocked is not null || _session.IsPaused)
        && !_session.IsClosing
        && PendingOutput < _node.Settings.OutputBackpressure;

    /// <summary>Hands the unparsed input to the session; true when it took some and more is left.</summary>
    private bool ProcessInput()
    {
        if (_inputEnd == _inputStart || _session.IsBusy || _session.IsClosing) return false;
        if (PendingOutput >= _node.Settings.OutputBackpressure) return false;
        var consumed = _session.Consume(_input.AsSpan(_inputStart, _inputEnd - _inputStart));
        _inputStart += consumed;
        if (_inputStart == _inputEnd) _inputStart = _inputEnd = 0;
        _session.QueryBufferLength = _inputEnd - _inputStart;
        return consumed > 0 && _inputEnd > _inputStart;
    }

    /// <summary>Makes room to receive: compacts, and grows only when a request really is bigger than the buffer.</summary>
    private bool PrepareInputBuffer()
    {
        if (_inputEnd < _input.Length) return true;
        var unparsed = _inputEnd - _inputStart;
        if (unparsed >= _node.Settings.ClientQueryBufferLimit)
        {
            _node.System.Log($"closing client {_session.Id} that reached max query buffer length ({unparsed} bytes)");
            Close();
            return false;
        }
        if (_inputStart > 0)
        {
            Buffer.BlockCopy(_input, _inputStart, _input, 0, unparsed);
        }
        else
        {
            var bigger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)_input.Length * 2, Array.MaxLength));
            Buffer.BlockCopy(_input, 0, bigger, 0, unparsed);
            ArrayPool<byte>.Shared.Return(_input);
            _input = bigger;
        }
        _inputStart = 0;
        _inputEnd = unparsed;
        return true;
    }

    /// <summary>Reads what the socket holds; false when it has nothing more now, or the connection ended.</summary>
    private bool Receive()
    {
        var count = _socket.Receive(_input.AsSpan(_inputEnd), SocketFlags.None, out var error);
        if (error == SocketError.WouldBlock)
        {
            _mayReceive = false;
            return false;
        }
        if (error != SocketError.Success || count == 0)
        {
            Close();
            return false;
        }
        if (count < _input.Length - _inputEnd && !_peerClosed) _mayReceive = false;
        _inputEnd += count;
        Interlocked.Add(ref _node.Stats.NetInputBytes, count);
        return true;
    }

    private void Flush()
    {
        if (!_maySend || _closed) return;
        while (true)
        {
            if (_sendOffset >= _sending.Length)
            {
                _sending.Reset();
                _sendOffset = 0;
                if (_output.Length == 0)
                {
                    if (_closeAfterFlush) Close();
                    return;
                }
                (_output, _sending) = (_sending, _output);
            }
            var count = _socket.Send(_sending.WrittenMemory.Span[_sendOffset..], SocketFlags.None, out var error);
            if (error == SocketError.WouldBlock)
            {
                // The kernel's buffer is full: the loop says when there is room again.
                _maySend = false;
                return;
            }
            if (error != SocketError.Success)
            {
                Close();
                return;
            }
            _sendOffset += count;
            Interlocked.Add(ref _node.Stats.NetOutputBytes, count);
            if (_sendOffset < _sending.Length)
            {
                _maySend = false;
                return;
            }
        }
    }

    /// <summary>client-output-buffer-limit, the pubsub class for subscribed clients, else normal: hard closes at once, soft after a while.</summary>
    private bool CheckOutputLimits()
    {
        var limit = _session.IsSubscribed ? _node.Settings.PubSubOutputLimit : _node.Settings.NormalOutputLimit;
        var pending = PendingOutput;
        var overHard = limit.HardBytes > 0 && pending > limit.HardBytes;
        var overSoft = limit.SoftBytes > 0 && pending > limit.SoftBytes;
        if (!overSoft) _softLimitSinceMs = 0;
        else if (_softLimitSinceMs == 0) _softLimitSinceMs = Environment.TickCount64;
        var softExpired = overSoft && Environment.TickCount64 - _softLimitSinceMs > limit.SoftDuration.TotalMilliseconds;
        if (!overHard && !softExpired) return true;
        _node.System.Log($"client {_session.Id} scheduled to be closed for overcoming of output buffer limits ({pending} bytes)");
        Close();
        return false;
    }

    private void Close()
    {
        if (_closed) return;
        _closed = true;
        _session?.Detach();
        _watch?.Dispose();
        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (SocketException)
        {
            // Already gone: nothing to shut down.
        }
        catch (ObjectDisposedException)
        {
            // Already disposed.
        }
        _socket.Dispose();
        ArrayPool<byte>.Shared.Return(_input);
        _input = [];
        _inputStart = _inputEnd = 0;
        Context.Stop(_self);
    }
}
