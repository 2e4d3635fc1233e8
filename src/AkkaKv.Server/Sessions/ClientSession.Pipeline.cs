using System.Diagnostics;
using AkkaKv.Protocol;
using AkkaKv.Server.Blocking;
using AkkaKv.Server.Commands;
using AkkaKv.Server.Shards;
using AkkaKv.Server.Stats;

namespace AkkaKv.Server.Sessions;

// The request pipeline: frames are read and dispatched into a stage; a stage's shard batches run in parallel and
// its replies are written in request order once all are back. A command spanning shards runs alone, as its own stage,
// so that it neither overtakes the client's earlier commands nor is overtaken by its later ones.
public sealed partial class ClientSession
{
    private const int MaxStageRequests = 1024;

    private RequestFramer _framer;
    private readonly RespWriter _inline;
    private readonly List<StageItem> _stage = new(32);
    private readonly List<int> _stageShards = new(4);
    private readonly List<RequestArgs> _stageArgs = new(32);
    private readonly Stack<RequestArgs> _argsPool = new();
    private readonly ShardBatch?[] _batches;
    private readonly ShardTransaction _transaction;
    private int _pending;
    private RequestArgs? _deferred;
    private string? _protocolError;

    /// <summary>
    /// Frames, reads and dispatches as many whole requests as the input holds, until a stage must wait for shards.
    /// Returns how many bytes were consumed; the caller keeps the rest and calls again with more bytes, or after
    /// the stage completes (<see cref="IsBusy"/> false).
    /// </summary>
    public int Consume(ReadOnlySpan<byte> input)
    {
        var consumed = 0;
        var now = NodeState.NowMs();
        while (!IsBusy && !IsClosing && _deferred is null && _stage.Count < MaxStageRequests && consumed < input.Length)
        {
            var rest = input[consumed..];
            // Before AUTH, Redis refuses big requests outright (more than 10 arguments, bulks over 16 KB).
            _framer.Unauthenticated = !Authenticated;
            var args = RentArgs();
            var status = _framer.TryFrame(rest, args, out var length, out var kind, out var argumentsRead);
            if (status != FrameStatus.Complete || kind == FrameKind.Empty) _argsPool.Push(args);
            if (status == FrameStatus.Incomplete) break;
            if (status == FrameStatus.Error)
            {
                FailProtocol(_framer.Error ?? ProtocolErrors.InvalidMultibulkLength);
                consumed = input.Length;
                break;
            }
            var frame = rest[..(int)length];
            consumed += (int)length;
            if (kind == FrameKind.Empty) continue;
            if (!argumentsRead && !RequestReader.TryRead(frame, kind, args, out var error))
            {
                _argsPool.Push(args);
                FailProtocol(error ?? ProtocolErrors.UnbalancedQuotes);
                consumed = input.Length;
                break;
            }
            _stageArgs.Add(args);
            LastInteractionMs = now;
            Dispatch(args);
        }
        EndStage();
        return consumed;
    }

    /// <summary>A part of the current stage came back: a shard's <see cref="ShardBatch"/> or the <see cref="ShardTransaction"/>.</summary>
    public void OnStagePartExecuted(object part)
    {
        if (part is ShardTransaction { Blocked: { } blocked })
        {
            OnBlocked(blocked);
            return;
        }
        if (--_pending == 0) CompleteStage();
    }

    private void FailProtocol(string error)
    {
        _protocolError = error;
        IsClosing = true;
    }

    private void Dispatch(RequestArgs args)
    {
        var command = Resolve(args);
        if (command is null) return;
        LastCommand = command.FullName;
        DecideTracking(command);
        var suppressed = ConsumeReplySuppression(command);
        if ((command.Flags & CommandFlags.AllowBusy) == 0 && _node.Scripting.Busy is { } busy)
        {
            RejectInline(command, Scripting.ScriptEngine.BusyError(busy));
            return;
        }
        if (_node.Pause.IsActive && HeldByPause(command, args))
        {
            Park(command, args, suppressed);
            return;
        }
        Execute(command, args, suppressed);
    }

