using AkkaKv.Protocol;
using AkkaKv.Scripting;
using AkkaKv.Server.Commands;
using AkkaKv.Server.PubSub;
using AkkaKv.Storage;

namespace AkkaKv.Server.Scripting;

/// <summary>
/// What redis.call reaches on a shard: the command table, run nested in the EVAL's or FCALL's <see cref="CommandContext"/>
/// with every involved shard's keyspace at hand. A script with a shebang, like a function, declared its keys, so its
/// request parked only their shards: a command on a key of any other shard is refused with Redis Cluster's "non local
/// key" error. Without a shebang (or without any key) the request parked every shard and any key may be used, as in
/// Redis.
/// </summary>
internal sealed class ShardScriptHost : IScriptHost
{
    private readonly NodeState _node;
    private readonly bool[] _reachable;
    private readonly List<int> _keys = new(8);
    private CommandContext? _context;
    private bool _everyShard;
    private bool _readOnly;
    private int _database;

    public ShardScriptHost(NodeState node)
    {
        _node = node;
        _reachable = new bool[node.Shards.Count];
    }

    public long BusyThresholdMs => _node.Settings.BusyReplyThresholdMs;

    public bool Stopping => _node.ShutdownRequested.IsCompleted;

    // The script runs on a shard's event-loop thread: its connections are served meanwhile, but no shard there runs
    // (the script's own shard is mid-command, and shards sharing the thread share its Lua interpreter).
    public void WhileBusy() => Actors.EventLoop.Current?.RunOthersWhileBusy(_node.Shards.Actors);

    /// <summary>
    /// Binds the host to one EVAL or FCALL: its context, its declared keys (args[3..3+numKeys)), whether its request
    /// parked every shard (then any key may be used) and whether it may write.
    /// </summary>
    public void Begin(CommandContext context, bool everyShard, int numKeys, bool readOnly)
    {
        _context = context;
        _database = context.DbIndex;
        _readOnly = readOnly;
        _everyShard = everyShard;
        Array.Clear(_reachable);
        for (var i = 0; i < numKeys; i++) _reachable[_node.Shards.ShardOf(context.Arg(3 + i))] = true;
    }

    public void End() => _context = null;

    public string? Call(RunningScript script, RequestArgs args, RespWriter reply)
    {
        var context = _context ?? throw new InvalidOperationException("redis.call outside EVAL and FCALL");
        var refusal = Resolve(args, out var command);
        if (refusal is not null) return refusal;
        if ((command!.Flags & CommandFlags.NoScript) != 0) return ErrorReplies.ScriptCommandNotAllowed;
        if (command.IsWrite)
        {
            if (_readOnly) return ErrorReplies.ScriptWriteInReadOnly;
            script.MarkWrote();
        }
        if (command.Execute is null) return RunConnectionCommand(command, args, reply);
        refusal = CheckKeysAreLocal(command, args);
        if (refusal is not null) return refusal;
        if (_node.Monitors.IsActive) _node.Monitors.Publish(_database, "lua", command, args);
        context.RunNested(command, args, _database, reply);
        return null;
    }

    public bool IsCommand(RequestArgs args) => Resolve(args, out _) is null;

    public void Log(int level, string message)
    {
        var verbosity = _node.Settings.LogLevel switch { "debug" => 0, "verbose" => 1, "notice" => 2, "warning" => 3, _ => 4 };
        if (level >= verbosity) _node.System.Log(message);
    }

    /// <summary>Redis's lookupCommand and arity check for a script's command.</summary>
    private string? Resolve(RequestArgs args, out CommandDefinition? command)
    {
        command = _node.Commands.Find(args[0]);
        if (command is null) return ErrorReplies.ScriptUnknownCommand;
        if (command.HasSubcommands && args.Count >= 2)
        {
            var container = command;
            command = _node.Commands.FindSubcommand(container, args[1]);
            // DEBUG is one noscript command in Redis, whatever its subcommand.
            if (command is null) return container.SubcommandSyntaxErrors ? ErrorReplies.ScriptCommandNotAllowed : ErrorReplies.ScriptUnknownCommand;
        }
        return command.ArityMatches(args.Count) ? null : ErrorReplies.ScriptWrongArity;
    }

    /// <summary>
    /// Keys must be on a shard the request holds (and in a cluster, on this node); a command over every shard needs
    /// them all, and SCAN the one its cursor names.
    /// </summary>
    private string? CheckKeysAreLocal(CommandDefinition command, RequestArgs args)
    {
        _keys.Clear();
        if (command.Routing == CommandRouting.Keys) command.CollectKeys(args, 0, _keys);
        if (_node.Router.Enabled)
        {
            foreach (var i in _keys)
            {
                if (_node.Router.RedirectFor(HashSlot.Of(args[i])) is not null) return ErrorReplies.ScriptNonLocalKey;
            }
        }
        if (_everyShard) return null;
        var shards = _node.Shards;
        if (command.RunsOnAllShards(args)) return ErrorReplies.ScriptNonLocalKey;
        if (command.Routing == CommandRouting.ChosenShard)
        {
            return _reachable[command.ChooseShard!(args, shards.Count) % shards.Count] ? null : ErrorReplies.ScriptNonLocalKey;
        }
        foreach (var i in _keys)
        {
            if (!_reachable[shards.ShardOf(args[i])]) return ErrorReplies.ScriptNonLocalKey;
        }
        return null;
    }

    /// <summary>
    /// The connection commands Redis lets scripts call, done here since a script has no session: PING, ECHO, TIME,
    /// LASTSAVE, PUBLISH and SELECT (which changes only the script's database). Other ones are refused.
    /// </summary>
    private string? RunConnectionCommand(CommandDefinition command, RequestArgs args, RespWriter reply)
    {
        if (_node.Monitors.IsActive) _node.Monitors.Publish(_database, "lua", command, args);
        switch (command.FullName)
        {
            case "ping":
                if (args.Count > 2) reply.WriteError(ErrorReplies.WrongArity("ping"));
                else if (args.Count == 2) reply.WriteBulk(args[1]);
                else reply.WriteSimpleString("PONG"u8);
                return null;
            case "echo":
                reply.WriteBulk(args[1]);
                return null;
            case "time":
                var now = DateTimeOffset.UtcNow;
                var micros = now.ToUnixTimeMilliseconds() * 1000 + now.Microsecond;
                reply.WriteArrayHeader(2);
                reply.WriteBulk(micros / 1_000_000);
                reply.WriteBulk(micros % 1_000_000);
                return null;
            case "lastsave":
                reply.WriteInteger(_node.LastSaveUnixSeconds);
                return null;
            case "publish":
                reply.WriteInteger(_node.PubSub.Publish(PubSubKind.Channel, args[1], args[2]));
                return null;
            case "select":
                Select(args, reply);
                return null;
            default:
                return ErrorReplies.ScriptCommandNotAllowed;
        }
    }

    private void Select(RequestArgs args, RespWriter reply)
    {
        if (!ArgParsing.TryInteger(args[1], out var index) || index is < int.MinValue or > int.MaxValue)
        {
            reply.WriteError(ErrorReplies.NotInteger);
        }
        else if (index < 0 || index >= _node.Settings.Databases)
        {
            reply.WriteError(ErrorReplies.DbIndexOutOfRange);
        }
        else
        {
            _database = (int)index;
            reply.WriteOk();
        }
    }
}
