using System.Text;
using AkkaKv.Protocol;
using AkkaKv.Scripting;
using AkkaKv.Server.Scripting;
using AkkaKv.Server.Sessions;
using static AkkaKv.Server.Commands.ArgParsing;

namespace AkkaKv.Server.Commands;

/// <summary>
/// Redis's eval.c: EVAL, EVALSHA and their read-only forms, and the SCRIPT container. A script runs as one step on the
/// shard executing its request: a script without a shebang may touch any key (as in Redis), so it parks every shard;
/// one with a shebang touches only the keys it declares, so it parks only their shards.
/// </summary>
public static class ScriptingCommands
{
    private const string Group = "scripting";
    private const CommandFlags EvalFlags = CommandFlags.NoScript | CommandFlags.Stale | CommandFlags.SkipMonitor | CommandFlags.NoMandatoryKeys;
    private const string EvalComplexity = "Depends on the script that is executed.";

    internal static IEnumerable<CommandDefinition> Definitions =>
    [
        Eval("eval", EvalFlags, "Executes a server-side Lua script.", "2.6.0", bySha: false, readOnly: false),
        Eval("evalsha", EvalFlags, "Executes a server-side Lua script by SHA1 digest.", "2.6.0", bySha: true, readOnly: false),
        Eval("eval_ro", EvalFlags | CommandFlags.ReadOnly, "Executes a read-only server-side Lua script.", "7.0.0", bySha: false, readOnly: true),
        Eval("evalsha_ro", EvalFlags | CommandFlags.ReadOnly, "Executes a read-only server-side Lua script by SHA1 digest.", "7.0.0", bySha: true, readOnly: true),
        Define.Container("script", Group, "A container for Lua scripts management commands.", "2.6.0",
            Define.Session("exists", -3, CommandFlags.NoScript, Group, "Determines whether server-side Lua scripts exist in the script cache.", Exists, "2.6.0",
                "O(N) with N being the number of scripts to check (so checking a single script is an O(1) operation)."),
            Define.Session("flush", -2, CommandFlags.NoScript, Group, "Removes all server-side Lua scripts from the script cache.", Flush, "2.6.0",
                "O(N) with N being the number of scripts in cache"),
            Define.Session("kill", 2, CommandFlags.NoScript | CommandFlags.AllowBusy, Group, "Terminates a server-side Lua script during execution.", Kill, "2.6.0"),
            new CommandDefinition
            {
                // Compiling needs an interpreter, which lives on the shards: shard 0 does it.
                Name = "load", Arity = 3, Flags = CommandFlags.NoScript | CommandFlags.Stale, Group = Group,
                Summary = "Loads a server-side Lua script to the script cache.", Since = "2.6.0",
                Complexity = "O(N) with N being the length in bytes of the script body.",
                Routing = CommandRouting.ChosenShard, ChooseShard = (_, _) => 0, Execute = Load,
            },
            Define.Session("help", 2, CommandFlags.Loading | CommandFlags.Stale, Group, "Returns helpful text about the different subcommands.",
                (s, a, r) => Help.Write(r, "SCRIPT", HelpLines), "5.0.0")),
    ];

    private static readonly string[] HelpLines =
    [
        "EXISTS <sha1> [<sha1> ...]",
        "    Return information about the existence of the scripts in the script cache.",
        "FLUSH [ASYNC|SYNC]",
        "    Flush the Lua scripts cache. Very dangerous on replicas.",
        "    When called without the optional mode argument, the behavior is determined by the",
        "    lazyfree-lazy-user-flush configuration directive. Valid modes are:",
        "    * ASYNC: Asynchronously flush the scripts cache.",
        "    * SYNC: Synchronously flush the scripts cache.",
        "KILL",
        "    Kill the currently executing Lua script.",
        "LOAD <script>",
        "    Load a script into the scripts cache without executing it.",
    ];

    private static CommandDefinition Eval(string name, CommandFlags flags, string summary, string since, bool bySha, bool readOnly) => new()
    {
        Name = name, Arity = -3, Flags = flags, Group = Group, Summary = summary, Since = since, Complexity = EvalComplexity,
        Routing = CommandRouting.Keys, FindKeys = KeyFinders.NumKeysAt(2),
        ReachesUnnamedKeys = bySha ? ShaReachesEveryShard : BodyReachesEveryShard,
        Execute = c => Run(c, bySha, readOnly),
    };

    /// <summary>
    /// Whether a script reaches past its declared keys: always without a shebang (Redis lets such scripts touch any
    /// key), and with one when it declared no key (then nothing tells where it goes).
    /// </summary>
    internal static bool ReachesEveryShard(bool hasShebang, long numKeys) => !hasShebang || numKeys == 0;

    private static bool BodyReachesEveryShard(RequestArgs args) => RoutedAcrossShards(args[1].StartsWith("#!"u8), args);