    /// <summary>Queues or runs a command that passed every check, now or once a client pause let it.</summary>
    private void Execute(CommandDefinition command, RequestArgs args, bool suppressed)
    {
        if (TryQueue(command, args, suppressed) || TryRefuseWatch(command)) return;
        // Redis feeds monitors the commands it runs (queued ones when EXEC runs them), never admin ones; session commands
        // after they ran (SELECT shows its new db).
        var monitored = _node.Monitors.IsActive && MonitorFeed.Shows(command);
        if (monitored && command.Routing is not (CommandRouting.Session or CommandRouting.Transaction))
        {
            _node.Monitors.Publish(Database, _connection.RemoteAddress, command, args);
        }
        switch (command.Routing)
        {
            case CommandRouting.Transaction:
                if (monitored) PublishExec(command, args);
                RunExec(args, suppressed);
                break;
            case CommandRouting.Session:
                if (!TryDeferBehindStage(command, args, suppressed)) RunInSession(command, args, suppressed);
                if (monitored) _node.Monitors.Publish(Database, _connection.RemoteAddress, command, args);
                break;
            case CommandRouting.ChosenShard:
                AddToBatch(command.ChooseShard!(args, _node.Shards.Count) % _node.Shards.Count, command, args, suppressed);
                break;
            case CommandRouting.AllShards:
                RunExclusive(command, args, suppressed, allShards: true);
                break;
            default:
                RouteByKeys(command, args, suppressed);
                break;
        }
    }

    /// <summary>
    /// MONITOR's view of EXEC: Redis feeds each queued command as it runs, with the database it runs in, then EXEC; a
    /// transaction doomed at queueing (EXECABORT) runs nothing.
    /// </summary>
    private void PublishExec(CommandDefinition exec, RequestArgs args)
    {
        var database = Database;
        if (_queued is { } queued && !_queueFailed)
        {
            foreach (var (command, queuedArgs) in queued)
            {
                if (command.FullName == "select" && ArgParsing.TryInteger(queuedArgs[1], out var selected) &&
                    selected >= 0 && selected < _node.Settings.Databases)
                {
                    database = (int)selected;
                }
                if (MonitorFeed.Shows(command)) _node.Monitors.Publish(database, _connection.RemoteAddress, command, queuedArgs);
            }
        }
        _node.Monitors.Publish(database, _connection.RemoteAddress, exec, args);
    }

    private void RouteByKeys(CommandDefinition command, RequestArgs args, bool suppressed)
    {
        var keys = _keyIndexes;
        keys.Clear();
        command.CollectKeys(args, 0, keys);
        if (_node.Router.Enabled && keys.Count > 0 && ClusterRedirect(args, keys) is { } redirect)
        {
            RejectInline(command, redirect);
            return;
        }
        var shards = _node.Shards;
        var shard = -1;
        var spansShards = false;
        foreach (var i in keys)
        {
            var s = shards.ShardOf(args[i]);
            if (shard < 0) shard = s;
            else if (s != shard) spansShards = true;
        }
        var allShards = command.RunsOnAllShards(args);
        // A blocking command runs alone too: while it waits, nothing after it may run (Redis stops reading the client).
        if (allShards || spansShards || (command.Flags & CommandFlags.Blocking) != 0) RunExclusive(command, args, suppressed, allShards);
        else AddToBatch(Math.Max(shard, 0), command, args, suppressed);
    }

    private readonly List<int> _keyIndexes = new(8);
    private CommandDefinition? _lastFound;

    /// <summary>In a cluster: CROSSSLOT when the keys hash to different slots, MOVED when another node serves the slot.</summary>
    private string? ClusterRedirect(RequestArgs args, List<int> keys)
    {
        var slot = Storage.HashSlot.Of(args[keys[0]]);
        for (var i = 1; i < keys.Count; i++)
        {
            if (Storage.HashSlot.Of(args[keys[i]]) != slot) return ErrorReplies.CrossSlot;
        }
        return _node.Router.RedirectFor(slot) is { } target ? $"MOVED {slot} {target}" : null;
    }

