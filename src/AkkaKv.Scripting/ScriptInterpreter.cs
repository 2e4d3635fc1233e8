using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using AkkaKv.Protocol;
using AkkaKv.Scripting.Libraries;
using KeraLua;
using static AkkaKv.Scripting.Native.LuaNative;

namespace AkkaKv.Scripting;

/// <summary>
/// One Lua 5.4 state set up as Redis's EVAL environment (sandbox.lua): compiles scripts by SHA1 once, runs them with
/// KEYS and ARGV, and turns their results into RESP. An interpreter made <see cref="ForFunctions"/> is Redis's other
/// Lua state, the one of FUNCTION LOAD and FCALL (ScriptInterpreter.Functions.cs). Thread-affine: one of each per shard
/// thread, only ever used from it, so the state needs no lock; <see cref="Running"/> is the one member other threads
/// read (SCRIPT KILL, FUNCTION KILL, FUNCTION STATS).
/// <para>
/// Each script runs in a fresh coroutine so that SCRIPT KILL can stop it without a Lua error crossing managed frames:
/// a count hook yields the coroutine, and the abandoned coroutine is garbage.
/// </para>
/// </summary>
public sealed partial class ScriptInterpreter : IDisposable
{
    private const int HookInstructions = 100_000;

    [ThreadStatic] private static ScriptInterpreter? _active;

    private readonly Lua _lua;
    private readonly nint _l;
    private readonly int _runReference;
    private readonly int _globalsReference;
    private readonly int _loadLibraryReference;
    private readonly int _finishLoadReference;
    /// <summary>The chunk name of user code, as errors and the kill message show it ("@user_script", "@user_function").</summary>
    private readonly string _chunkName;
    private readonly Dictionary<string, int> _compiled = new(StringComparer.Ordinal);
    private readonly RequestArgs _callArgs = new();
    private readonly RespWriter _callReply = new(256);
    private Rand48 _random = new();
    private IScriptHost? _host;
    private RunningScript? _running;
    private RequestArgs? _runArgs;
    private nint _thread;
    private int _threadReference;
    private int _resp = 2;
    private bool _killedByHook;
    private int _killedAtLine;

    /// <param name="redisVersion">redis.REDIS_VERSION ("7.2.4"); redis.REDIS_VERSION_NUM is derived from it.</param>
    private ScriptInterpreter(string redisVersion, bool forFunctions)
    {
        _chunkName = forFunctions ? "@user_function" : "@user_script";
        _lua = new Lua(openLibs: false);
        _l = _lua.Handle;
        _lua.OpenBasicLibrary();
        _lua.OpenTableLibrary();
        _lua.OpenStringLibrary();
        _lua.OpenMathLibrary();
        _lua.OpenCoroutineLibrary();
        // Only for the sandbox's error handler, which keeps debug.getinfo; scripts never see debug.
        _lua.OpenDebugLibrary();
        _active = this;

        var sandbox = LoadSandboxSource();
        if (LoadText(_l, sandbox, "=sandbox\0"u8) != StatusOk) throw new InvalidOperationException("sandbox.lua: " + TopText(_l));
        PushPrimitives(redisVersion, forFunctions);
        if (PCall(_l, 1, 5) != StatusOk) throw new InvalidOperationException("sandbox.lua: " + TopText(_l));
        // Stack: read-only globals (for functions, the libraries' environment), run, real globals, and for functions
        // load_library and finish_load (nil for scripts: their references are then LUA_REFNIL).
        _finishLoadReference = Ref(_l, RegistryIndex);
        _loadLibraryReference = Ref(_l, RegistryIndex);
        _globalsReference = Ref(_l, RegistryIndex);
        _runReference = Ref(_l, RegistryIndex);
        RawSetI(_l, RegistryIndex, RegistryGlobals);
    }

    /// <summary>An interpreter for EVAL: scripts compiled by SHA1, KEYS and ARGV as globals.</summary>
    public static ScriptInterpreter ForScripts(string redisVersion) => new(redisVersion, forFunctions: false);

    /// <summary>An interpreter for function libraries: their code loaded by FUNCTION LOAD, their functions run by FCALL.</summary>
    public static ScriptInterpreter ForFunctions(string redisVersion) => new(redisVersion, forFunctions: true);

