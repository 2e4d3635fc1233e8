using System.Buffers;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using AkkaKv.Actors;
using AkkaKv.Protocol;
using AkkaKv.Server.Blocking;
using AkkaKv.Server.Sessions;
using AkkaKv.Server.Shards;

namespace AkkaKv.Server.Networking;

/// <summary>
/// One client connection, living on a pinned I/O thread (the affinity dispatcher binds it to one thread for life).
/// It reads the socket into its input buffer, hands the bytes to its <see cref="ClientSession"/>, and writes the
/// session's replies back. It stops reading while a stage is on the shards or while unsent output is above the
/// backpressure mark, so neither a fast writer nor a client that never reads makes the server buffer without bound.
/// </summary>
public sealed class ConnectionActor : ActorBase, IClientConnection
{
    private const int InitialInputSize = 16 * 1024;

    private readonly NodeState _node;
    private readonly Socket _socket;
    private readonly long _clientId;
    private readonly SocketAsyncEventArgs _receiveArgs = new();
    private readonly SocketAsyncEventArgs _sendArgs = new();
    private ClientSession _session = null!;
    private IActorRef _self = null!;
    private byte[] _input = ArrayPool<byte>.Shared.Rent(InitialInputSize);
    private int _inputStart;
    private int _inputEnd;
    private RespWriter _output = new(4096);
    private RespWriter _sending = new(4096);
    private int _sendOffset;
    private bool _receiving;
    private bool _sendInFlight;
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
    IActorRef IClientConnection.Self => _self;
    RespWriter IClientConnection.Output => _output;

    void IClientConnection.CloseAfterFlush() => _closeAfterFlush = true;

    protected override void PreStart()
    {
        _self = Self;
        // Register first: the place reserved at accept is given back by Close whatever happens below.
        _session = new ClientSession(_node, this, _clientId);
        _node.Clients.Add(_session);
        try
        {
            ConfigureSocket();
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // The client left between accept and now.
            Close();
            return;
        }
        _receiveArgs.Completed += (_, _) => _self.Tell(ConnectionProtocol.ReceiveCompleted.Instance);
        _sendArgs.Completed += (_, _) => _self.Tell(ConnectionProtocol.SendCompleted.Instance);
        Pump();
    }

    private void ConfigureSocket()
    {
        _socket.NoDelay = true;
        var keepAlive = _node.Settings.TcpKeepAlive;
        if (keepAlive <= TimeSpan.Zero) return;
        _socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive, true);
        _socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveTime, (int)Math.Max(1, keepAlive.TotalSeconds));
        _socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveInterval, (int)Math.Max(1, keepAlive.TotalSeconds / 3));
    }

    protected override void PostStop()
    {
        Close();
        _receiveArgs.Dispose();
        _sendArgs.Dispose();
    }

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
            case ConnectionProtocol.ReceiveCompleted:
                _receiving = false;
                if (AcceptReceived()) Pump();
                break;
            case ConnectionProtocol.SendCompleted:
                _sendInFlight = false;
                if (AcceptSent()) Pump();
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
            ProcessInput();
            Flush();
            if (_closed || !CheckOutputLimits()) return;
            if (!CanReceive()) return;
            if (!PrepareInputBuffer()) return;
            _receiving = true;
            _receiveArgs.SetBuffer(_input, _inputEnd, _input.Length - _inputEnd);
            bool pending;
            try
            {
                pending = _socket.ReceiveAsync(_receiveArgs);
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            if (pending) return;
            _receiving = false;
            if (!AcceptReceived()) return;
        }
    }

    private long PendingOutput => _output.Length + (_sending.Length - _sendOffset);

    // A blocked or paused client is still read (its input waits unparsed, within client-query-buffer-limit), so a client
    // that goes away while waiting is noticed and its wait ended, as Redis does.
    private bool CanReceive() =>
        !_receiving && !_closeAfterFlush && (!_session.IsBusy || _session.Blocked is not null || _session.IsPaused)
        && !_session.IsClosing
        && PendingOutput < _node.Settings.OutputBackpressure;

    private void ProcessInput()
    {
        if (_inputEnd == _inputStart || _session.IsBusy || _session.IsClosing) return;
        if (PendingOutput >= _node.Settings.OutputBackpressure) return;
        var consumed = (int)_session.Consume(new ReadOnlySequence<byte>(_input, _inputStart, _inputEnd - _inputStart));
        _inputStart += consumed;
        // A receive may be in flight (a blocked or paused client is still read): it writes at _inputEnd, which must stay.
        if (_inputStart == _inputEnd && !_receiving) _inputStart = _inputEnd = 0;
        _session.QueryBufferLength = _inputEnd - _inputStart;
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

    private bool AcceptReceived()
    {
        var count = _receiveArgs.BytesTransferred;
        if (_receiveArgs.SocketError != SocketError.Success || count == 0)
        {
            Close();
            return false;
        }
        _inputEnd += count;
        Interlocked.Add(ref _node.Stats.NetInputBytes, count);
        return true;
    }

    private void Flush()
    {
        if (_sendInFlight || _closed) return;
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
            _sendArgs.SetBuffer(MemoryMarshal.AsMemory(_sending.WrittenMemory[_sendOffset..]));
            _sendInFlight = true;
            bool pending;
            try
            {
                pending = _socket.SendAsync(_sendArgs);
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            if (pending) return;
            _sendInFlight = false;
            if (!AcceptSent()) return;
        }
    }

    private bool AcceptSent()
    {
        var count = _sendArgs.BytesTransferred;
        if (_sendArgs.SocketError != SocketError.Success || count == 0)
        {
            Close();
            return false;
        }
        _sendOffset += count;
        Interlocked.Add(ref _node.Stats.NetOutputBytes, count);
        return true;
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
        // A receive still in flight may write into the buffer until the socket's abort completes it: leave that one to the GC.
        if (!_receiving) ArrayPool<byte>.Shared.Return(_input);
        _input = [];
        _inputStart = _inputEnd = 0;
        Context.Stop(_self);
    }
}
