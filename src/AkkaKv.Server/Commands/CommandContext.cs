using AkkaKv.Protocol;
using AkkaKv.Server.Journal;
using AkkaKv.Server.PubSub;
using AkkaKv.Server.Stats;
using AkkaKv.Server.Tracking;
using AkkaKv.Server.Transactions;
using AkkaKv.Storage;

namespace AkkaKv.Server.Commands;

/// <summary>
/// What a shard command handler sees: its arguments, the reply writer, the databases owning its keys, the clock and
/// the journal. The same handler runs unchanged on one shard or as a cross-shard step, because <see cref="Db(ReadOnlySpan{byte})"/>
/// resolves each key to the partition owning it.
/// </summary>
public sealed partial class CommandContext
{
    [ThreadStatic] private static CommandContext? _current;

    private readonly NodeState _node;
    // The batch's effects, encoded as they happen so that journaling copies no argument and allocates nothing; Exit
    // hands them to the journal.
    private readonly JournalFrameWriter _journal;
    private readonly List<ReadyKey> _readyKeys = new(4);
    private readonly List<(int Index, byte[] Value)> _retryRewrites = new(1);
    private bool _failed;

    internal CommandContext(NodeState node, ExecutorStats stats)
    {
        _node = node;
        _journal = new JournalFrameWriter(node.NodeId);
        Stats = stats;
        Args = new RequestArgs();
        Reply = new RespWriter(16);
    }

    public NodeState Node => _node;
    public ExecutorStats Stats { get; }
    public RequestArgs Args { get; private set; }
    public RespWriter Reply { get; private set; }
    public CommandDefinition Command { get; private set; } = null!;
    public int DbIndex { get; private set; }
    public long NowMs { get; private set; }
    public bool NoTouch { get; private set; }
    public bool Failed => _failed;

    /// <summary>The compact-encoding thresholds in force (CONFIG SET may change them between commands).</summary>
    public CollectionLimits Limits => _node.Settings.Limits;

    /// <summary>
    /// Whether a blocking command may block now: false inside MULTI and scripts, where Redis runs it as if it timed
    /// out at once (the handler then writes its timeout reply itself).
    /// </summary>
    public bool CanBlock { get; private set; }

    /// <summary>Set by <see cref="BlockOn"/>: the command found nothing to serve and waits, up to this many ms (0: forever).</summary>
    public long BlockTimeoutMs { get; private set; } = -1;

    /// <summary>The client's watch state, for WATCH to register keys in.</summary>
    public WatchState? Watch { get; private set; }

    /// <summary>
    /// Effects journaled by commands (not by expiry) since the shard started: a command that journaled none changed
    /// nothing. Only ever compared before and after a command.
    /// </summary>
    internal long CommandWrites { get; private set; }

    // Whether the journal consumes effects in this step (read once per step): when not, none is encoded.
    private bool _journaling;

    internal IReadOnlyList<ReadyKey> ReadyKeys => _readyKeys;
    internal IReadOnlyList<(int Index, byte[] Value)> RetryRewrites => _retryRewrites;

    /// <summary>The context running on this thread right now, for callbacks from storage (lazy expiry).</summary>
    internal static CommandContext? Current => _current;

    internal void Enter(long nowMs)
    {
        NowMs = nowMs;
        _journaling = _node.Journal.IsRecording;
        _current = this;
        // A step that runs no request (the expiry cycle) acts for no client.
        (Tracking, TracksReads) = (null, false);
    }

    internal void Exit()
    {
        _current = null;
        if (!_broadcasts.IsEmpty) _broadcasts.Flush(_node.Tracking);
        if (_journal.IsEmpty) return;
        _node.Journal.Append(_journal.Frames);
        _journal.Clear();
    }

    internal void Prepare(CommandDefinition command, RequestArgs args, int db, RespWriter reply, bool noTouch, bool canBlock = false,
        WatchState? watch = null, TrackingClient? tracking = null, bool tracksReads = false)
    {
        Watch = watch;
        Tracking = tracking;
        TracksReads = tracksReads;
        Command = command;
        Args = args;
        DbIndex = db;
        Reply = reply;
        NoTouch = noTouch;
        CanBlock = canBlock;
        BlockTimeoutMs = -1;
        _retryRewrites.Clear();
        _failed = false;
    }

