using AkkaKv.Protocol;
using AkkaKv.Scripting;
using AkkaKv.Server.Scripting;

namespace AkkaKv.Server.Commands;

/// <summary>
/// Redis's functions.c: FCALL, FCALL_RO and the FUNCTION container. A function runs like a script with a shebang, as
/// one step on the shards of its declared keys (every shard when it declares none). The commands that change the
/// libraries run while every shard is parked, so no FCALL ever sees a library set half-changed; they are journaled as
/// received, as Redis propagates them. FUNCTION LIST, DUMP, STATS, KILL and HELP read the node's state in the session.
/// </summary>
public static partial class FunctionCommands
{
    private const string Group = "scripting";
    private const string Since = "7.0.0";
    private const CommandFlags FcallFlags = CommandFlags.NoScript | CommandFlags.Stale | CommandFlags.SkipMonitor | CommandFlags.NoMandatoryKeys;
    private const CommandFlags ChangeFlags = CommandFlags.Write | CommandFlags.NoScript;
    private const string PerFunction = "O(N) where N is the number of functions";

    internal static IEnumerable<CommandDefinition> Definitions =>
    [
        Fcall("fcall", FcallFlags, "Invokes a function.", readOnly: false),
        Fcall("fcall_ro", FcallFlags | CommandFlags.ReadOnly, "Invokes a read-only function.", readOnly: true),
        Define.Container("function", Group, "A container for function commands.", Since,
            Define.AllShards("load", -3, ChangeFlags | CommandFlags.DenyOom, Group, "Creates a library.", Load, Since,
                "O(1) (considering compilation time is redundant)"),
            Define.AllShards("delete", 3, ChangeFlags, Group, "Deletes a library and its functions.", Delete, Since, "O(1)"),
            Define.AllShards("flush", -2, ChangeFlags, Group, "Deletes all libraries and functions.", Flush, Since,
                "O(N) where N is the number of functions deleted"),
            Define.AllShards("restore", -3, ChangeFlags | CommandFlags.DenyOom, Group, "Restores all libraries from a payload.", Restore, Since,
                "O(N) where N is the number of functions on the payload"),
            Define.Session("list", -2, CommandFlags.NoScript, Group, "Returns information about all libraries.", List, Since, PerFunction),
            Define.Session("dump", 2, CommandFlags.NoScript, Group, "Dumps all libraries into a serialized binary payload.", Dump, Since, PerFunction),
            Define.Session("stats", 2, CommandFlags.NoScript | CommandFlags.AllowBusy, Group, "Returns information about a function during execution.", Stats, Since),
            Define.Session("kill", 2, CommandFlags.NoScript | CommandFlags.AllowBusy, Group, "Terminates a function during execution.", Kill, Since),
            Define.Session("help", 2, CommandFlags.Loading | CommandFlags.Stale, Group, "Returns helpful text about the different subcommands.",
                (s, a, r) => Help.Write(r, "FUNCTION", HelpLines), Since)),
    ];

    private static CommandDefinition Fcall(string name, CommandFlags flags, string summary, bool readOnly) => new()
    {
        Name = name, Arity = -3, Flags = flags, Group = Group, Summary = summary, Since = Since,
        Complexity = "Depends on the function that is executed.",
        Routing = CommandRouting.Keys, FindKeys = KeyFinders.NumKeysAt(2),
        // A function declares its keys: the request parks only their shards, or every shard when it declares none.
        ReachesUnnamedKeys = args => ScriptingCommands.RoutedAcrossShards(hasShebang: true, args),
        Execute = c => Call(c, readOnly),
    };

    /// <summary>fcallCommandGeneric: the function is looked up first, then numkeys checked, then its flags.</summary>
    private static void Call(CommandContext c, bool readOnly)
    {
        var engine = c.Node.Scripting;
        var libraries = engine.Functions.Current;
        var function = libraries.FindFunction(c.Arg(1));
        if (function is null)
        {
            c.Error(ErrorReplies.FunctionNotFound);
            return;
        }
        if (!ScriptingCommands.TryReadNumKeys(c, ErrorReplies.BadNumberOfKeys, out var numKeys)) return;
        if ((function.Flags & ScriptFlags.NoCluster) != 0 && c.Node.Router.Enabled)
        {
            c.Error(ErrorReplies.NoClusterScript);
            return;
        }
        if (readOnly && !function.IsReadOnly)
        {
            c.Error(ErrorReplies.WriteScriptWithRo);
            return;
        }
        var shard = engine.ForFunctionsOnCurrentThread();
        var runtime = shard.Functions!;
        var callback = runtime.ReferenceOf(function, libraries);
        shard.Host.Begin(c, everyShard: numKeys == 0, numKeys, readOnly || function.IsReadOnly);
        ScriptOutcome outcome;
        try
        {
            outcome = runtime.Interpreter.RunFunction(callback, function.Name, c.Args, 3, numKeys, shard.Host, c.Reply);
        }
        finally
        {
            shard.Host.End();
        }
        if (!outcome.Succeeded) ScriptingCommands.ReplyScriptError(c, outcome.Error!, outcome.ErrorCountedByCommand);
    }

    private static readonly string[] HelpLines =
    [
        "LOAD [REPLACE] <FUNCTION CODE>",
        "    Create a new library with the given library name and code.",
        "DELETE <LIBRARY NAME>",
        "    Delete the given library.",
        "LIST [LIBRARYNAME PATTERN] [WITHCODE]",
        "    Return general information on all the libraries:",
        "    * Library name",
        "    * The engine used to run the Library",
        "    * Library description",
        "    * Functions list",
        "    * Library code (if WITHCODE is given)",
        "    It also possible to get only function that matches a pattern using LIBRARYNAME argument.",
        "STATS",
        "    Return information about the current function running:",
        "    * Function name",
        "    * Command used to run the function",
        "    * Duration in MS that the function is running",
        "    If no function is running, return nil",
        "    In addition, returns a list of available engines.",
        "KILL",
        "    Kill the current running function.",
        "FLUSH [ASYNC|SYNC]",
        "    Delete all the libraries.",
        "    When called without the optional mode argument, the behavior is determined by the",
        "    lazyfree-lazy-user-flush configuration directive. Valid modes are:",
        "    * ASYNC: Asynchronously flush the libraries.",
        "    * SYNC: Synchronously flush the libraries.",
        "DUMP",
        "    Return a serialized payload representing the current libraries, can be restored using FUNCTION RESTORE command",
        "RESTORE <PAYLOAD> [FLUSH|APPEND|REPLACE]",
        "    Restore the libraries represented by the given payload, it is possible to give a restore policy to",
        "    control how to handle existing libraries (default APPEND):",
        "    * FLUSH: delete all existing libraries.",
        "    * APPEND: appends the restored libraries to the existing libraries. On collision, abort.",
        "    * REPLACE: appends the restored libraries to the existing libraries, On collision, replace the old",
        "      libraries with the new libraries (notice that even on this option there is a chance of failure",
        "      in case of functions name collision with another library).",
    ];

    private static void Kill(Sessions.ClientSession session, RequestArgs args, RespWriter reply)
    {
        var error = session.Node.Scripting.Kill(function: true);
        if (error is null) reply.WriteOk();
        else session.ReplyError(reply, error);
    }
}
