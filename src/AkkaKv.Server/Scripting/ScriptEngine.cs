using AkkaKv.Scripting;
using AkkaKv.Server.Commands;
using AkkaKv.Storage;

namespace AkkaKv.Server.Scripting;

/// <summary>
/// A node's Lua scripting: the script cache shared by every shard, and one interpreter per shard thread (created on
/// first use, thread-affine, replaced after SCRIPT FLUSH as Redis resets its Lua state). Scripts run on the shard that
/// executes their request, never on an I/O thread.
/// </summary>
public sealed class ScriptEngine
{
    private readonly NodeState _node;
    private readonly ThreadLocal<ShardScripting?> _shards = new();
    private readonly Lock _lock = new();
    // Every shard thread's interpreter, copy-on-write: SCRIPT KILL and the busy check read it from other threads.
    private ScriptInterpreter[] _interpreters = [];

    internal ScriptEngine(NodeState node) => _node = node;

    public ScriptCache Cache { get; } = new();

    /// <summary>This shard thread's interpreter and command host; fresh ones after a SCRIPT FLUSH.</summary>
    internal ShardScripting ForCurrentThread()
    {
        var shard = _shards.Value;
        var generation = Cache.Generation;
        if (shard is null || shard.Generation != generation)
        {
            var old = shard?.Interpreter;
            shard = new ShardScripting(new ScriptInterpreter(ConnectionCommands.RedisVersion), new ShardScriptHost(_node), generation);
            _shards.Value = shard;
            lock (_lock) _interpreters = [.. _interpreters.Where(i => !ReferenceEquals(i, old)), shard.Interpreter];
            old?.Dispose();
        }
        return shard;
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
            error = shard.Interpreter.Compile(script);
            if (error is not null) return null;
            script = Cache.Add(script);
        }
        shard.Bodies[script.Body] = script;
        return script;
    }

    /// <summary>
    /// A script has run past busy-reply-threshold: other clients' commands get BUSY instead of waiting behind it, as in
    /// Redis. Read on every command; free while no script ever ran.
    /// </summary>
    public bool IsBusy
    {
        get
        {
            var threshold = _node.Settings.BusyReplyThresholdMs;
            if (threshold <= 0) return false;
            foreach (var interpreter in Volatile.Read(ref _interpreters))
            {
                if (interpreter.Running is { } running && running.Elapsed.TotalMilliseconds >= threshold) return true;
            }
            return false;
        }
    }

    /// <summary>
    /// SCRIPT KILL: stops every script running past busy-reply-threshold (Redis can only get to a SCRIPT KILL once its
    /// script is that slow); none is killed when one of them already wrote. Returns null (OK) or the error reply.
    /// </summary>
    public string? Kill()
    {
        var threshold = _node.Settings.BusyReplyThresholdMs;
        var busy = new List<RunningScript>();
        foreach (var interpreter in Volatile.Read(ref _interpreters))
        {
            if (interpreter.Running is { } running && threshold > 0 && running.Elapsed.TotalMilliseconds >= threshold) busy.Add(running);
        }
        if (busy.Count == 0) return ErrorReplies.NotBusy;
        if (busy.Exists(r => r.Wrote)) return ErrorReplies.Unkillable;
        foreach (var running in busy) running.RequestKill();
        return null;
    }

    /// <summary>
    /// One shard thread's scripting: its interpreter, its command host, and the bodies it has run (EVAL by content;
    /// emptied with the interpreter on SCRIPT FLUSH, since the generation changes).
    /// </summary>
    internal sealed record ShardScripting(ScriptInterpreter Interpreter, ShardScriptHost Host, int Generation)
    {
        public Dictionary<byte[], Script> Bodies { get; } = new(ByteArrayComparer.Instance);
    }
}