    private void AddToBatch(int shard, CommandDefinition command, RequestArgs args, bool suppressed)
    {
        var batch = _batches[shard] ??= new ShardBatch(_connection.Self);
        if (batch.Requests.Count == 0) _stageShards.Add(shard);
        batch.Add(new ShardRequest(command, args, Database, Protocol, NoTouch, Watch: _watch, Tracking: _tracking, TracksReads: _tracksReads,
            Client: this));
        _stage.Add(new StageItem(batch, batch.Requests.Count - 1, 0, 0, suppressed));
    }

    private void RunExclusive(CommandDefinition command, RequestArgs args, bool suppressed, bool allShards)
    {
        if (_stage.Count > 0)
        {
            // Earlier requests of this stage must finish first; run this one alone once they have.
            _deferred = args;
            _deferredCommand = command;
            _deferredSuppressed = suppressed;
            _stageArgs.RemoveAt(_stageArgs.Count - 1);
            return;
        }
        var transaction = _transaction;
        transaction.Reset();
        if (allShards)
        {
            for (var s = 0; s < _node.Shards.Count; s++) transaction.Involve(s);
        }
        var blocking = (command.Flags & CommandFlags.Blocking) != 0 ? new BlockedClient(_connection.Self) : null;
        _stage.Add(new StageItem(transaction, 0, 0, 0, suppressed));
        _pending++;
        Send(new ShardRequest(command, args, Database, Protocol, NoTouch, blocking, _watch, _tracking, _tracksReads, this));
    }

    /// <summary>Sends one request as the transaction (its shards already involved, or involved here from its keys).</summary>
    private void Send(in ShardRequest request)
    {
        var transaction = _transaction;
        if (transaction.Shards.Count == 0)
        {
            _keyIndexes.Clear();
            request.Command.CollectKeys(request.Args, 0, _keyIndexes);
            foreach (var i in _keyIndexes) transaction.Involve(_node.Shards.ShardOf(request.Args[i]));
            if (transaction.Shards.Count == 0) transaction.Involve(0);
        }
        transaction.Requests.Add(request);
        if (Submit(transaction, mayBlock: request.Blocking is not null)) _pending--;
    }

    /// <summary>Whether this stage already used its transaction (a command that ran inline, on its own shard).</summary>
    private bool TransactionInStage => _transaction.Requests.Count > 0 || _transaction.Watch is not null;

    /// <summary>
    /// Hands the stage's transaction to its first shard; true when it ran here, done: one that involves only this
    /// thread's shard, at rest, runs at once unless a client pause holds it. Otherwise it comes back as a message.
    /// </summary>
    private bool Submit(ShardTransaction transaction, bool mayBlock)
    {
        var first = transaction.Shards[0];
        if (transaction.Shards.Count == 1 && !mayBlock && _node.Shards.Instances[first] is { CanRunInline: true } shard)
        {
            return shard.RunInline(transaction);
        }
        _node.Shards.Actors[first].Tell(transaction);
        return false;
    }

    /// <summary>
    /// Session commands run as they are read, ahead of the commands of the stage still bound for the shards. Two must
    /// not overtake them, so they wait for them, as the next stage: PUBLISH (a subscriber reacting to the message must
    /// see their writes, as in Redis, which runs a client's commands in order) and CLIENT PAUSE (which holds writes that
    /// reach a shard after it, and so would hold the client's own earlier ones).
    /// </summary>
    private bool TryDeferBehindStage(CommandDefinition command, RequestArgs args, bool suppressed)
    {
        if (command.FullName is not ("publish" or "client|pause") || _stageShards.Count == 0) return false;
        _deferred = args;
        _deferredCommand = command;
        _deferredSuppressed = suppressed;
        _stageArgs.RemoveAt(_stageArgs.Count - 1);
        return true;
    }

