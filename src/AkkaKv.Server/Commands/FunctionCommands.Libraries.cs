using AkkaKv.Protocol;
using AkkaKv.Scripting.Functions;
using AkkaKv.Server.Scripting;
using AkkaKv.Server.Sessions;
using AkkaKv.Storage;
using static AkkaKv.Server.Commands.ArgParsing;

namespace AkkaKv.Server.Commands;

// The FUNCTION subcommands that manage and show the libraries.
public static partial class FunctionCommands
{
    /// <summary>FUNCTION LOAD's limit on running a library's code (Redis's LOAD_TIMEOUT_MS).</summary>
    private const long LoadTimeoutMs = 500;

    private static void Load(CommandContext c)
    {
        var replace = false;
        // Every argument before the last, which is the code, must be REPLACE.
        for (var i = 2; i < c.ArgCount - 1; i++)
        {
            if (!Is(c.Arg(i), "REPLACE"u8))
            {
                c.Error(ErrorReplies.UnknownFunctionLoadOption(Quoted(c.Arg(i))));
                return;
            }
            replace = true;
        }
        var store = c.Node.Scripting.Functions;
        var libraries = store.Current;
        var shard = c.Node.Scripting.ForFunctionsOnCurrentThread();
        var library = LibraryFactory.Create(c.Arg(c.ArgCount - 1), libraries, replace, shard.Functions!.Interpreter, LoadTimeoutMs, shard.Host,
            out var replaced, out var error);
        if (library is null)
        {
            c.Error(error!);
            return;
        }
        store.Publish(libraries.Replace(replaced is null ? [] : [replaced], [library]));
        c.Propagate();
        c.Reply.WriteBulk(library.Name);
    }

    private static void Delete(CommandContext c)
    {
        var store = c.Node.Scripting.Functions;
        var libraries = store.Current;
        var library = libraries.FindLibrary(c.Arg(2));
        if (library is null)
        {
            c.Error(ErrorReplies.LibraryNotFound);
            return;
        }
        store.Publish(libraries.Replace([library], []));
        c.Propagate();
        c.Reply.WriteOk();
    }

    /// <summary>FUNCTION FLUSH [ASYNC|SYNC]: both drop everything at once (nothing here frees memory in the background).</summary>
    private static void Flush(CommandContext c)
    {
        if (c.ArgCount > 3)
        {
            c.Error(ErrorReplies.SubcommandSyntax(Quoted(c.Arg(1)), "FUNCTION"));
            return;
        }
        if (c.ArgCount == 3 && !Is(c.Arg(2), "SYNC"u8) && !Is(c.Arg(2), "ASYNC"u8))
        {
            c.Error(ErrorReplies.FunctionFlushMode);
            return;
        }
        c.Node.Scripting.Functions.Flush(FunctionLibraries.Empty);
        c.Propagate();
        c.Reply.WriteOk();
    }

    /// <summary>
    /// FUNCTION RESTORE payload [FLUSH|APPEND|REPLACE]: the payload's libraries are built as a set of their own first
    /// (duplicates within it fail as FUNCTION LOAD's do), then replace every library (FLUSH), or join the loaded ones
    /// (APPEND, the default, fails on a library of the same name; REPLACE replaces it). Nothing changes on any error.
    /// </summary>
    private static void Restore(CommandContext c)
    {
        if (c.ArgCount > 4)
        {
            c.Error(ErrorReplies.SubcommandSyntax(Quoted(c.Arg(1)), "FUNCTION"));
            return;
        }
        bool flush = false, replace = false;
        if (c.ArgCount == 4)
        {
            flush = Is(c.Arg(3), "FLUSH"u8);
            replace = Is(c.Arg(3), "REPLACE"u8);
            if (!flush && !replace && !Is(c.Arg(3), "APPEND"u8))
            {
                c.Error(ErrorReplies.RestorePolicy);
                return;
            }
        }
        var codes = FunctionPayload.Read(c.Arg(2), out var error);
        var restored = codes is null ? null : BuildSet(c, codes, out error);
        if (restored is null)
        {
            c.Error(error!);
            return;
        }
        var store = c.Node.Scripting.Functions;
        if (flush)
        {
            store.Flush(restored);
        }
        else
        {
            var joined = Join(store.Current, restored, replace, out error);
            if (joined is null)
            {
                c.Error(error!);
                return;
            }
            store.Publish(joined);
        }
        c.Propagate();
        c.Reply.WriteOk();
    }

    /// <summary>The libraries of a payload as a set, each checked against those before it; no time limit, as in Redis.</summary>
    private static FunctionLibraries? BuildSet(CommandContext c, List<byte[]> codes, out string? error)
    {
        error = null;
        var shard = c.Node.Scripting.ForFunctionsOnCurrentThread();
        var set = FunctionLibraries.Empty;
        foreach (var code in codes)
        {
            var library = LibraryFactory.Create(code, set, replace: false, shard.Functions!.Interpreter, 0, shard.Host, out _, out error);
            if (library is null) return null;
            set = set.Replace([], [library]);
        }
        return set;
    }