    /// <summary>The interpreter whose primitives run on this thread now (set before any call into Lua).</summary>
    internal static ScriptInterpreter Current => _active ?? throw new InvalidOperationException("no script interpreter on this thread");

    internal CjsonLibrary Cjson { get; } = new();

    internal CmsgpackLibrary Cmsgpack { get; } = new();

    /// <summary>Scratch output for struct.pack.</summary>
    internal ByteBuilder Buffer { get; } = new();

    /// <summary>The script running now, if any; read by SCRIPT KILL from other threads.</summary>
    public RunningScript? Running => Volatile.Read(ref _running);

    /// <summary>
    /// Compiles <paramref name="script"/> unless this interpreter already has it. Null on success, else Redis's error
    /// line ("-ERR Error compiling script (new function): ...").
    /// </summary>
    public string? Compile(Script script) => TryCompile(script, out _);

    private string? TryCompile(Script script, out int reference)
    {
        _active = this;
        if (_compiled.TryGetValue(script.Sha, out reference)) return null;
        if (LoadText(_l, script.Code, "@user_script\0"u8) != StatusOk)
        {
            var message = TopText(_l);
            Pop(_l, 1);
            return "-ERR Error compiling script (new function): " + message;
        }
        TailCalls.Rewrite(_l, Buffer);
        reference = Ref(_l, RegistryIndex);
        _compiled[script.Sha] = reference;
        return null;
    }

    /// <summary>
    /// Runs <paramref name="script"/> with KEYS = args[firstKey..firstKey+keyCount) and ARGV = the rest, writing its
    /// result to <paramref name="reply"/> in the reply's protocol, or returning the error line to send instead.
    /// </summary>
    public ScriptOutcome Run(Script script, RequestArgs args, int firstKey, int keyCount, IScriptHost host, RespWriter reply)
    {
        _active = this;
        var compileError = TryCompile(script, out var function);
        if (compileError is not null) return ScriptOutcome.Failure(compileError);
        return Execute(new RunningScript(script.Sha, isFunction: false), function, args, firstKey, keyCount, host, reply);
    }

    /// <summary>
    /// Runs <paramref name="run"/>'s code, the function at registry <paramref name="function"/>: a script reads its keys
    /// and arguments from KEYS and ARGV, a library function gets them as its two arguments.
    /// </summary>
    private unsafe ScriptOutcome Execute(RunningScript run, int function, RequestArgs args, int firstKey, int keyCount, IScriptHost host, RespWriter reply)
    {
        var top = GetTop(_l);
        try
        {
            var thread = ScriptThread();
            CheckStack(thread, 8);
            RawGetI(thread, RegistryIndex, _runReference);
            RawGetI(thread, RegistryIndex, function);
            var arguments = 1;
            if (run.IsFunction)
            {
                PushArray(thread, args, firstKey, keyCount);
                PushArray(thread, args, firstKey + keyCount, args.Count - firstKey - keyCount);
                arguments = 3;
            }
            else
            {
                SetScriptArguments(args, firstKey, keyCount);
            }
            _host = host;
            _thread = thread;
            _runArgs = args;
            _resp = 2;
            _killedByHook = false;
            if (host.BusyThresholdMs > 0) SetHook(thread, &Hook, HookMaskCount, HookInstructions);
            else SetHook(thread, null, 0, 0);
            Volatile.Write(ref _running, run);
            int results;
            var status = Resume(thread, _l, arguments, &results);
            Volatile.Write(ref _running, null);
            if (status == StatusOk && ToBoolean(thread, -2) != 0)
            {
                WriteReply(thread, reply, 0);
                SetTop(thread, 0);
                return ScriptOutcome.Success;
            }
            // A killed or failed coroutine is dead or suspended: the next script gets a new one.
            if (status != StatusOk) DropThread();
            if (_killedByHook) return ScriptOutcome.Failure($"-ERR Script killed by user with SCRIPT KILL... script: {run.Name}, on {_chunkName}:{_killedAtLine}.");
            return status switch
            {
                StatusOk => ErrorFromValue(thread, run.Name, clear: true),
                StatusYield => ScriptOutcome.Failure("-ERR attempt to yield from outside a coroutine"),
                _ => ScriptOutcome.Failure($"-ERR Error running script {run.Name}, {Truncate(TopText(thread), 100)}"),
            };
        }
        finally
        {
            Volatile.Write(ref _running, null);
            _host = null;
            _thread = 0;
            _runArgs = null;
            SetTop(_l, top);
        }
    }

