using AkkaKv.Protocol;
using AkkaKv.Server.Commands;
using AkkaKv.Server.Shards;
using AkkaKv.Server.Transactions;

namespace AkkaKv.Server.Sessions;

// MULTI/EXEC/WATCH. Commands after MULTI are queued here; EXEC sends the keyed ones as one ShardTransaction over all
// their shards and the watched keys' shards, so they run with every involved shard parked: atomic and isolated, as in
// single-threaded Redis. The executing shard checks the watched keys first and runs nothing if one changed.
public sealed partial class ClientSession
{
    private const string ExecAbort = "EXECABORT Transaction discarded because of previous errors.";

    private List<(CommandDefinition Command, RequestArgs Args)>? _queued;
    private bool _queueFailed;
    private volatile int _queuedCount = -1;
    private WatchState? _watch;
    private readonly List<ExecPart> _execParts = [];

    public bool InMulti => _queued is not null;

    /// <summary>CLIENT LIST's multi=: commands queued, -1 outside MULTI. Read from other threads.</summary>
    public int QueuedCommandCount => _queuedCount;

    public void BeginMulti()
    {
        _queued = [];
        _queueFailed = false;
        _queuedCount = 0;
    }

    /// <summary>DISCARD, RESET, a finished EXEC or a closed connection: the queue goes, and the watches with it.</summary>
    public void DiscardMulti()
    {
        if (_queued is { } queued)
        {
            foreach (var (_, args) in queued) _argsPool.Push(args);
        }
        _queued = null;
        _queueFailed = false;
        _queuedCount = -1;
        UnwatchAll();
    }

    public void UnwatchAll()
    {
        if (_watch is not { } watch) return;
        _watch = null;
        var shards = new HashSet<int>();
        foreach (var key in watch.Close()) shards.Add(_node.Shards.ShardOf(key.Key));
        foreach (var shard in shards) _node.Shards.Actors[shard].Tell(new ForgetWatch(watch));
        _node.Shards.CountWatchingClient(-1);
    }

    /// <summary>The state WATCH registers keys in, created (and counted) before the first WATCH reaches a shard.</summary>
    private WatchState Watching()
    {
        if (_watch is null)
        {
            _watch = new WatchState();
            _node.Shards.CountWatchingClient(1);
        }
        return _watch;
    }

    /// <summary>
    /// Inside MULTI every command but EXEC, DISCARD, MULTI, WATCH, QUIT and RESET is queued and answered QUEUED; those
    /// flagged no-multi are refused, which dooms the transaction as Redis's queue-time errors do. True when handled.
    /// </summary>
    private bool TryQueue(CommandDefinition command, RequestArgs args, bool suppressed)
    {
        if (!InMulti || command.FullName is "exec" or "discard" or "multi" or "watch" or "quit" or "reset") return false;
        if ((command.Flags & CommandFlags.NoMulti) != 0)
        {
            RejectInline(command, "ERR Command not allowed inside a transaction");
            return true;
        }
        if (_node.Router.Enabled && command.Routing == CommandRouting.Keys)
        {
            _keyIndexes.Clear();
            command.CollectKeys(args, 0, _keyIndexes);
            if (_keyIndexes.Count > 0 && ClusterRedirect(args, _keyIndexes) is { } redirect)
            {
                RejectInline(command, redirect);
                return true;
            }
        }
        _queued!.Add((command, args));
        _queuedCount = _queued.Count;
        // The arguments live until EXEC or DISCARD, not just this stage.
        _stageArgs.RemoveAt(_stageArgs.Count - 1);
        var start = _inline.Length;
        _inline.WriteRaw("+QUEUED\r\n"u8);
        _stage.Add(new StageItem(null, 0, start, _inline.Length, suppressed));
        return true;
    }

    /// <summary>WATCH outside MULTI goes to its keys' shards with the client's watch state; inside, it is refused.</summary>
    private bool TryRefuseWatch(CommandDefinition command)
    {
        if (command.FullName != "watch") return false;
        if (!InMulti)
        {
            Watching();
            return false;
        }
        ReplyInline("ERR WATCH inside MULTI is not allowed");
        return true;
    }

    /// <summary>Whether the keys of the queued commands (each already checked alone) hash to more than one slot.</summary>
    private bool SpansSlots(List<(CommandDefinition Command, RequestArgs Args)> queued)
    {
        var slot = -1;
        foreach (var (command, queuedArgs) in queued)
        {
            _keyIndexes.Clear();
            command.CollectKeys(queuedArgs, 0, _keyIndexes);
            foreach (var i in _keyIndexes)
            {
                var keySlot = Storage.HashSlot.Of(queuedArgs[i]);
                if (slot >= 0 && keySlot != slot) return true;
                slot = keySlot;
            }
        }
        return false;
    }

