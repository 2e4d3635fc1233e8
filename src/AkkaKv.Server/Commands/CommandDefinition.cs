using AkkaKv.Protocol;

namespace AkkaKv.Server.Commands;

/// <summary>Runs on a shard thread (or on the executor of a cross-shard step) against the keyspace.</summary>
public delegate void ShardCommandHandler(CommandContext context);

/// <summary>
/// Finds the keys of a command whose keys no first/last/step range describes (numkeys, STREAMS, STORE): adds the
/// indexes of its key arguments, where argument i is <c>args[offset + i]</c> (COMMAND GETKEYS passes an offset).
/// Malformed arguments yield the keys that can be found; the handler reports the error.
/// </summary>
public delegate void KeyFinder(RequestArgs args, int offset, List<int> keyIndexes);

/// <summary>Runs in the client's session, on its I/O thread.</summary>
public delegate void SessionCommandHandler(Sessions.ClientSession session, RequestArgs args, RespWriter reply);

/// <summary>
/// One entry of the command table: the single source for dispatch, arity, flags, key positions, routing, stats
/// and COMMAND's replies.
/// </summary>
public sealed class CommandDefinition
{
    public required string Name { get; init; }
    public required int Arity { get; init; }
    public CommandFlags Flags { get; init; }
    public int FirstKey { get; init; }
    public int LastKey { get; init; }
    public int KeyStep { get; init; }
    public required string Group { get; init; }
    public required string Summary { get; init; }
    public string Since { get; init; } = "1.0.0";
    public string Complexity { get; init; } = "O(1)";
    public CommandRouting Routing { get; init; }
    public ShardCommandHandler? Execute { get; init; }
    public SessionCommandHandler? ExecuteInSession { get; init; }
    /// <summary>For <see cref="CommandRouting.ChosenShard"/>: the shard index (modulo the shard count) from the arguments.</summary>
    public Func<RequestArgs, int, int>? ChooseShard { get; init; }
    /// <summary>For commands with movable keys (COMMAND INFO's "movablekeys"): finds them; null = the first/last/step range.</summary>
    public KeyFinder? FindKeys { get; init; }
    /// <summary>
    /// True for a request that reaches keys its arguments do not name (SORT's BY and GET patterns): it runs across every
    /// shard at once, as those keys can live anywhere.
    /// </summary>
    public Func<RequestArgs, bool>? ReachesUnnamedKeys { get; init; }
    /// <summary>
    /// Which of its keys the command changes when it writes: all, unless it reads sources into a destination (the
    /// *STORE commands, BITOP, PFMERGE, COPY), whose sources stay as they were (Redis's key specs mark them RO). Only
    /// changed keys spoil a WATCH and invalidate client caches. Set with <see cref="Define.Changing"/>.
    /// </summary>
    public ChangedKeys ChangedKeys { get; internal set; }
    public IReadOnlyList<CommandDefinition> Subcommands { get; init; } = [];
    /// <summary>
    /// A container Redis implements as one command taking a subcommand argument (DEBUG): an unknown subcommand and a
    /// subcommand's wrong arity both get "unknown subcommand or wrong number of arguments".
    /// </summary>
    public bool SubcommandSyntaxErrors { get; init; }
    /// <summary>
    /// The ACL categories of the command's data, space-separated, when its group does not say them (DBSIZE is a server
    /// command on the keyspace; SORT reads sets, sorted sets and lists).
    /// </summary>
    public string? AclCategory { get; init; }
    /// <summary>Set by the table: "get", or "client|list" for a subcommand.</summary>
    public string FullName { get; internal set; } = "";
    public CommandDefinition? Parent { get; internal set; }
    /// <summary>Dense index for per-command statistics.</summary>
    public int Id { get; internal set; }

    public bool IsWrite => (Flags & CommandFlags.Write) != 0;
    public bool HasKeys => FirstKey > 0 || FindKeys is not null;
    public bool HasSubcommands => Subcommands.Count > 0;

    public bool RunsOnAllShards(RequestArgs args) =>
        Routing == CommandRouting.AllShards || (ReachesUnnamedKeys is not null && ReachesUnnamedKeys(args));

    public bool ArityMatches(int argc) => Arity >= 0 ? argc == Arity : argc >= -Arity;

    /// <summary>Whether the key at <paramref name="position"/> among those <see cref="CollectKeys"/> finds is one the command changes.</summary>
    public bool Changes(int position) => ChangedKeys switch
    {
        ChangedKeys.FirstOnly => position == 0,
        ChangedKeys.AllButFirst => position > 0,
        _ => true,
    };

    /// <summary>Adds the argument indexes of the keys of one request (argument i = args[offset + i]).</summary>
    public void CollectKeys(RequestArgs args, int offset, List<int> keyIndexes)
    {
        if (FindKeys is not null)
        {
            FindKeys(args, offset, keyIndexes);
            return;
        }
        var keys = KeyIndexesOf(args.Count - offset);
        for (var i = keys.First; i <= keys.Last; i += keys.Step) keyIndexes.Add(i);
    }

    /// <summary>The argument indexes of the keys as the first/last/step range declares them.</summary>
    public KeyIndexes KeyIndexesOf(int argc)
    {
        if (FirstKey <= 0) return new KeyIndexes(0, -1, 1);
        var last = LastKey >= 0 ? LastKey : argc + LastKey;
        return new KeyIndexes(FirstKey, Math.Min(last, argc - 1), KeyStep <= 0 ? 1 : KeyStep);
    }
}

/// <summary>The key argument positions of one request: first..last by step.</summary>
public readonly record struct KeyIndexes(int First, int Last, int Step)
{
    public int Count => Last < First ? 0 : (Last - First) / Step + 1;
}