    /// <summary>
    /// A blocking command found nothing to serve: it writes no reply and waits. It is run again, whole, when one of its
    /// keys is signalled ready (<see cref="SignalKeyReady"/>); when <paramref name="timeoutMs"/> passes first (0: never)
    /// the client gets a null array, Redis's timeout reply for every blocking command. Only when <see cref="CanBlock"/>.
    /// </summary>
    public void BlockOn(long timeoutMs)
    {
        if (!CanBlock) throw new InvalidOperationException("this command may not block here");
        BlockTimeoutMs = timeoutMs;
    }

    /// <summary>
    /// Replaces an argument for the runs after a block (XREAD's "$" becomes the id that was last when it blocked, so
    /// entries added meanwhile are not skipped).
    /// </summary>
    public void RewriteArgForRetry(int index, byte[] value) => _retryRewrites.Add((index, value));

    /// <summary>
    /// Elements were added to a list, sorted set or stream at <paramref name="key"/> (or such a value was stored there):
    /// clients blocked on it are served after this command, first blocked first served (Redis's signalKeyAsReady).
    /// </summary>
    public void SignalKeyReady(ReadOnlySpan<byte> key) => SignalKeyReady(DbIndex, key);

    public void SignalKeyReady(int dbIndex, ReadOnlySpan<byte> key)
    {
        // Pushes are hot and waiters rare: copy the key only when someone waits on it.
        if (_node.Shards.Blocking[_node.Shards.ShardOf(key)].HasWaiters(dbIndex, key)) _readyKeys.Add(new ReadyKey(dbIndex, key.ToArray()));
    }

    /// <summary>
    /// FLUSHDB, FLUSHALL and SWAPDB change keys wholesale: every key waited on in <paramref name="dbIndex"/> is treated
    /// as ready, and its waiters run again against what is there now (Redis scans its blocking keys the same way).
    /// </summary>
    public void SignalWaitedKeys(int dbIndex)
    {
        foreach (var registry in _node.Shards.Blocking)
        {
            foreach (var key in registry.KeysWaitedOn(dbIndex)) _readyKeys.Add(new ReadyKey(dbIndex, key));
        }
    }

    internal void ClearReadyKeys() => _readyKeys.Clear();

    /// <summary>A key was changed: transactions watching it will fail.</summary>
    private void TouchWatchedKey(int dbIndex, ReadOnlySpan<byte> key)
    {
        var shard = _node.Shards.ShardOf(key);
        var registry = _node.Shards.Watches[shard];
        if (registry.Count > 0) registry.Touch(_node.Shards.Keyspaces[shard][dbIndex], key);
    }

    /// <summary>
    /// Before FLUSHDB, FLUSHALL or SWAPDB empty or replace <paramref name="dbIndex"/>: every watched key in it that
    /// exists there (or in <paramref name="replacedWith"/>, which SWAPDB brings in) is touched, as Redis's
    /// touchAllWatchedKeysInDb does; a key missing from both changes nothing.
    /// </summary>
    public void TouchWatchedKeysIn(int dbIndex, int replacedWith = -1)
    {
        for (var shard = 0; shard < _node.Shards.Count; shard++)
        {
            var registry = _node.Shards.Watches[shard];
            var keyspace = _node.Shards.Keyspaces[shard];
            foreach (var key in registry.KeysWatchedIn(dbIndex).ToArray())
            {
                if (keyspace[dbIndex].Peek(key) is not null || (replacedWith >= 0 && keyspace[replacedWith].Peek(key) is not null))
                {
                    registry.Touch(keyspace[dbIndex], key);
                }
            }
        }
    }

    public int ArgCount => Args.Count;

    public ReadOnlySpan<byte> Arg(int index) => Args[index];

    public Database Db(ReadOnlySpan<byte> key) => Db(DbIndex, key);

    public Database Db(int dbIndex, ReadOnlySpan<byte> key)
    {
        var shard = _node.Shards.ShardOf(key);
        // Only the shards this step holds may be touched: a key the command's key finder missed lives on a shard whose
        // own thread may be running, so reaching it would race. Refusing costs the command, never the keyspace.
        if (shard < 64 && (ReachableShards & (1UL << shard)) == 0)
        {
            throw new InvalidOperationException($"a key on shard {shard}, which this command did not involve");
        }
        return _node.Shards.Keyspaces[shard][dbIndex];
    }