    private void RunExec(RequestArgs args, bool suppressed)
    {
        if (_queued is not { } queued)
        {
            ReplyInline("ERR EXEC without MULTI");
            return;
        }
        if (_queueFailed)
        {
            DiscardMulti();
            ReplyInline(ExecAbort);
            return;
        }
        if (_stageShards.Count > 0 || TransactionInStage)
        {
            // Earlier requests of this stage still go to shards, or the stage's transaction (one per stage) already ran
            // here: they must finish first, as for any command that runs alone. (Replies the session already has need
            // no wait.)
            _deferred = args;
            _deferredCommand = _node.Commands.Find("exec");
            _deferredSuppressed = suppressed;
            _stageArgs.RemoveAt(_stageArgs.Count - 1);
            return;
        }

        if (_node.Router.Enabled && SpansSlots(queued))
        {
            // Redis's getNodeByQuery looks at a transaction's commands together: their keys must share one slot.
            DiscardMulti();
            ReplyInline(ErrorReplies.CrossSlot);
            return;
        }

        var transaction = _transaction;
        transaction.Reset();
        _execParts.Clear();
        var database = Database;
        foreach (var (command, queuedArgs) in queued)
        {
            if (command.Routing == CommandRouting.Session)
            {
                _execParts.Add(new ExecPart(0, command, queuedArgs));
                // SELECT runs after the shards, but the commands queued after it must already use its database.
                if (command.FullName == "select" && ArgParsing.TryInteger(queuedArgs[1], out var selected) &&
                    selected >= 0 && selected < _node.Settings.Databases)
                {
                    database = (int)selected;
                }
                continue;
            }
            Involve(transaction, command, queuedArgs);
            _execParts.Add(new ExecPart(transaction.Requests.Count, null, null));
            transaction.Requests.Add(new ShardRequest(command, queuedArgs, database, Protocol, NoTouch, Tracking: _tracking,
                TracksReads: _tracksReads, Client: this));
        }
        if (_watch is { } watch)
        {
            transaction.Watch = watch;
            foreach (var key in watch.Keys) transaction.Involve(_node.Shards.ShardOf(key.Key));
        }
        if (transaction.Requests.Count == 0 && transaction.Watch is null)
        {
            // Connection commands only: nothing to coordinate, so they run now, before anything dispatched after EXEC.
            var start = _inline.Length;
            WriteExecReply(_inline);
            _stage.Add(new StageItem(null, 0, start, _inline.Length, suppressed));
            return;
        }
        if (transaction.Shards.Count == 0) transaction.Involve(0);
        if (Submit(transaction, mayBlock: false))
        {
            // It ran here: the transaction is over now, so what the client sent after EXEC is not queued.
            var start = _inline.Length;
            WriteExecReply(_inline);
            _stage.Add(new StageItem(null, 0, start, _inline.Length, suppressed));
            return;
        }
        _stage.Add(new StageItem(ExecMarker, 0, 0, 0, suppressed));
        _pending++;
    }

    private void Involve(ShardTransaction transaction, CommandDefinition command, RequestArgs args)
    {
        if (command.RunsOnAllShards(args))
        {
            for (var s = 0; s < _node.Shards.Count; s++) transaction.Involve(s);
            return;
        }
        if (command.Routing == CommandRouting.ChosenShard)
        {
            transaction.Involve(command.ChooseShard!(args, _node.Shards.Count) % _node.Shards.Count);
            return;
        }
        _keyIndexes.Clear();
        command.CollectKeys(args, 0, _keyIndexes);
        foreach (var i in _keyIndexes) transaction.Involve(_node.Shards.ShardOf(args[i]));
    }

    /// <summary>
    /// EXEC's reply, once the shards are done: a null array when a watched key had changed, else one reply per queued
    /// command in order, the connection commands run now. Either way the transaction is over.
    /// </summary>
    private void WriteExecReply(RespWriter reply)
    {
        var transaction = _transaction;
        reply.Protocol = Protocol;
        if (transaction.Aborted)
        {
            reply.WriteNullArray();
        }
        else
        {
            reply.WriteArrayHeader(_execParts.Count);
            foreach (var part in _execParts)
            {
                if (part.Command is { } command)
                {
                    RunSessionCommand(command, part.Args!, reply);
                    continue;
                }
                var from = part.Index == 0 ? 0 : transaction.ReplyEnds[part.Index - 1];
                reply.WriteRaw(transaction.Replies.Slice(from, transaction.ReplyEnds[part.Index]));
            }
        }
        DiscardMulti();
    }

    /// <summary>EXEC's reply once its transaction came back, through the session's own writer.</summary>
    private void WriteExecReplyTo(RespWriter output)
    {
        var start = _inline.Length;
        WriteExecReply(_inline);
        output.WriteRaw(_inline.Slice(start, _inline.Length));
    }

    /// <summary>Marks the stage item whose reply <see cref="WriteExecReply"/> writes.</summary>
    private static readonly object ExecMarker = new();

    /// <summary>A reply of the session itself, not part of a transaction: not counted against MULTI.</summary>
    private void ReplyInline(string error)
    {
        var start = _inline.Length;
        _inline.Protocol = Protocol;
        _node.Stats.CountError(error);
        _inline.WriteError(error);
        _stage.Add(new StageItem(null, 0, start, _inline.Length, false));
    }
}