    /// <summary>
    /// The coroutine scripts run in: one that finished its last script normally is started again (lua_resume on a
    /// returned coroutine runs the function pushed on it), saving a thread per EVAL. Anchored in the registry.
    /// </summary>
    private nint ScriptThread()
    {
        if (_threadReference != 0)
        {
            RawGetI(_l, RegistryIndex, _threadReference);
            var reused = ToThread(_l, -1);
            Pop(_l, 1);
            return reused;
        }
        var thread = NewThread(_l);
        _threadReference = Ref(_l, RegistryIndex);
        return thread;
    }

    private void DropThread()
    {
        Unref(_l, RegistryIndex, _threadReference);
        _threadReference = 0;
    }

    /// <summary>A new table holding args[first..first+count) on top of <paramref name="l"/>.</summary>
    private static void PushArray(nint l, RequestArgs args, int first, int count)
    {
        CreateTable(l, count, 0);
        for (var i = 0; i < count; i++)
        {
            PushString(l, args[first + i]);
            RawSetI(l, -2, i + 1);
        }
    }

    /// <summary>KEYS and ARGV, set in the real globals table (scripts cannot assign them, only read).</summary>
    private void SetScriptArguments(RequestArgs args, int firstKey, int keyCount)
    {
        CheckStack(_l, 4);
        RawGetI(_l, RegistryIndex, _globalsReference);
        PushArray(_l, args, firstKey, keyCount);
        RawSetField(_l, -2, "KEYS"u8);
        PushArray(_l, args, firstKey + keyCount, args.Count - firstKey - keyCount);
        RawSetField(_l, -2, "ARGV"u8);
        Pop(_l, 1);
    }

    /// <summary>
    /// The error a script raised, as Redis 7 words it: the error table's text, then (when the handler found the line)
    /// " script: SHA, on @user_script:LINE.". A plain value outside any table is reported as Redis's "Error running script".
    /// </summary>
    private static ScriptOutcome ErrorFromValue(nint l, string sha, bool clear)
    {
        var outcome = ErrorFromValue(l, sha);
        if (clear) SetTop(l, 0);
        return outcome;
    }

    private static ScriptOutcome ErrorFromValue(nint l, string sha)
    {
        if (Type(l, -1) != TypeTable) return ScriptOutcome.Failure($"-ERR Error running script {sha}, {Truncate(TopText(l), 100)}");
        var message = FieldText(l, "err"u8) ?? "ERR unknown error";
        var source = FieldText(l, "source"u8);
        var line = FieldText(l, "line"u8);
        RawGetField(l, -1, "ignore_error_stats_update"u8);
        var counted = ToBoolean(l, -1) != 0;
        Pop(l, 1);
        var text = source is not null && line is not null ? $"-{message} script: {sha}, on {source}:{line}." : "-" + message;
        return ScriptOutcome.Failure(text, counted);
    }

    /// <summary>A string or number field of the table on top, as text (numbers 5.1-style); null otherwise.</summary>
    private static string? FieldText(nint l, ReadOnlySpan<byte> field)
    {
        var type = RawGetField(l, -1, field);
        string? text = null;
        if (type == TypeString) text = Encoding.UTF8.GetString(ToBytes(l, -1));
        else if (type == TypeNumber) text = NumberText(l, -1);
        Pop(l, 1);
        return text;
    }

    private static string NumberText(nint l, int index)
    {
        Span<byte> buffer = stackalloc byte[LuaNumbers.MaxLength];
        return Encoding.ASCII.GetString(buffer[..LuaNumbers.Format51(ToNumber(l, index), buffer)]);
    }