    /// <summary>Redis's libraryJoin: <paramref name="restored"/> added to <paramref name="current"/>, or null with the clash.</summary>
    private static FunctionLibraries? Join(FunctionLibraries current, FunctionLibraries restored, bool replace, out string? error)
    {
        error = null;
        var replaced = new List<FunctionLibrary>();
        foreach (var library in restored.Libraries)
        {
            if (current.FindLibrary(library.Name) is not { } old) continue;
            if (!replace)
            {
                error = ErrorReplies.RestoredLibraryExists(library.Name);
                return null;
            }
            replaced.Add(old);
        }
        var taken = current.FindTakenName(restored.Libraries.SelectMany(l => l.Functions), replaced);
        if (taken is not null)
        {
            error = ErrorReplies.FunctionExists(taken);
            return null;
        }
        return current.Replace(replaced, restored.Libraries);
    }

    /// <summary>FUNCTION LIST [LIBRARYNAME pattern] [WITHCODE]: the pattern matches library names in any case.</summary>
    private static void List(ClientSession session, RequestArgs args, RespWriter reply)
    {
        var withCode = false;
        byte[]? pattern = null;
        for (var i = 2; i < args.Count; i++)
        {
            if (!withCode && Is(args[i], "WITHCODE"u8))
            {
                withCode = true;
            }
            else if (pattern is null && Is(args[i], "LIBRARYNAME"u8))
            {
                if (i == args.Count - 1)
                {
                    session.ReplyError(reply, ErrorReplies.LibraryNameArgumentMissing);
                    return;
                }
                pattern = args.ToArray(++i);
            }
            else
            {
                session.ReplyError(reply, ErrorReplies.UnknownFunctionListArgument(Quoted(args[i])));
                return;
            }
        }
        var libraries = session.Node.Scripting.Functions.Current.Libraries
            .Where(l => pattern is null || GlobPattern.IsMatch(pattern, Bytes(l.Name), ignoreCase: true))
            .ToList();
        reply.WriteArrayHeader(libraries.Count);
        foreach (var library in libraries)
        {
            reply.WriteMapHeader(withCode ? 4 : 3);
            reply.WriteBulk("library_name"u8);
            reply.WriteBulk(library.Name);
            reply.WriteBulk("engine"u8);
            reply.WriteBulk(FunctionLibrary.Engine);
            reply.WriteBulk("functions"u8);
            reply.WriteArrayHeader(library.Functions.Count);
            foreach (var function in library.Functions) WriteFunction(reply, function);
            if (!withCode) continue;
            reply.WriteBulk("library_code"u8);
            reply.WriteBulk(library.Code);
        }
    }

    /// <summary>A function's name, description (null when none) and flags (a set of status strings).</summary>
    private static void WriteFunction(RespWriter reply, LibraryFunction function)
    {
        reply.WriteMapHeader(3);
        reply.WriteBulk("name"u8);
        reply.WriteBulk(function.Name);
        reply.WriteBulk("description"u8);
        if (function.Description is null) reply.WriteNull();
        else reply.WriteBulk(function.Description);
        reply.WriteBulk("flags"u8);
        var flags = FunctionFlagNames.All.Where(f => (function.Flags & f.Flag) != 0).ToList();
        reply.WriteSetHeader(flags.Count);
        foreach (var (name, _) in flags) reply.WriteSimpleString(name);
    }

    private static void Dump(ClientSession session, RequestArgs args, RespWriter reply) =>
        reply.WriteBulk(FunctionPayload.Write(session.Node.Scripting.Functions.Current));

    /// <summary>
    /// FUNCTION STATS: the function running past busy-reply-threshold (only then can another client ask, as in Redis)
    /// and the libraries' counts. While a script (EVAL) is busy it is refused as other commands are.
    /// </summary>
    private static void Stats(ClientSession session, RequestArgs args, RespWriter reply)
    {
        var scripting = session.Node.Scripting;
        var busy = scripting.Busy;
        if (busy is { IsFunction: false })
        {
            session.ReplyError(reply, ScriptEngine.BusyError(busy));
            return;
        }
        reply.WriteMapHeader(2);
        reply.WriteBulk("running_script"u8);
        if (busy is { Command: { } command })
        {
            reply.WriteMapHeader(3);
            reply.WriteBulk("name"u8);
            reply.WriteBulk(busy.Name);
            reply.WriteBulk("command"u8);
            reply.WriteArrayHeader(command.Count);
            foreach (var argument in command) reply.WriteBulk(argument);
            reply.WriteBulk("duration_ms"u8);
            reply.WriteInteger((long)busy.Elapsed.TotalMilliseconds);
        }
        else
        {
            reply.WriteNull();
        }
        var libraries = scripting.Functions.Current;
        reply.WriteBulk("engines"u8);
        reply.WriteMapHeader(1);
        reply.WriteBulk(FunctionLibrary.Engine);
        reply.WriteMapHeader(2);
        reply.WriteBulk("libraries_count"u8);
        reply.WriteInteger(libraries.Libraries.Count);
        reply.WriteBulk("functions_count"u8);
        reply.WriteInteger(libraries.FunctionCount);
    }
}
