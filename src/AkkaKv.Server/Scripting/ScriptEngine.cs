using AkkaKv.Scripting;
using AkkaKv.Scripting.Functions;
using AkkaKv.Server.Commands;
using AkkaKv.Storage;

namespace AkkaKv.Server.Scripting;

/// <summary>
/// A node's Lua: the script cache and the function libraries shared by every shard, and per shard thread two
/// interpreters as Redis has two Lua states, one for EVAL and one for functions (each created on first use,
/// thread-affine; the first replaced after SCRIPT FLUSH, the second after FUNCTION FLUSH, as Redis resets them).
/// Scripts and functions run on the shard that executes their request, never on an I/O thread.
/// </summary>
public sealed class ScriptEngine
{
    private readonly NodeState _node;
    private readonly ThreadLocal<ShardScripting?> _shards = new();
    private readonly Lock _lock = new();
    // Every shard thread's interpreters, copy-on-write: the kill commands and the busy check read it from other threads.
    private ScriptInterpreter[] _interpreters = [];

    internal ScriptEngine(NodeState node) => _node = node;

    public ScriptCache Cache { get; } = new();

    public FunctionStore Functions { get; } = new();

    /// <summary>This shard thread's EVAL interpreter and command host; a fresh interpreter after a SCRIPT FLUSH.</summary>
    internal ShardScripting ForCurrentThread()
    {
        var shard = CurrentShard();
        var generation = Cache.Generation;
        if (shard.Interpreter is null || shard.Generation != generation)
        {
            var fresh = ScriptInterpreter.ForScripts(ConnectionCommands.RedisVersion);
            Replace(shard.Interpreter, fresh);
            shard.StartScripts(fresh, generation);
        }
        return shard;
    }

    /// <summary>This shard thread's function interpreter and command host; a fresh interpreter after a FUNCTION FLUSH.</summary>
    internal ShardScripting ForFunctionsOnCurrentThread()
    {
        var shard = CurrentShard();
        var flushes = Functions.Flushes;
        if (shard.Functions is null || shard.Functions.Flushes != flushes)
        {
            var fresh = new FunctionRuntime(ConnectionCommands.RedisVersion, flushes);
            Replace(shard.Functions?.Interpreter, fresh.Interpreter);
            shard.StartFunctions(fresh);
        }
        return shard;
    }

    private ShardScripting CurrentShard() => _shards.Value ??= new ShardScripting(new ShardScriptHost(_node));

    private void Replace(ScriptInterpreter? old, ScriptInterpreter fresh)
    {
        lock (_lock) _interpreters = [.. _interpreters.Where(i => !ReferenceEquals(i, old)), fresh];
        old?.Dispose();
    }

    /// <summary>
    /// The cached script with <paramref name="body"/>, compiling and caching it first when new (EVAL, SCRIPT LOAD);
    /// null with Redis's error text when its shebang or its Lua is malformed.
    /// </summary>
    internal Script? Load(ReadOnlySpan<byte> body, ShardScripting shard, out string? error)
    {
        error = null;
        // Most EVALs repeat a body this shard has run: found by content, without hashing it again.
        var seen = shard.Bodies.GetAlternateLookup<ReadOnlySpan<byte>>();
        if (seen.TryGetValue(body, out var known)) return known;
        var sha = Script.Sha1Hex(body);
        var script = Cache.Find(sha);
        if (script is null)
        {
            script = Script.Parse(body, sha, out var shebangError);
            if (script is null)
            {
                error = "ERR " + shebangError;
                return null;
            }
            error = shard.Interpreter!.Compile(script);
            if (error is not null) return null;
            script = Cache.Add(script);
        }
        shard.Bodies[script.Body] = script;
        return script;
    }

    /// <summary>
    /// The script or function running past busy-reply-threshold, if any: other clients' commands then get BUSY instead
    /// of waiting behind it. As in Redis, a script turns busy when its interpreter's hook notices it ran that long (and
    /// copies its command for FUNCTION STATS), so the kill commands and FUNCTION STATS see it from the same moment.
    /// Read on every command; free while no script ever ran.
    /// </summary>
    public RunningScript? Busy
    {
        get
        {
            foreach (var interpreter in Volatile.Read(ref _interpreters))
            {
                if (interpreter.Running is { TimedOut: true } running) return running;
            }
            return null;
        }
    }

    /// <summary>Redis's BUSY reply while <paramref name="busy"/> runs: it names the command that can stop it.</summary>
    public static string BusyError(RunningScript busy) => busy.IsFunction ? ErrorReplies.BusyFunction : ErrorReplies.Busy;

    /// <summary>
    /// SCRIPT KILL (<paramref name="function"/> false) or FUNCTION KILL: stops every script running past
    /// busy-reply-threshold (Redis can only get to a kill command once its script is that slow). None is killed when
    /// one of them already wrote, or when one is of the other kind (SCRIPT KILL does not stop a function, nor FUNCTION
    /// KILL a script). Returns null (OK) or the error reply.
    /// </summary>
    public string? Kill(bool function)
    {
        var busy = new List<RunningScript>();
        foreach (var interpreter in Volatile.Read(ref _interpreters))
        {
            if (interpreter.Running is { TimedOut: true } running) busy.Add(running);
        }
        if (busy.Count == 0) return ErrorReplies.NotBusy;
        if (busy.Exists(r => r.Wrote)) return ErrorReplies.Unkillable;
        if (busy.Find(r => r.IsFunction != function) is { } other) return BusyError(other);
        foreach (var running in busy) running.RequestKill();
        return null;
    }

    /// <summary>
    /// One shard thread's Lua: its command host, its EVAL interpreter with the bodies it has run (EVAL by content;
    /// emptied with the interpreter on SCRIPT FLUSH, since the generation changes), and its function runtime.
    /// </summary>
    internal sealed class ShardScripting(ShardScriptHost host)
    {
        public ShardScriptHost Host { get; } = host;

        public ScriptInterpreter? Interpreter { get; private set; }

        public int Generation { get; private set; }

        public Dictionary<byte[], Script> Bodies { get; } = new(ByteArrayComparer.Instance);

        public FunctionRuntime? Functions { get; private set; }

        public void StartScripts(ScriptInterpreter interpreter, int generation)
        {
            Interpreter = interpreter;
            Generation = generation;
            Bodies.Clear();
        }

        public void StartFunctions(FunctionRuntime functions) => Functions = functions;
    }
}