    private CommandDefinition? _deferredCommand;
    private bool _deferredSuppressed;

    private void RunInSession(CommandDefinition command, RequestArgs args, bool suppressed)
    {
        var start = _inline.Length;
        RunSessionCommand(command, args, _inline);
        _stage.Add(new StageItem(null, 0, start, _inline.Length, suppressed));
    }

    private void RunSessionCommand(CommandDefinition command, RequestArgs args, RespWriter reply)
    {
        var started = Stopwatch.GetTimestamp();
        reply.Protocol = Protocol;
        var errorsBefore = _sessionErrors;
        try
        {
            command.ExecuteInSession!(this, args, reply);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            ReplyError(reply, "ERR internal error: " + e.Message);
            _node.System.Log($"session {Id}: command '{command.FullName}' failed: {e}");
        }
        var micros = (long)Stopwatch.GetElapsedTime(started).TotalMicroseconds;
        _node.Stats.Sessions.Record(command.Id, micros, _sessionErrors != errorsBefore);
        if ((ulong)micros >= _node.Settings.CommandReportMicros) SlowCommandReport.Submit(_node, command, args, micros, this);
    }

    private int _sessionErrors;

    /// <summary>Writes an error reply from a session command, counting it in errorstats.</summary>
    public void ReplyError(RespWriter reply, string message)
    {
        _sessionErrors++;
        _node.Stats.CountError(message);
        reply.WriteError(message);
    }

    /// <summary>Looks the command (and subcommand) up and checks arity and authentication; replies the error otherwise.</summary>
    private CommandDefinition? Resolve(RequestArgs args)
    {
        // A pipeline mostly repeats one command: the last one found is compared before the table is searched.
        var command = _lastFound is { } last && System.Text.Ascii.EqualsIgnoreCase(args[0], last.Name) ? last : _node.Commands.Find(args[0]);
        _lastFound = command;
        if (command is null)
        {
            RejectInline(null, ErrorReplies.UnknownCommand(args));
            return null;
        }
        if (command.HasSubcommands && args.Count >= 2)
        {
            var sub = _node.Commands.FindSubcommand(command, args[1]);
            if (sub is null)
            {
                var container = command.Name.ToUpperInvariant();
                RejectInline(null, command.SubcommandSyntaxErrors
                    ? ErrorReplies.SubcommandSyntax(ArgParsing.Quoted(args[1]), container)
                    : ErrorReplies.UnknownSubcommand(ArgParsing.Quoted(args[1]), container));
                return null;
            }
            command = sub;
        }
        if (!command.ArityMatches(args.Count))
        {
            RejectInline(command, command.Parent is { SubcommandSyntaxErrors: true } parent
                ? ErrorReplies.SubcommandSyntax(args.ToString(1), parent.Name.ToUpperInvariant())
                : ErrorReplies.WrongArity(command.FullName));
            return null;
        }
        if (!Authenticated && (command.Flags & CommandFlags.NoAuth) == 0)
        {
            RejectInline(command, ErrorReplies.NoAuth);
            return null;
        }
        if (Protocol == 2 && IsSubscribed && !AllowedWhileSubscribed(command))
        {
            RejectInline(command, ErrorReplies.OnlyPubSubCommands(command.FullName));
            return null;
        }
        return command;
    }

    private void RejectInline(CommandDefinition? command, string error)
    {
        // A command refused while queueing dooms the transaction (Redis's flagTransaction).
        if (InMulti) _queueFailed = true;
        if (command is not null) _node.Stats.Sessions.RecordRejected(command.Id);
        var suppressed = ConsumeReplySuppression(command);
        var start = _inline.Length;
        _inline.Protocol = Protocol;
        _node.Stats.CountError(error);
        _inline.WriteError(error);
        _stage.Add(new StageItem(null, 0, start, _inline.Length, suppressed));
    }

