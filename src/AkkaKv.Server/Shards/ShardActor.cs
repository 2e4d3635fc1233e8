using System.Diagnostics;
using AkkaKv.Actors;
using AkkaKv.Protocol;
using AkkaKv.Server.Commands;
using AkkaKv.Storage;

namespace AkkaKv.Server.Shards;

/// <summary>
/// Owns one partition of every database and executes commands against it one at a time, so the data structures
/// need no locks. Runs on its own pinned thread. Also runs Redis's active expiry cycle for its partition.
/// </summary>
public sealed class ShardActor : ActorBase
{
    private readonly NodeState _node;
    private readonly int _index;
    private readonly Keyspace _keyspace;
    private readonly CommandContext _context;
    private ICancelable? _expiryTimer;

    public ShardActor(NodeState node, int index)
    {
        _node = node;
        _index = index;
        _keyspace = node.Shards.Keyspaces[index];
        _keyspace.KeyExpired = CommandContext.OnKeyExpired;
        _context = new CommandContext(node, node.Stats.Shards[index]);
    }

    public static Props Props(NodeState node, int index) =>
        AkkaKv.Actors.Props.Create(() => new ShardActor(node, index)).WithDispatcher("akkakv.server.shard-dispatcher");

    protected override void PreStart()
    {
        var interval = TimeSpan.FromMilliseconds(1000.0 / _node.Settings.Hz);
        _expiryTimer = Context.System.Scheduler.ScheduleTellRepeatedly(interval, interval, Self, ShardProtocol.ActiveExpireTick.Instance);
    }

    protected override void PostStop() => _expiryTimer?.Cancel();

    protected override void Receive(object message)
    {
        switch (message)
        {
            case ShardBatch batch: HandleBatch(batch); break;
            case ShardTransaction transaction: HandleTransaction(transaction); break;
            case ShardProtocol.ActiveExpireTick: HandleActiveExpireTick(); break;
            default: Unhandled(message); break;
        }
    }

    private void HandleBatch(ShardBatch batch)
    {
        _context.Enter(NodeState.NowMs());
        var requests = batch.Requests;
        for (var i = 0; i < requests.Count; i++)
        {
            Run(requests[i], batch.Replies);
            batch.MarkReplyEnd(i);
        }
        _context.Exit();
        batch.ReplyTo.Tell(batch);
    }

    private void HandleTransaction(ShardTransaction transaction)
    {
        var isLast = transaction.Position == transaction.Shards.Count - 1;
        if (!isLast)
        {
            transaction.Position++;
            Become(message => Parked(transaction, message));
            _node.Shards.Actors[transaction.Shards[transaction.Position]].Tell(transaction);
            return;
        }

        // Every other involved shard is parked: their keyspaces are ours until we release them.
        _context.Enter(NodeState.NowMs());
        foreach (var request in transaction.Requests)
        {
            Run(request, transaction.Replies);
            transaction.ReplyEnds.Add(transaction.Replies.Length);
        }
        _context.Exit();
        foreach (var shard in transaction.Shards)
        {
            if (shard != _index) _node.Shards.Actors[shard].Tell(transaction.Release);
        }
        transaction.ReplyTo.Tell(transaction);
    }

    private void Parked(ShardTransaction transaction, object message)
    {
        if (message is ReleaseShard release && ReferenceEquals(release.Transaction, transaction))
        {
            Unbecome();
            UnstashAll();
        }
        else if (message is ShardProtocol.ActiveExpireTick)
        {
            // Skipped while parked; the next tick comes soon enough.
        }
        else
        {
            Stash();
        }
    }

    private void Run(in ShardRequest request, RespWriter replies)
    {
        var started = Stopwatch.GetTimestamp();
        var protocol = replies.Protocol;
        replies.Protocol = request.Protocol;
        _context.Prepare(request.Command, request.Args, request.Database, replies, request.NoTouch);
        try
        {
            request.Command.Execute!(_context);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A handler bug must cost one error reply, never the shard.
            _context.Error("ERR internal error: " + e.Message);
            _node.System.Log($"shard {_index}: command '{request.Command.FullName}' failed: {e}");
        }
        replies.Protocol = protocol;
        var micros = (long)Stopwatch.GetElapsedTime(started).TotalMicroseconds;
        _context.Stats.Record(request.Command.Id, micros, _context.Failed);
    }

    private void HandleActiveExpireTick()
    {
        if (!_node.Settings.ActiveExpireEnabled) return;
        // Redis's slow cycle may use 25% of a tick; effort raises it.
        var budget = TimeSpan.FromMilliseconds(1000.0 / _node.Settings.Hz * (0.25 + 0.05 * (_node.Settings.ActiveExpireEffort - 1)));
        _context.Enter(NodeState.NowMs());
        // One budget for all databases; a cycle cut short resumes at the database it stopped in. Databases without
        // TTLs are visited too: that is what resets their avg_ttl to 0, as in Redis.
        _keyspace.ActiveExpireCycle(_context.NowMs, budget);
        _context.Exit();
    }
}
