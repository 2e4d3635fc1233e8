using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using AkkaKv.Protocol;
using AkkaKv.Scripting.Functions;
using AkkaKv.Scripting.Libraries;
using static AkkaKv.Scripting.Native.LuaNative;

namespace AkkaKv.Scripting;

// Redis's function engine (function_lua.c) on an interpreter made ForFunctions: a library's code runs once to register
// its functions, whose callbacks stay in the registry until released; FCALL runs one with its keys and args as
// arguments.
public sealed partial class ScriptInterpreter
{
    /// <summary>The functions the library loading now registered; null outside a load.</summary>
    private List<RegisteredFunction>? _registering;
    private long _loadDeadline;
    private bool _loadTimedOut;

    /// <summary>
    /// Runs a library's code so it registers its functions, within <paramref name="timeoutMs"/> (0: no limit): null and
    /// <paramref name="registered"/> filled (each holding its callback until <see cref="Release"/>), or the error as
    /// Redis words it ("Error compiling function: ...", "Error registering functions: ..."), nothing registered.
    /// <paramref name="host"/> receives redis.log's lines; null drops them.
    /// </summary>
    public unsafe string? LoadLibrary(ReadOnlySpan<byte> code, long timeoutMs, IScriptHost? host, List<RegisteredFunction> registered)
    {
        _active = this;
        if (LoadText(_l, code, "@user_function\0"u8) != StatusOk)
        {
            var message = TopText(_l);
            Pop(_l, 1);
            return "Error compiling function: " + message;
        }
        TailCalls.Rewrite(_l, Buffer);
        var chunk = Ref(_l, RegistryIndex);
        var top = GetTop(_l);
        try
        {
            var thread = ScriptThread();
            RawGetI(thread, RegistryIndex, _loadLibraryReference);
            RawGetI(thread, RegistryIndex, chunk);
            _registering = registered;
            _host = host;
            _thread = thread;
            _loadTimedOut = false;
            _loadDeadline = timeoutMs > 0 ? Stopwatch.GetTimestamp() + timeoutMs * Stopwatch.Frequency / 1000 : 0;
            if (timeoutMs > 0) SetHook(thread, &Hook, HookMaskCount, HookInstructions);
            else SetHook(thread, null, 0, 0);
            int results;
            var status = Resume(thread, _l, 1, &results);
            if (status == StatusOk && ToBoolean(thread, -2) != 0)
            {
                SetTop(thread, 0);
                return null;
            }
            string error;
            if (_loadTimedOut) error = "ERR FUNCTION LOAD timeout";
            else if (status == StatusOk) error = Type(thread, -1) == TypeString ? Encoding.UTF8.GetString(ToBytes(thread, -1)) : "";
            else error = "ERR " + TopText(thread);
            if (status == StatusOk)
            {
                SetTop(thread, 0);
            }
            else
            {
                // Abandoned in the middle (the timeout yielded it): the library environment still points at the load API.
                DropThread();
                RawGetI(_l, RegistryIndex, _finishLoadReference);
                PCall(_l, 0, 0);
            }
            Release(registered);
            registered.Clear();
            return "Error registering functions: " + error;
        }
        finally
        {
            _registering = null;
            _host = null;
            _thread = 0;
            Unref(_l, RegistryIndex, chunk);
            SetTop(_l, top);
        }
    }

    /// <summary>Drops the callbacks of functions <see cref="LoadLibrary"/> registered (a library deleted or replaced).</summary>
    public void Release(IEnumerable<RegisteredFunction> functions)
    {
        foreach (var function in functions) Unref(_l, RegistryIndex, function.Reference);
    }

    /// <summary>
    /// FCALL: runs the callback at <paramref name="reference"/> (of function <paramref name="name"/>) with the keys
    /// args[firstKey..firstKey+keyCount) and the remaining arguments, as Redis's luaEngineCall does.
    /// </summary>
    public ScriptOutcome RunFunction(int reference, string name, RequestArgs args, int firstKey, int keyCount, IScriptHost host, RespWriter reply)
    {
        _active = this;
        return Execute(new RunningScript(name, isFunction: true), reference, args, firstKey, keyCount, host, reply);
    }

    /// <summary>Redis's luaEngineLoadHook: a load running past its timeout is stopped.</summary>
    private void OnLoadHook(nint l)
    {
        if (_loadDeadline == 0 || Stopwatch.GetTimestamp() < _loadDeadline) return;
        _loadTimedOut = true;
        Abort(l);
    }

    /// <summary>
    /// The primitive behind redis.register_function, after the sandbox checked the arguments' shapes: (name, callback,
    /// description or nil, flags) -> true, or false and Redis's message.
    /// </summary>
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int RegisterFunctionEntry(nint l)
    {
        try
        {
            return Current.RegisterFunction(l);
        }
        catch (Exception e)
        {
            return LuaArgs.Fail(l, "internal error: " + e.Message);
        }
    }

    private unsafe int RegisterFunction(nint l)
    {
        var registering = _registering ?? throw new InvalidOperationException("redis.register_function outside a load");
        var name = ToBytes(l, 1);
        if (!FunctionLibrary.IsValidName(name)) return LuaArgs.Fail(l, FunctionLibrary.InvalidNameText);
        var text = Encoding.ASCII.GetString(name);
        // Redis compares names within a library case-sensitively but finds functions case-insensitively: a library
        // with both "f" and "F" would leave one unreachable (and break its unlinking), so such a pair is refused.
        if (registering.Exists(f => string.Equals(f.Name, text, StringComparison.OrdinalIgnoreCase)))
        {
            return LuaArgs.Fail(l, "Function already exists in the library");
        }
        var description = Type(l, 3) == TypeString ? ToBytes(l, 3).ToArray() : null;
        int isInteger;
        var flags = (ScriptFlags)ToIntegerX(l, 4, &isInteger);
        PushValue(l, 2);
        registering.Add(new RegisteredFunction(text, description, flags, Ref(l, RegistryIndex)));
        PushBoolean(l, 1);
        return 1;
    }

    /// <summary>redis.register_function's flag names and the <see cref="ScriptFlags"/> they set, for the sandbox.</summary>
    private void PushFunctionFlags()
    {
        CreateTable(_l, 0, FunctionFlagNames.All.Count);
        foreach (var (name, flag) in FunctionFlagNames.All)
        {
            PushInteger(_l, (long)flag);
            RawSetField(_l, -2, Encoding.ASCII.GetBytes(name));
        }
        RawSetField(_l, -2, "function_flags"u8);
    }
}
