using AkkaKv.Actors;
using AkkaKv.Protocol;
using AkkaKv.Server.Blocking;
using AkkaKv.Server.Shards;

namespace AkkaKv.Server.Sessions;

/// <summary>
/// A connection without a socket: it feeds request bytes to a <see cref="ClientSession"/> and answers with every reply
/// byte once the session has consumed all it can and is idle. Tests and benchmarks use it to drive the real pipeline
/// (session, shards, cross-shard transactions) in-process.
/// </summary>
public sealed class InProcessConnectionActor : ActorBase, IClientConnection
{
    private readonly NodeState _node;
    private readonly RespWriter _output = new(4096);
    private byte[] _input = new byte[4096];
    private int _inputLength;
    private ClientSession _session = null!;
    private IActorRef _self = null!;
    private IActorRef? _waiting;
    private bool _closed;

    public InProcessConnectionActor(NodeState node) => _node = node;

    public static Props Props(NodeState node) => AkkaKv.Actors.Props.Create(() => new InProcessConnectionActor(node));

    public string RemoteAddress => "in-process:0";
    public string LocalAddress => "in-process:0";
    public int IoThread => 0;
    IActorRef IClientConnection.Self => _self;
    RespWriter IClientConnection.Output => _output;

    void IClientConnection.CloseAfterFlush() => _closed = true;

    protected override void PreStart()
    {
        _self = Self;
        _session = new ClientSession(_node, this, _node.Clients.TryReserve(int.MaxValue));
        _node.Clients.Add(_session);
    }

    protected override void PostStop() => _session.Detach();

    protected override void Receive(object message)
    {
        switch (message)
        {
            case Feed feed:
                Append(feed.Bytes);
                _waiting = Sender;
                Pump();
                break;
            case ShardBatch or ShardTransaction:
                _session.OnStagePartExecuted(message);
                Pump();
                break;
            case BlockingProtocol.BlockedClientServed or BlockingProtocol.BlockedClientWoken
                or BlockingProtocol.BlockTimeoutElapsed or BlockingProtocol.UnblockClient:
                _session.OnBlockingMessage(message);
                Pump();
                break;
            case MonitorLine line:
                _output.WriteRaw(line.Line);
                break;
            case PubSub.PubSubMessage published:
                _session.OnPubSubMessage(published);
                break;
            case Tracking.TrackingProtocol.KeysInvalidated or Tracking.TrackingProtocol.RedirectBroken:
                _session.OnTrackingMessage(message);
                break;
            case PauseProtocol.PauseMayHaveEnded:
                _session.OnPauseMessage();
                Pump();
                break;
            default:
                Unhandled(message);
                break;
        }
    }

    private void Append(byte[] bytes)
    {
        if (_inputLength + bytes.Length > _input.Length) Array.Resize(ref _input, Math.Max(_input.Length * 2, _inputLength + bytes.Length));
        bytes.CopyTo(_input, _inputLength);
        _inputLength += bytes.Length;
    }

    private void Pump()
    {
        // A stage that completes at once leaves the session ready for the rest of the input.
        while (!_session.IsBusy && !_session.IsClosing && _inputLength > 0)
        {
            var consumed = _session.Consume(_input.AsSpan(0, _inputLength));
            if (consumed == 0) break;
            Buffer.BlockCopy(_input, consumed, _input, 0, _inputLength - consumed);
            _inputLength -= consumed;
        }
        if (_session.IsBusy || _waiting is null) return;
        _waiting.Tell(new Fed(_output.WrittenSpan.ToArray(), _closed || _session.IsClosing));
        _output.Reset();
        _waiting = null;
    }

    /// <summary>Request bytes for the session; answered with <see cref="Fed"/>.</summary>
    public sealed record Feed(byte[] Bytes);

    /// <summary>Every reply byte produced, and whether the session asked to close.</summary>
    public sealed record Fed(byte[] Output, bool Closed);
}