    private static string TopText(nint l) => Type(l, -1) switch
    {
        TypeString => Encoding.UTF8.GetString(ToBytes(l, -1)),
        TypeNumber => NumberText(l, -1),
        _ => "execution failure",
    };

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];

    /// <summary>
    /// The count hook (every 100000 instructions): reports a script running past busy-reply-threshold once, and stops
    /// one SCRIPT KILL asked to stop by yielding its coroutine. Where Lua cannot yield (inside a sort comparator or a
    /// gsub callback) it retries on every instruction until it can.
    /// </summary>
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void Hook(nint l, nint debug)
    {
        try
        {
            _active?.OnHook(l);
        }
        catch (Exception e)
        {
            // Nothing may unwind into Lua: the script just carries on.
            _active?._host?.Log(3, "script hook failed: " + e.Message);
        }
    }

    private void OnHook(nint l)
    {
        if (_registering is not null)
        {
            OnLoadHook(l);
            return;
        }
        var run = _running;
        var host = _host;
        if (run is null || host is null) return;
        var elapsedMs = (long)run.Elapsed.TotalMilliseconds;
        if (!run.TimedOut && host.BusyThresholdMs > 0 && elapsedMs >= host.BusyThresholdMs)
        {
            run.MarkTimedOut(_runArgs!);
            host.Log(3, $"Slow script detected: still in execution after {elapsedMs} milliseconds. " +
                $"You can try killing the script using the {(run.IsFunction ? "FUNCTION" : "SCRIPT")} KILL command. Script name is: {run.Name}.");
        }
        if (run.TimedOut) host.WhileBusy();
        if (!run.KillRequested && !host.Stopping) return;
        if (!_killedByHook)
        {
            _killedByHook = true;
            _killedAtLine = ScriptLine(l);
            host.Log(3, "Lua script killed by user with SCRIPT KILL.");
        }
        Abort(l);
    }

    /// <summary>Stops the code running in <paramref name="l"/> from its hook, without a Lua error crossing managed frames.</summary>
    private unsafe void Abort(nint l)
    {
        if (IsYieldable(l) == 0)
        {
            // Inside a C function that called back into Lua (a sort comparator, a gsub callback): no yield is possible.
            // The hook becomes luaL_error itself, raising on every instruction until the script is unwound; that
            // longjmp crosses only Lua's own C frames, none of ours.
            SetHook(l, RaisingHook, HookMaskCount | HookMaskLine, 1);
            return;
        }
        // A coroutine of the script's own yields to its resumer: stop the script itself at its next instruction.
        if (l != _thread) SetHook(_thread, &Hook, HookMaskCount, 1);
        YieldFromHook(l);
    }

    /// <summary>
    /// luaL_error as a hook: called as hook(L, ar), it formats the lua_Debug it is given as its message (its first byte
    /// is the event number, so no '%' and a one-byte text) and raises.
    /// </summary>
    private static readonly unsafe delegate* unmanaged[Cdecl]<nint, nint, void> RaisingHook =
        (delegate* unmanaged[Cdecl]<nint, nint, void>)NativeLibrary.GetExport(
            NativeLibrary.Load("lua54", typeof(ScriptInterpreter).Assembly, null), "luaL_error");

    /// <summary>The line the script (not the sandbox or a C function) is at, for the kill message.</summary>
    private unsafe int ScriptLine(nint l)
    {
        var debug = stackalloc byte[DebugSize];
        var what = stackalloc byte[] { (byte)'S', (byte)'l', 0 };
        for (var level = 0; GetStack(l, level, debug) != 0; level++)
        {
            GetInfo(l, what, debug);
            var source = *(byte**)(debug + DebugSourceOffset);
            if (source != null && IsUserCode(source)) return *(int*)(debug + DebugCurrentLineOffset);
        }
        return 0;
    }

    /// <summary>Whether the C string is the user code's chunk name (compared up to its terminator, never past it).</summary>
    private unsafe bool IsUserCode(byte* source)
    {
        for (var i = 0; i < _chunkName.Length; i++)
        {
            if (source[i] != _chunkName[i]) return false;
        }
        return source[_chunkName.Length] == 0;
    }

    private static byte[] LoadSandboxSource()
    {
        using var stream = typeof(ScriptInterpreter).Assembly.GetManifestResourceStream("AkkaKv.Scripting.sandbox.lua")
            ?? throw new InvalidOperationException("sandbox.lua is not embedded");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    public void Dispose() => _lua.Dispose();
}
