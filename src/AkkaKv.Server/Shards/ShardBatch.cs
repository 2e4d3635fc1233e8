using AkkaKv.Actors;
using AkkaKv.Protocol;
using AkkaKv.Server.Commands;

namespace AkkaKv.Server.Shards;

/// <summary>
/// The commands of one pipeline stage bound for one shard, so a hop is paid per batch, not per command. The shard
/// writes every reply into <see cref="Replies"/> and sends the batch itself back. A mutable pooled object rather than
/// a record because it travels on the hot path and is reused by its session.
/// </summary>
public sealed class ShardBatch
{
    private int[] _replyEnds = new int[16];

    public ShardBatch(IActorRef replyTo) => ReplyTo = replyTo;

    public IActorRef ReplyTo { get; }
    public List<ShardRequest> Requests { get; } = new(16);
    public RespWriter Replies { get; } = new(1024);

    public void Add(in ShardRequest request) => Requests.Add(request);

    public int ReplyStart(int index) => index == 0 ? 0 : _replyEnds[index - 1];

    public int ReplyEnd(int index) => _replyEnds[index];

    internal void MarkReplyEnd(int index)
    {
        if (index >= _replyEnds.Length) Array.Resize(ref _replyEnds, Math.Max(index + 1, _replyEnds.Length * 2));
        _replyEnds[index] = Replies.Length;
    }

    public void Reset()
    {
        Requests.Clear();
        Replies.Reset();
    }
}

/// <summary>
/// One command as a shard executes it: the arguments plus the session state it was issued under. A blocking command
/// that may block carries its <see cref="Blocking.BlockedClient"/>; WATCH carries the client's watch state. A tracking
/// client's request carries its tracking state, and whether the keys it reads are to be remembered. The client that
/// sent it is named in the slow log.
/// </summary>
public readonly record struct ShardRequest(CommandDefinition Command, RequestArgs Args, int Database, int Protocol, bool NoTouch,
    Blocking.BlockedClient? Blocking = null, Transactions.WatchState? Watch = null, Tracking.TrackingClient? Tracking = null,
    bool TracksReads = false, Sessions.ClientSession? Client = null);
