using AkkaKv.Protocol;
using AkkaKv.Server.Commands;
using AkkaKv.Server.Shards;

namespace AkkaKv.Server.Sessions;

/// <summary>
/// One client's state and its command pipeline. The connection hands it bytes and gets "bytes consumed" back
/// (<see cref="Consume"/>); the session frames and reads requests, checks them against the command table, and
/// routes them: connection commands run here, keyed commands go to their shard in per-shard batches, and commands
/// spanning shards run as one <see cref="ShardTransaction"/>. Replies are written to the output in request order.
/// Lives on its connection's I/O thread; only that thread calls it.
/// </summary>
public sealed partial class ClientSession
{
    private readonly NodeState _node;
    private readonly IClientConnection _connection;

    /// <param name="id">The client id reserved for this connection (<see cref="ClientRegistry.TryReserve"/>).</param>
    public ClientSession(NodeState node, IClientConnection connection, long id)
    {
        _node = node;
        _connection = connection;
        Id = id;
        CreatedAtMs = NodeState.NowMs();
        LastInteractionMs = CreatedAtMs;
        Authenticated = node.Settings.RequirePass.Length == 0;
        _framer = new RequestFramer(Limits());
        _inline = new RespWriter(256);
        _batches = new ShardBatch?[node.Shards.Count];
        _transaction = new ShardTransaction(connection.Self);
    }

    public NodeState Node => _node;
    public IClientConnection Connection => _connection;

    public long Id { get; }
    public string Name { get; set; } = "";
    public string LibraryName { get; set; } = "";
    public string LibraryVersion { get; set; } = "";
    public int Database { get; set; }
    public int Protocol { get; set; } = 2;
    public bool Authenticated { get; set; }
    public bool NoEvict { get; set; }
    public bool NoTouch { get; set; }
    public bool IsMonitor { get; private set; }
    public ReplyMode ReplyMode { get; set; }
    public long CreatedAtMs { get; }
    /// <summary>Read by the idle-timeout check and CLIENT LIST from other threads.</summary>
    public long LastInteractionMs { get; private set; }
    public string LastCommand { get; private set; } = "NULL";
    /// <summary>Bytes received but not yet parsed; reported as qbuf.</summary>
    public long QueryBufferLength { get; set; }

    /// <summary>
    /// A stage is executing on shards, or a command waits for a client pause to end: the connection must wait before
    /// feeding more input.
    /// </summary>
    public bool IsBusy => _pending > 0 || _parked is not null;

    /// <summary>The session asked to be closed (QUIT, protocol error); no more input is processed.</summary>
    public bool IsClosing { get; private set; }

    public void EnterMonitorMode()
    {
        if (IsMonitor) return;
        IsMonitor = true;
        _node.Monitors.Add(_connection.Self);
    }

    /// <summary>Called by the connection when it goes away.</summary>
    public void Detach()
    {
        DetachBlocked();
        LeavePause();
        DiscardMulti();
        LeavePubSub();
        DisableTracking();
        if (IsMonitor) _node.Monitors.Remove(_connection.Self);
        _node.Clients.Remove(this);
    }

    /// <summary>Closes after the replies already queued (QUIT; CLIENT KILL of itself).</summary>
    public void CloseAfterReply()
    {
        IsClosing = true;
    }

    /// <summary>RESET: back to a freshly connected client's state (Redis's clearClientConnectionState).</summary>
    public void ResetState()
    {
        Database = 0;
        Protocol = 2;
        Name = "";
        NoEvict = false;
        NoTouch = false;
        ReplyMode = ReplyMode.On;
        Authenticated = _node.Settings.RequirePass.Length == 0;
        DiscardMulti();
        LeavePubSub();
        DisableTracking();
        if (IsMonitor)
        {
            IsMonitor = false;
            _node.Monitors.Remove(_connection.Self);
        }
    }

    private ProtocolLimits Limits() => new(MaxBulkLength: _node.Settings.ProtoMaxBulkLen);

    /// <summary>The flags field of CLIENT LIST.</summary>
    public string FlagsText
    {
        get
        {
            var flags = "";
            if (IsMonitor) flags += "O";
            if (IsSubscribed) flags += "P";
            if (InMulti) flags += "x";
            if (_blocked is not null || _parked is not null) flags += "b";
            if (_tracking is { } tracking)
            {
                flags += "t";
                if (tracking.RedirectBroken) flags += "R";
                if (tracking.IsBroadcast) flags += "B";
            }
            if (NoEvict) flags += "e";
            if (NoTouch) flags += "T";
            return flags.Length == 0 ? "N" : flags;
        }
    }
}
