using System.Diagnostics;
using AkkaKv.Actors;
using AkkaKv.Protocol;
using AkkaKv.Server.Blocking;
using AkkaKv.Server.Commands;
using AkkaKv.Server.Sessions;
using AkkaKv.Server.Stats;
using AkkaKv.Server.Transactions;
using AkkaKv.Storage;

namespace AkkaKv.Server.Shards;

/// <summary>
/// Owns one partition of every database and executes commands against it one at a time, so the data structures
/// need no locks. Runs on an event-loop thread it shares with connections, which may run its batches inline
/// (ShardActor.Inline.cs). Also runs Redis's active expiry cycle for its partition.
/// </summary>
public sealed partial class ShardActor : ActorBase
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
        _keyspace.MembersExpired = CommandContext.OnMembersExpired;
        _keyspace.KeyUnlinked = CommandContext.OnKeyUnlinked;
        _keyspace.KeepsExpiredKeys = () => node.Pause.HoldsExpiry;
        _context = new CommandContext(node, node.Stats.Shards[index]);
    }

    public static Props Props(NodeState node, int index) =>
        AkkaKv.Actors.Props.Create(() => new ShardActor(node, index)).WithDispatcher("akkakv.server.io-dispatcher").WithThreadAffinity(index);

    protected override void PreStart()
    {
        _threadId = Environment.CurrentManagedThreadId;
        _node.Shards.Instances[_index] = this;
        var interval = TimeSpan.FromMilliseconds(1000.0 / _node.Settings.Hz);
        _expiryTimer = Context.System.Scheduler.ScheduleTellRepeatedly(interval, interval, Self, ShardProtocol.ActiveExpireTick.Instance);
    }

    protected override void PostStop() => _expiryTimer?.Cancel();

    protected override void Receive(object message)
    {
        switch (message)
        {
            case ShardBatch batch: RunBatchAndReply(batch, 0); break;
            case ShardTransaction transaction: HandleTransaction(transaction); break;
            case ShardProtocol.ActiveExpireTick: HandleActiveExpireTick(); break;
            case Sessions.PauseProtocol.PauseMayHaveEnded: ResumeHeldWork(); break;
            case BlockingProtocol.ForgetBlockedClient forget: _node.Shards.Blocking[_index].Remove(forget.Client); break;
            case ForgetWatch forget: _node.Shards.Watches[_index].Remove(forget.State); break;
            default: Unhandled(message); break;
        }
    }

    private void RunBatchAndReply(ShardBatch batch, int start)
    {
        if (RunBatch(batch, start)) batch.ReplyTo.Tell(batch);
    }

    /// <summary>
    /// Runs the batch's requests from <paramref name="start"/> on; false when a client pause holds one (see
    /// <see cref="Hold"/>), and the batch goes back to its session once the rest has run.
    /// </summary>
    private bool RunBatch(ShardBatch batch, int start)
    {
        _context.Enter(NodeState.NowMs());
        _context.ReachableShards = OwnShard;
        var requests = batch.Requests;
        var held = -1;
        // The step ends whatever happens: run inline, a failure would otherwise leave the context entered on this thread.
        try
        {
            var now = Stopwatch.GetTimestamp();
            var prefetched = start;
            for (var i = start; i < requests.Count; i++)
            {
                if (i == prefetched) prefetched = PrefetchKeys(requests, i);
                if (HeldByPause(requests[i]))
                {
                    held = i;
                    break;
                }
                now = Run(requests[i], batch.Replies, now);
                batch.MarkReplyEnd(i);
                if (ServeReadyKeys()) now = Stopwatch.GetTimestamp();
            }
        }
        finally
        {
            _context.Exit();
        }
        if (held < 0) return true;
        Hold(new HeldBatch(batch, held));
        return false;
    }

    private void HandleTransaction(ShardTransaction transaction)
    {
        var isLast = transaction.Position == transaction.Shards.Count - 1;
        if (!isLast)
        {
            transaction.Position++;
            _parked = true;
            Become(message => Parked(transaction, message));
            _node.Shards.Actors[transaction.Shards[transaction.Position]].Tell(transaction);
            return;
        }

        if (RunTransaction(transaction)) transaction.ReplyTo.Tell(transaction);
    }

    /// <summary>
    /// Runs the transaction, every other involved shard being parked; false when a client pause holds it (it runs again
    /// from its first shard once the pause is over, and goes back to its session then).
    /// </summary>
    private bool RunTransaction(ShardTransaction transaction)
    {
        if (HoldsAnyByPause(transaction))
        {
            // The others carry on meanwhile.
            ReleaseOthers(transaction);
            Hold(transaction);
            return false;
        }

        // Every other involved shard is parked: their keyspaces are ours until we release them.
        _context.Enter(NodeState.NowMs());
        _context.ReachableShards = 0;
        foreach (var shard in transaction.Shards) _context.ReachableShards |= shard < 64 ? 1UL << shard : 0;
        // EXEC with a watched key changed runs nothing; the watched keys' shards are among the parked ones.
        transaction.Aborted = transaction.Watch?.HasChanged(_node.Shards, _context.NowMs) ?? false;
        try
        {
            var now = Stopwatch.GetTimestamp();
            foreach (var request in transaction.Aborted ? [] : transaction.Requests)
            {
                now = Run(request, transaction.Replies, now);
                if (_context.BlockTimeoutMs >= 0) transaction.Blocked = Block(request);
                else transaction.ReplyEnds.Add(transaction.Replies.Length);
            }
            // Waiters are served once the whole step is done: inside EXEC, a push and a later read of the same list see
            // each other, as in Redis, which serves blocked clients after the transaction.
            ServeReadyKeys();
        }
        finally
        {
            _context.Exit();
            ReleaseOthers(transaction);
        }
        return true;
    }

    private void ReleaseOthers(ShardTransaction transaction)
    {
        foreach (var shard in transaction.Shards)
        {
            if (shard != _index) _node.Shards.Actors[shard].Tell(transaction.Release);
        }
    }

    private void Parked(ShardTransaction transaction, object message)
    {
        if (message is ReleaseShard release && ReferenceEquals(release.Transaction, transaction))
        {
            _parked = false;
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

    private ulong OwnShard => _index < 64 ? 1UL << _index : 0;

    /// <summary>
    /// Runs one request that started at timestamp <paramref name="started"/> and returns the timestamp it ended at, so
    /// that a batch reads the clock once per command.
    /// </summary>
    private long Run(in ShardRequest request, RespWriter replies, long started)
    {
        var protocol = replies.Protocol;
        replies.Protocol = request.Protocol;
        _context.Prepare(request.Command, request.Args, request.Database, replies, request.NoTouch, canBlock: request.Blocking is not null,
            request.Watch, request.Tracking, request.TracksReads);
        var writes = _context.CommandWrites;
        try
        {
            request.Command.Execute!(_context);
            _context.AfterCommand(request.Command, request.Args, request.Database, changed: _context.CommandWrites != writes);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A handler bug must cost one error reply, never the shard.
            _context.Error("ERR internal error: " + e.Message);
            _node.System.Log($"shard {_index}: command '{request.Command.FullName}' failed: {e}");
        }
        replies.Protocol = protocol;
        var ended = Stopwatch.GetTimestamp();
        var micros = (long)Stopwatch.GetElapsedTime(started, ended).TotalMicroseconds;
        _context.Stats.Record(request.Command.Id, micros, _context.Failed);
        // A blocked command is logged once served, as Redis logs it when it unblocks.
        if ((ulong)micros >= _node.Settings.CommandReportMicros && _context.BlockTimeoutMs < 0)
        {
            SlowCommandReport.Submit(_node, request.Command, request.Args, micros, request.Client);
        }
        return ended;
    }

    /// <summary>
    /// The request found nothing to serve: register its client on every key with the shards owning them (all reachable
    /// here: this shard, or parked by the transaction), after its earlier waiters. Its first block fixes the deadline.
    /// </summary>
    private BlockedClient Block(in ShardRequest request)
    {
        var client = request.Blocking!;
        if (client.DeadlineMs < 0) client.DeadlineMs = _context.BlockTimeoutMs == 0 ? 0 : _context.NowMs + _context.BlockTimeoutMs;
        var args = ArgsForRetry(request.Args, _context.RetryRewrites);
        client.Request = request with { Args = args };
        var indexes = new List<int>();
        request.Command.CollectKeys(args, 0, indexes);
        var keys = new List<ReadyKey>(indexes.Count);
        var shards = new List<int>(1);
        var seen = new HashSet<byte[]>(ByteArrayComparer.Instance);
        foreach (var i in indexes)
        {
            // A key named twice is waited on once (Redis's blockForKeys), or each push would run it again per mention.
            var name = args.ToArray(i);
            if (!seen.Add(name)) continue;
            var key = new ReadyKey(request.Database, name);
            keys.Add(key);
            var shard = _node.Shards.ShardOf(key.Key);
            var at = shards.BinarySearch(shard);
            if (at < 0) shards.Insert(~at, shard);
        }
        client.Keys = keys;
        client.Shards = shards;
        client.WaitsFor = request.Command.Group switch
        {
            "sorted-set" => DataType.ZSet,
            "stream" => DataType.Stream,
            _ => DataType.List,
        };
        client.FailsWhenKeyGoes = request.Command.FullName == "xreadgroup";
        foreach (var key in keys) _node.Shards.Blocking[_node.Shards.ShardOf(key.Key)].Add(key, client);
        // The client may have gone (or been unblocked) while the request travelled: then nobody else will forget it.
        Interlocked.MemoryBarrier();
        if (client.IsEnded || client.IsCancelled)
        {
            foreach (var shard in shards) _node.Shards.Blocking[shard].Remove(client);
        }
        return client;
    }

    private static RequestArgs ArgsForRetry(RequestArgs args, IReadOnlyList<(int Index, byte[] Value)> rewrites)
    {
        var copy = new RequestArgs();
        for (var i = 0; i < args.Count; i++)
        {
            var value = args[i];
            foreach (var rewrite in rewrites)
            {
                if (rewrite.Index == i) value = rewrite.Value;
            }
            copy.Add(value);
        }
        return copy;
    }

    /// <summary>
    /// Serves the clients blocked on keys the last command made ready, first blocked first served, before anything else
    /// runs: a pushed element a waiting client takes is never seen by others. A client waiting on this key only (its
    /// keys all on one shard) is run again right here; one waiting across shards is woken, and its session runs it again
    /// across them. Serving may make further keys ready (BLMOVE pushes), which are served in turn.
    /// </summary>
    /// <returns>Whether there was any key to serve.</returns>
    private bool ServeReadyKeys()
    {
        var any = _context.ReadyKeys.Count > 0;
        while (_context.ReadyKeys.Count > 0)
        {
            _readyKeys.Clear();
            _readyKeys.AddRange(_context.ReadyKeys);
            _context.ClearReadyKeys();
            foreach (var key in _readyKeys) ServeKey(key);
        }
        return any;
    }

    private readonly List<ReadyKey> _readyKeys = new(4);

    private void ServeKey(ReadyKey key)
    {
        var shard = _node.Shards.ShardOf(key.Key);
        var registry = _node.Shards.Blocking[shard];
        var node = registry.FirstWaitingOn(key);
        while (node is not null)
        {
            var client = node.Value;
            var next = node.Next;
            // A waiter the key's value cannot serve (BLPOP on a key that now holds a string, or is gone) is not run
            // again: it keeps waiting, as Redis leaves it blocked.
            var entry = _node.Shards.Keyspaces[shard][key.Database].Peek(key.Key);
            var value = entry is null || entry.IsExpiredAt(_context.NowMs) ? null : entry.Value;
            if (!client.IsServableBy(value) || !client.TryClaim())
            {
                node = next;
                continue;
            }
            if (client.IsCancelled)
            {
                // Its connection closed: nothing is taken for it.
                registry.Remove(client);
                client.End();
                node = next is { List: null } ? registry.FirstWaitingOn(key) : next;
                continue;
            }
            if (!client.IsSingleShard)
            {
                registry.Remove(client);
                client.End();
                client.Session.Tell(new BlockingProtocol.BlockedClientWoken(client));
            }
            else
            {
                client.Reply.Reset();
                Run(client.Request, client.Reply, Stopwatch.GetTimestamp());
                if (_context.BlockTimeoutMs >= 0)
                {
                    // Nothing for it (the key is not one it takes from, as BLMOVE's destination, or is empty again):
                    // it keeps its place, and those behind it still get their turn. One that went away meanwhile goes.
                    client.Reply.Reset();
                    if (client.IsCancelled)
                    {
                        registry.Remove(client);
                        client.End();
                        node = next is { List: null } ? registry.FirstWaitingOn(key) : next;
                        continue;
                    }
                    client.Release();
                    node = next;
                    continue;
                }
                registry.Remove(client);
                client.End();
                client.Session.Tell(new BlockingProtocol.BlockedClientServed(client));
            }
            // Removing the client may have removed the next node too (a key named twice): then start over.
            node = next is { List: null } ? registry.FirstWaitingOn(key) : next;
        }
    }

    private void HandleActiveExpireTick()
    {
        if (!_node.Settings.ActiveExpireEnabled) return;
        // Keys do not expire while clients are paused, as in Redis (a failover then sees a dataset at rest).
        if (_node.Pause.HoldsExpiry) return;
        var started = Stopwatch.GetTimestamp();
        // Redis's slow cycle may use 25% of a tick; effort raises it.
        var budget = TimeSpan.FromMilliseconds(1000.0 / _node.Settings.Hz * (0.25 + 0.05 * (_node.Settings.ActiveExpireEffort - 1)));
        _context.Enter(NodeState.NowMs());
        _context.ReachableShards = OwnShard;
        // One budget for all databases; a cycle cut short resumes at the database it stopped in. Databases without
        // TTLs are visited too: that is what resets their avg_ttl to 0, as in Redis.
        _keyspace.ActiveExpireCycle(_context.NowMs, budget);
        _node.Latency.RecordIfNeeded(LatencyMonitor.ExpireCycle, (long)Stopwatch.GetElapsedTime(started).TotalMicroseconds,
            _node.Settings.LatencyMonitorThresholdMs);
        _node.Tracking.EnforceLimit(_index);
        ServeReadyKeys();
        _context.Exit();
    }
}
