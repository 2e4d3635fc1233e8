using AkkaKv.Actors;
using AkkaKv.Protocol;

namespace AkkaKv.Server.Shards;

/// <summary>
/// The one cross-shard mechanism (used by multi-key commands, and by MULTI/EXEC and Lua later). The transaction
/// visits its shards in ascending order: each shard, on receiving it, parks (runs nothing else, stashing other work)
/// and passes it on; the last shard, seeing every other involved shard parked, runs the work against all of their
/// keyspaces on its own thread, then releases them. Ascending order makes deadlock impossible, and because no shard
/// runs anything else in between, no client can observe a partial state. Single-shard commands never come here.
/// </summary>
public sealed class ShardTransaction
{
    public ShardTransaction(IActorRef replyTo)
    {
        ReplyTo = replyTo;
        Release = new ReleaseShard(this);
    }

    public IActorRef ReplyTo { get; }

    /// <summary>Involved shard indexes, ascending and distinct.</summary>
    public List<int> Shards { get; } = new(4);

    /// <summary>Index into <see cref="Shards"/> of the shard the transaction travels to next.</summary>
    internal int Position { get; set; }

    public List<ShardRequest> Requests { get; } = new(1);
    public RespWriter Replies { get; } = new(256);
    internal ReleaseShard Release { get; }

    /// <summary>Ends of each request's reply in <see cref="Replies"/>.</summary>
    public List<int> ReplyEnds { get; } = new(1);

    /// <summary>Set by the executing shard when the (blocking) request found nothing to serve and now waits.</summary>
    public Blocking.BlockedClient? Blocked { get; internal set; }

    /// <summary>EXEC's watched keys: when one changed, the executing shard runs none of the requests.</summary>
    public Transactions.WatchState? Watch { get; set; }

    /// <summary>Set by the executing shard when <see cref="Watch"/> had changed: nothing ran.</summary>
    public bool Aborted { get; internal set; }

    public void Reset()
    {
        Blocked = null;
        Watch = null;
        Aborted = false;
        Shards.Clear();
        Requests.Clear();
        ReplyEnds.Clear();
        Replies.Reset();
        Position = 0;
    }

    /// <summary>Adds a shard keeping the list ascending and distinct.</summary>
    public void Involve(int shard)
    {
        var i = Shards.BinarySearch(shard);
        if (i < 0) Shards.Insert(~i, shard);
    }
}

/// <summary>Sent by the executing shard to each parked shard of a transaction once its work is done.</summary>
public sealed record ReleaseShard(ShardTransaction Transaction);