    /// <summary>EVALSHA is routed before its script is looked up: by what is known of the SHA1 (see <see cref="ScriptCache.IsKnownShebangScript"/>).</summary>
    private static bool ShaReachesEveryShard(RequestArgs args)
    {
        var sha = args[1];
        if (sha.Length != 40) return false;
        Span<char> lower = stackalloc char[40];
        for (var i = 0; i < 40; i++) lower[i] = char.ToLowerInvariant((char)sha[i]);
        return RoutedAcrossShards(ScriptCache.IsKnownShebangScript(lower), args);
    }

    /// <summary>A request whose numkeys is malformed gets an error reply: no need to park anything for it.</summary>
    internal static bool RoutedAcrossShards(bool hasShebang, RequestArgs args) =>
        TryInteger(args[2], out var numKeys) && numKeys >= 0 && numKeys <= args.Count - 3 && ReachesEveryShard(hasShebang, numKeys);

    /// <summary>
    /// numkeys (argument 2) as EVAL and FCALL check it, each with its own text for one that is not a number; false
    /// after the error reply.
    /// </summary>
    internal static bool TryReadNumKeys(CommandContext c, string notANumber, out int numKeys)
    {
        numKeys = 0;
        if (!TryInteger(c.Arg(2), out var count))
        {
            c.Error(notANumber);
            return false;
        }
        if (count > c.ArgCount - 3)
        {
            c.Error(ErrorReplies.NumKeysGreaterThanArgs);
            return false;
        }
        if (count < 0)
        {
            c.Error(ErrorReplies.NumKeysNegative);
            return false;
        }
        numKeys = (int)count;
        return true;
    }

    private static void Run(CommandContext c, bool bySha, bool readOnly)
    {
        if (!TryReadNumKeys(c, ErrorReplies.NotInteger, out var numKeys)) return;
        var engine = c.Node.Scripting;
        var shard = engine.ForCurrentThread();
        Script? script;
        if (bySha)
        {
            script = c.Arg(1).Length == 40 ? engine.Cache.Find(Encoding.ASCII.GetString(c.Arg(1)).ToLowerInvariant()) : null;
            if (script is null)
            {
                c.Error(ErrorReplies.NoScript);
                return;
            }
        }
        else
        {
            script = engine.Load(c.Arg(1), shard, out var error);
            if (script is null)
            {
                ReplyScriptError(c, error!, countedByCommand: false);
                return;
            }
        }
        if (script.HasShebang && (script.Flags & ScriptFlags.NoCluster) != 0 && c.Node.Router.Enabled)
        {
            c.Error(ErrorReplies.NoClusterScript);
            return;
        }
        if (readOnly && script.HasShebang && !script.IsReadOnly)
        {
            c.Error(ErrorReplies.WriteScriptWithRo);
            return;
        }
        shard.Host.Begin(c, ReachesEveryShard(script.HasShebang, numKeys), numKeys, readOnly || script.IsReadOnly);
        ScriptOutcome outcome;
        try
        {
            outcome = shard.Interpreter!.Run(script, c.Args, 3, numKeys, shard.Host, c.Reply);
        }
        finally
        {
            shard.Host.End();
        }
        if (!outcome.Succeeded) ReplyScriptError(c, outcome.Error!, outcome.ErrorCountedByCommand);
    }

    /// <summary>
    /// A script's error line: "-" then the text, which may itself start with "-" (a script's {err="-X"} replies "--X",
    /// as in Redis). An error a command of the script already counted is not counted again.
    /// </summary>
    internal static void ReplyScriptError(CommandContext c, string line, bool countedByCommand)
    {
        var message = line.Length > 1 && line[0] == '-' && line[1] != '-' ? line[1..] : line;
        if (countedByCommand) c.Reply.WriteError(message);
        else c.Error(message);
    }

    private static void Load(CommandContext c)
    {
        var engine = c.Node.Scripting;
        var script = engine.Load(c.Arg(2), engine.ForCurrentThread(), out var error);
        if (script is null) ReplyScriptError(c, error!, countedByCommand: false);
        else c.Reply.WriteBulk(script.Sha);
    }

    private static void Exists(ClientSession session, RequestArgs args, RespWriter reply)
    {
        var cache = session.Node.Scripting.Cache;
        reply.WriteArrayHeader(args.Count - 2);
        for (var i = 2; i < args.Count; i++) reply.WriteInteger(cache.Contains(args.ToString(i).ToLowerInvariant()) ? 1 : 0);
    }

    private static void Flush(ClientSession session, RequestArgs args, RespWriter reply)
    {
        if (args.Count > 3 || (args.Count == 3 && !Is(args[2], "SYNC"u8) && !Is(args[2], "ASYNC"u8)))
        {
            session.ReplyError(reply, ErrorReplies.ScriptFlushMode);
            return;
        }
        session.Node.Scripting.Cache.Flush();
        reply.WriteOk();
    }

    private static void Kill(ClientSession session, RequestArgs args, RespWriter reply)
    {
        var error = session.Node.Scripting.Kill(function: false);
        if (error is null) reply.WriteOk();
        else session.ReplyError(reply, error);
    }
}