    /// <summary>CLIENT REPLY OFF/SKIP: whether this request's reply is dropped.</summary>
    private bool ConsumeReplySuppression(CommandDefinition? command)
    {
        // CLIENT REPLY answers for itself: ON replies OK even while replies are off.
        if (command?.FullName is "client|reply" or "reset") return false;
        if (ReplyMode == ReplyMode.Off) return true;
        if (ReplyMode == ReplyMode.Skip)
        {
            ReplyMode = ReplyMode.On;
            return true;
        }
        return false;
    }

    /// <summary>
    /// Sends the stage's batches to their shards, the other threads' first so that they work while this thread runs
    /// its own shard's batch inline.
    /// </summary>
    private void EndStage()
    {
        var shards = _node.Shards;
        var local = -1;
        foreach (var shard in _stageShards)
        {
            if (local < 0 && shards.Instances[shard] is { CanRunInline: true })
            {
                local = shard;
                continue;
            }
            _pending++;
            shards.Actors[shard].Tell(_batches[shard]!);
        }
        if (local >= 0 && !shards.Instances[local]!.RunInline(_batches[local]!)) _pending++;
        if (_pending == 0) CompleteStage();
    }

    private void CompleteStage()
    {
        var output = _connection.Output;
        // Replies that follow each other in one writer (a pipeline's batch, usually) are copied in one piece.
        RespWriter? run = null;
        int runStart = 0, runEnd = 0;
        foreach (var item in _stage)
        {
            if (ReferenceEquals(item.Source, ExecMarker))
            {
                if (run is not null) output.WriteRaw(run.Slice(runStart, runEnd));
                run = null;
                // A suppressed EXEC still ends its transaction and runs its queued session commands; only the reply goes.
                if (item.Suppressed) WriteExecReply(_inline);
                else WriteExecReplyTo(output);
                continue;
            }
            if (item.Suppressed) continue;
            var (writer, start, end) = item.Source switch
            {
                null => (_inline, item.Start, item.End),
                ShardBatch batch => (batch.Replies, batch.ReplyStart(item.Index), batch.ReplyEnd(item.Index)),
                ShardTransaction transaction => (transaction.Replies, item.Index == 0 ? 0 : transaction.ReplyEnds[item.Index - 1],
                    transaction.ReplyEnds[item.Index]),
                _ => (null, 0, 0),
            };
            if (writer is not null && writer == run && start == runEnd)
            {
                runEnd = end;
                continue;
            }
            if (run is not null) output.WriteRaw(run.Slice(runStart, runEnd));
            (run, runStart, runEnd) = (writer, start, end);
        }
        if (run is not null) output.WriteRaw(run.Slice(runStart, runEnd));
        ReleaseHeldMessages(output);
        ReleaseHeldInvalidations(output);
        RecycleStage();

        if (_deferred is { } deferred)
        {
            var command = _deferredCommand!;
            _deferred = null;
            _deferredCommand = null;
            _stageArgs.Add(deferred);
            if (command.Routing == CommandRouting.Transaction) RunExec(deferred, _deferredSuppressed);
            else if (command.Routing == CommandRouting.Session) RunInSession(command, deferred, _deferredSuppressed);
            else RunExclusive(command, deferred, _deferredSuppressed, allShards: command.RunsOnAllShards(deferred));
            EndStage();
            return;
        }

        if (_parked is not null && TryResumeParked()) return;

        if (_protocolError is { } error)
        {
            _protocolError = null;
            _node.Stats.CountError(error);
            output.WriteError(error);
        }
        if (IsClosing) _connection.CloseAfterFlush();
    }

    private void RecycleStage()
    {
        _stage.Clear();
        _inline.Reset();
        foreach (var shard in _stageShards) _batches[shard]!.Reset();
        _stageShards.Clear();
        _transaction.Reset();
        foreach (var args in _stageArgs) _argsPool.Push(args);
        _stageArgs.Clear();
    }

    /// <summary>Arguments to read a request into (reading resets them).</summary>
    private RequestArgs RentArgs() => _argsPool.TryPop(out var args) ? args : new RequestArgs();
}