    /// <summary>The shards the running step holds, one bit each (all bits past 64 shards): its own, or a transaction's.</summary>
    internal ulong ReachableShards { get; set; }

    public IReadOnlyList<Keyspace> Keyspaces => _node.Shards.Keyspaces;

    /// <summary>
    /// Looks a key up for reading, counting keyspace hits and misses as Redis does; <paramref name="touch"/> false for
    /// the reads Redis makes without updating the access time (EXISTS, TYPE, TTL).
    /// </summary>
    public KeyEntry? LookupRead(ReadOnlySpan<byte> key, bool touch = true)
    {
        var entry = Db(key).Lookup(key, NowMs, touch: touch && !NoTouch);
        CountRead(key, entry is not null);
        return entry;
    }

    /// <summary>
    /// A read lookup made through storage (GETRANGE) counts as <see cref="LookupRead"/> does: a keyspace hit, or a miss
    /// and "keymiss"; <paramref name="notify"/> false for reads Redis keeps out of notifications (OBJECT).
    /// </summary>
    public void CountRead(ReadOnlySpan<byte> key, bool found, bool notify = true)
    {
        if (found)
        {
            Stats.KeyspaceHits++;
            return;
        }
        Stats.KeyspaceMisses++;
        if (notify) Notify(NotifyClass.KeyMiss, KeyspaceEvents.KeyMiss, key, DbIndex);
    }

    public KeyEntry? LookupWrite(ReadOnlySpan<byte> key) => Db(key).Lookup(key, NowMs, touch: true);

    /// <summary>
    /// The <typeparamref name="TValue"/> at <paramref name="key"/> for reading, null when the key is missing; false,
    /// after the WRONGTYPE reply, when it holds another type.
    /// </summary>
    public bool TryRead<TValue>(ReadOnlySpan<byte> key, out TValue? value) where TValue : class =>
        IsOfType(LookupRead(key), out value);

    /// <summary>As <see cref="TryRead{TValue}"/>, looked up for writing, with the entry to delete or update.</summary>
    public bool TryWrite<TValue>(ReadOnlySpan<byte> key, out KeyEntry? entry, out TValue? value) where TValue : class
    {
        entry = LookupWrite(key);
        return IsOfType(entry, out value);
    }

    private bool IsOfType<TValue>(KeyEntry? entry, out TValue? value) where TValue : class
    {
        value = entry?.Value as TValue;
        if (entry is null || value is not null) return true;
        WrongType();
        return false;
    }

    public void Error(string message)
    {
        _failed = true;
        _node.Stats.CountError(message);
        Reply.WriteError(message);
    }

    public void WrongType() => Error(ErrorReplies.WrongType);
    public void SyntaxError() => Error(ErrorReplies.Syntax);
    public void NotInteger() => Error(ErrorReplies.NotInteger);

    /// <summary>Journals the request exactly as received.</summary>
    public void Propagate()
    {
        if (_journaling) _journal.Write(DbIndex, NextVersion(), Args);
        CountCommandWrite();
    }

    /// <summary>Journals a rewritten effect (for example PEXPIREAT instead of EXPIRE).</summary>
    public void Propagate(params ReadOnlySpan<byte[]> arguments)
    {
        if (_journaling) _journal.Write(DbIndex, NextVersion(), arguments);
        CountCommandWrite();
    }

    /// <summary>
    /// Journals a rewritten effect whose arguments are not all arrays: request arguments as they are
    /// (<c>c.Args.Memory(i)</c>) and integers, written as text without formatting them into arrays first.
    /// </summary>
    public void Propagate(params ReadOnlySpan<JournalArgument> arguments)
    {
        if (_journaling) _journal.Write(DbIndex, NextVersion(), arguments);
        CountCommandWrite();
    }

    private void CountCommandWrite()
    {
        Stats.Dirty++;
        CommandWrites++;
    }

    /// <summary>Journals an effect of expiry, which no command made.</summary>
    private void JournalExpiry(int db, ReadOnlySpan<byte[]> arguments)
    {
        if (_journaling) _journal.Write(db, NextVersion(), arguments);
        Stats.Dirty++;
    }

    private long NextVersion() => _node.Versions.Next(NowMs);

