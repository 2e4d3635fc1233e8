using AkkaKv.Protocol;
using AkkaKv.Server.Journal;
using AkkaKv.Server.Stats;
using AkkaKv.Storage;

namespace AkkaKv.Server.Commands;

/// <summary>
/// What a shard command handler sees: its arguments, the reply writer, the databases owning its keys, the clock and
/// the journal. The same handler runs unchanged on one shard or as a cross-shard step, because <see cref="Db(ReadOnlySpan{byte})"/>
/// resolves each key to the partition owning it.
/// </summary>
public sealed class CommandContext
{
    [ThreadStatic] private static CommandContext? _current;

    private readonly NodeState _node;
    private readonly List<JournalEntry> _journal = new(16);
    private bool _failed;

    internal CommandContext(NodeState node, ExecutorStats stats)
    {
        _node = node;
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

    /// <summary>The context running on this thread right now, for callbacks from storage (lazy expiry).</summary>
    internal static CommandContext? Current => _current;

    internal void Enter(long nowMs)
    {
        NowMs = nowMs;
        _current = this;
    }

    internal void Exit()
    {
        _current = null;
        if (_journal.Count == 0) return;
        _node.Journal.Append(_journal.ToArray());
        _journal.Clear();
    }

    internal void Prepare(CommandDefinition command, RequestArgs args, int db, RespWriter reply, bool noTouch)
    {
        Command = command;
        Args = args;
        DbIndex = db;
        Reply = reply;
        NoTouch = noTouch;
        _failed = false;
    }

    public int ArgCount => Args.Count;

    public ReadOnlySpan<byte> Arg(int index) => Args[index];

    public Database Db(ReadOnlySpan<byte> key) => Db(DbIndex, key);

    public Database Db(int dbIndex, ReadOnlySpan<byte> key) =>
        _node.Shards.Keyspaces[_node.Shards.ShardOf(key)][dbIndex];

    public IReadOnlyList<Keyspace> Keyspaces => _node.Shards.Keyspaces;

    /// <summary>Looks a key up for reading, counting keyspace hits and misses as Redis does.</summary>
    public KeyEntry? LookupRead(ReadOnlySpan<byte> key)
    {
        var entry = Db(key).Lookup(key, NowMs, touch: !NoTouch);
        if (entry is null) Stats.KeyspaceMisses++;
        else Stats.KeyspaceHits++;
        return entry;
    }

    public KeyEntry? LookupWrite(ReadOnlySpan<byte> key) => Db(key).Lookup(key, NowMs, touch: true);

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
    public void Propagate() => Propagate(DbIndex, CopyArgs());

    /// <summary>Journals a rewritten effect (for example PEXPIREAT instead of EXPIRE).</summary>
    public void Propagate(params byte[][] arguments) => Propagate(DbIndex, arguments);

    public void Propagate(int db, byte[][] arguments)
    {
        _journal.Add(new JournalEntry(db, arguments, _node.NodeId, _node.Versions.Next()));
        Stats.Dirty++;
    }

    private byte[][] CopyArgs()
    {
        var copy = new byte[Args.Count][];
        for (var i = 0; i < copy.Length; i++) copy[i] = Args.ToArray(i);
        return copy;
    }

    /// <summary>Storage's lazy and active expiry report here: count it and journal a DEL, as Redis propagates.</summary>
    internal static void OnKeyExpired(Database db, KeyEntry entry)
    {
        var context = _current;
        if (context is null) return;
        context.Stats.ExpiredKeys++;
        context.Propagate(db.Index, [Del, entry.Key]);
    }

    private static readonly byte[] Del = "DEL"u8.ToArray();
}