    /// <summary>Storage's lazy and active expiry report here: count it and journal a DEL, as Redis propagates.</summary>
    internal static void OnKeyExpired(Database db, KeyEntry entry)
    {
        var context = _current;
        if (context is null) return;
        context.Stats.ExpiredKeys++;
        context.JournalExpiry(db.Index, [Del, entry.Key]);
        context.SignalModifiedKey(db.Index, entry.Key, byCommand: false);
        context.Notify(NotifyClass.Expired, KeyspaceEvents.Expired, entry.Key, db.Index);
    }

    /// <summary>
    /// A stream going away (deleted, expired, overwritten) wakes the clients blocked on it, so XREADGROUP fails with
    /// NOGROUP or WRONGTYPE instead of waiting forever (Redis's signalDeletedKeyAsReady). List and sorted-set readers
    /// would only block again, so they are left waiting.
    /// </summary>
    internal static void OnKeyUnlinked(Database db, KeyEntry entry)
    {
        if (entry.Value is StreamValue) _current?.SignalKeyReady(db.Index, entry.Key);
    }

    /// <summary>Members that expired on their own are journaled as their type's removal (HDEL, SREM, ZREM), as Redis 7.4 does.</summary>
    internal static void OnMembersExpired(Database db, KeyEntry entry, IReadOnlyList<byte[]> members)
    {
        var context = _current;
        if (context is null) return;
        context.Stats.ExpiredMembers += members.Count;
        var arguments = new byte[members.Count + 2][];
        arguments[0] = ((IExpiringMembers)entry.Value).RemoveCommand;
        arguments[1] = entry.Key;
        for (var i = 0; i < members.Count; i++) arguments[i + 2] = members[i];
        context.JournalExpiry(db.Index, arguments);
        context.SignalModifiedKey(db.Index, entry.Key, byCommand: false);
        context.NotifyMembersExpired(db.Index, entry);
    }

    private static readonly byte[] Del = "DEL"u8.ToArray();

    #region Nested commands (Lua's redis.call; added by the scripting helper)

    /// <summary>
    /// Runs <paramref name="command"/> inside the command now running (EVAL), as Redis's script client does: with its
    /// own arguments, database and reply writer, never blocking, its writes journaled as themselves (effects
    /// replication), its changed keys signalled and, for a tracking caller, the keys it reads remembered. Every piece of
    /// per-command state is saved first and restored after, so the outer command carries on as if nothing ran, except
    /// for the effects. Returns the nested reply's bytes.
    /// </summary>
    internal ReadOnlySpan<byte> RunNested(CommandDefinition command, RequestArgs args, int db, RespWriter reply)
    {
        var (outerCommand, outerArgs, outerDb, outerReply) = (Command, Args, DbIndex, Reply);
        var (outerCanBlock, outerBlockTimeout, outerFailed, outerWatch) = (CanBlock, BlockTimeoutMs, _failed, Watch);
        var outerRewrites = _retryRewrites.Count;
        Command = command;
        Args = args;
        DbIndex = db;
        Reply = reply;
        CanBlock = false;
        BlockTimeoutMs = -1;
        Watch = null;
        _failed = false;
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var writes = CommandWrites;
        try
        {
            command.Execute!(this);
            AfterCommand(command, args, db, changed: CommandWrites != writes);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // As on a shard: a handler bug costs one error reply, never the script or the shard.
            Error("ERR internal error: " + e.Message);
            _node.System.Log($"script command '{command.FullName}' failed: {e}");
        }
        var micros = (long)System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMicroseconds;
        Stats.Record(command.Id, micros, _failed);
        // Redis logs a script's slow commands too, from its client-less script caller.
        if ((ulong)micros >= _node.Settings.CommandReportMicros) SlowCommandReport.Submit(_node, command, args, micros, client: null);
        (Command, Args, DbIndex, Reply) = (outerCommand, outerArgs, outerDb, outerReply);
        (CanBlock, BlockTimeoutMs, _failed, Watch) = (outerCanBlock, outerBlockTimeout, outerFailed, outerWatch);
        if (_retryRewrites.Count > outerRewrites) _retryRewrites.RemoveRange(outerRewrites, _retryRewrites.Count - outerRewrites);
        return reply.WrittenSpan;
    }

    #endregion
}
