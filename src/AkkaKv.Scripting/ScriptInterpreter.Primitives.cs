using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using AkkaKv.Scripting.Libraries;
using static AkkaKv.Scripting.Native.LuaNative;

namespace AkkaKv.Scripting;

// The C# primitives the sandbox builds the redis library, math.random and tostring on. Each entry point catches
// everything: an exception must never unwind into Lua.
public sealed partial class ScriptInterpreter
{
    private unsafe void PushPrimitives(string redisVersion, bool forFunctions)
    {
        CreateTable(_l, 0, 32);
        if (forFunctions)
        {
            PushBoolean(_l, 1);
            RawSetField(_l, -2, "functions"u8);
            SetPrimitive("register_function"u8, &RegisterFunctionEntry);
            PushFunctionFlags();
        }
        SetPrimitive("call"u8, &CallEntry);
        SetPrimitive("acl_check_cmd"u8, &AclCheckEntry);
        SetPrimitive("sha1hex"u8, &Sha1HexEntry);
        SetPrimitive("log"u8, &LogEntry);
        SetPrimitive("setresp"u8, &SetRespEntry);
        SetPrimitive("error_table"u8, &ErrorTableEntry);
        SetPrimitive("num2str"u8, &NumberToStringEntry);
        SetPrimitive("random"u8, &RandomEntry);
        SetPrimitive("randomseed"u8, &RandomSeedEntry);
        PushString(_l, Encoding.ASCII.GetBytes(redisVersion));
        RawSetField(_l, -2, "version"u8);
        PushInteger(_l, VersionNumber(redisVersion));
        RawSetField(_l, -2, "version_num"u8);
        // cjson.null: a NULL light userdata, as lua-cjson's.
        PushLightUserData(_l, null);
        RawSetField(_l, -2, "null"u8);
        CjsonLibrary.Register(_l);
        CmsgpackLibrary.Register(_l);
        BitLibrary.Register(_l);
        StructLibrary.Register(_l);
    }

    private unsafe void SetPrimitive(ReadOnlySpan<byte> name, delegate* unmanaged[Cdecl]<nint, int> function)
    {
        PushCClosure(_l, function, 0);
        RawSetField(_l, -2, name);
    }

    /// <summary>REDIS_VERSION_NUM: 0x00MMmmpp.</summary>
    private static long VersionNumber(string version)
    {
        var parts = version.Split('.').Select(p => int.Parse(p, CultureInfo.InvariantCulture)).Concat([0, 0, 0]).ToArray();
        return (parts[0] << 16) | (parts[1] << 8) | parts[2];
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int CallEntry(nint l)
    {
        try
        {
            return Current.Call(l, aclCheck: false);
        }
        catch (Exception e)
        {
            return PushCallError(l, "ERR internal error: " + e.Message, countedByCommand: false);
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int AclCheckEntry(nint l)
    {
        try
        {
            return Current.Call(l, aclCheck: true);
        }
        catch (Exception e)
        {
            return PushCallError(l, "ERR internal error: " + e.Message, countedByCommand: false);
        }
    }

    /// <summary>
    /// redis.call / redis.pcall (and acl_check_cmd): the reply converted to Lua and whether it is an error table the
    /// caller must raise. Refusals are error tables marked as already counted, as Redis marks them.
    /// </summary>
    private int Call(nint l, bool aclCheck)
    {
        var argumentError = ReadCallArguments(l);
        if (argumentError is not null) return PushCallError(l, argumentError, countedByCommand: false);
        var host = _host ?? throw new InvalidOperationException("redis.call outside a script run");
        if (aclCheck)
        {
            if (!host.IsCommand(_callArgs)) return PushCallError(l, "Invalid command passed to redis.acl_check_cmd()", countedByCommand: false);
            SetTop(l, 0);
            PushBoolean(l, 1);
            PushBoolean(l, 0);
            return 2;
        }
        _callReply.Reset();
        _callReply.Protocol = _resp;
        var refusal = host.Call(_running!, _callArgs, _callReply);
        if (refusal is not null) return PushCallError(l, refusal, countedByCommand: true);
        var reply = _callReply.WrittenSpan;
        SetTop(l, 0);
        var position = 0;
        PushReply(l, reply, ref position);
        var isError = reply.Length > 0 && reply[0] == '-';
        if (isError)
        {
            PushBoolean(l, 1);
            RawSetField(l, -2, "ignore_error_stats_update"u8);
        }
        PushBoolean(l, isError ? 1 : 0);
        return 2;
    }

    /// <summary>Redis's luaArgsToRedisArgv: strings as they are, numbers formatted; null, or the error text.</summary>
    private string? ReadCallArguments(nint l)
    {
        var count = GetTop(l);
        if (count == 0) return "Please specify at least one argument for this redis lib call";
        _callArgs.Reset();
        Span<byte> number = stackalloc byte[LuaNumbers.MaxLength];
        for (var i = 1; i <= count; i++)
        {
            switch (Type(l, i))
            {
                case TypeString:
                    _callArgs.Add(ToBytes(l, i));
                    break;
                case TypeNumber:
                    unsafe
                    {
                        int ok;
                        var isInteger = IsInteger(l, i) != 0;
                        var length = LuaNumbers.FormatArgument(isInteger, isInteger ? ToIntegerX(l, i, &ok) : 0, isInteger ? 0 : ToNumber(l, i), number);
                        _callArgs.Add(number[..length]);
                    }
                    break;
                default:
                    return "Lua redis lib command arguments must be strings or integers";
            }
        }
        return null;
    }

    private static int PushCallError(nint l, string text, bool countedByCommand)
    {
        SetTop(l, 0);
        PushErrorTable(l, Encoding.UTF8.GetBytes(text));
        if (countedByCommand)
        {
            PushBoolean(l, 1);
            RawSetField(l, -2, "ignore_error_stats_update"u8);
        }
        PushBoolean(l, 1);
        return 2;
    }

    /// <summary>
    /// Redis's luaPushErrorBuff: {err = "CODE message"}, the code taken from a leading "-CODE " or else "ERR", CR and
    /// LF trimmed from the message's ends.
    /// </summary>
    internal static void PushErrorTable(nint l, ReadOnlySpan<byte> buffer)
    {
        ReadOnlySpan<byte> code = "ERR"u8;
        var message = buffer;
        if (buffer.Length > 0 && buffer[0] == '-')
        {
            var space = buffer.IndexOf((byte)' ');
            if (space < 0)
            {
                message = buffer[1..];
            }
            else
            {
                code = buffer[1..space];
                message = buffer[(space + 1)..];
            }
        }
        message = message.Trim("\r\n"u8);
        var text = new byte[code.Length + 1 + message.Length];
        code.CopyTo(text);
        text[code.Length] = (byte)' ';
        message.CopyTo(text.AsSpan(code.Length + 1));
        CheckStack(l, 3);
        CreateTable(l, 0, 1);
        PushString(l, text);
        RawSetField(l, -2, "err"u8);
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int ErrorTableEntry(nint l)
    {
        try
        {
            PushErrorTable(l, ToBytes(l, 1));
            return 1;
        }
        catch (Exception e)
        {
            PushErrorTable(l, Encoding.UTF8.GetBytes("internal error: " + e.Message));
            return 1;
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int Sha1HexEntry(nint l)
    {
        try
        {
            Span<byte> number = stackalloc byte[LuaNumbers.MaxLength];
            var data = Type(l, 1) switch
            {
                TypeString => ToBytes(l, 1),
                TypeNumber => number[..LuaNumbers.Format51(ToNumber(l, 1), number)],
                _ => default,
            };
            PushString(l, Encoding.ASCII.GetBytes(Script.Sha1Hex(data)));
            return 1;
        }
        catch (Exception)
        {
            PushNil(l);
            return 1;
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int LogEntry(nint l)
    {
        try
        {
            Current._host?.Log((int)ToNumber(l, 1), Encoding.UTF8.GetString(ToBytes(l, 2)));
        }
        catch (Exception)
        {
            // A log line that cannot be written is dropped, never a reason to fail the script.
        }
        return 0;
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int SetRespEntry(nint l)
    {
        try
        {
            Current._resp = (int)ToNumber(l, 1);
        }
        catch (Exception)
        {
            // Validated by the sandbox already: nothing can fail here.
        }
        return 0;
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int NumberToStringEntry(nint l)
    {
        Span<byte> number = stackalloc byte[LuaNumbers.MaxLength];
        PushString(l, number[..LuaNumbers.Format51(ToNumber(l, 1), number)]);
        return 1;
    }

    /// <summary>Redis's math.random: rand48 scaled as Lua 5.1 scales rand(), the same draws as Redis for the same seed.</summary>
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int RandomEntry(nint l)
    {
        try
        {
            return Current.Random(l);
        }
        catch (Exception e)
        {
            return LuaArgs.Fail(l, "internal error: " + e.Message);
        }
    }

    private int Random(nint l)
    {
        var r = (double)(_random.Next() % Rand48.Max) / Rand48.Max;
        switch (GetTop(l))
        {
            case 0:
                PushBoolean(l, 1);
                PushNumber(l, r);
                return 2;
            case 1:
            {
                if (!LuaArgs.TryInt(l, 1, out var upper)) return LuaArgs.Fail(l, LuaArgs.TypeError(l, 1, "random", "number"));
                if (upper < 1) return LuaArgs.Fail(l, LuaArgs.ArgError(1, "random", "interval is empty"));
                PushBoolean(l, 1);
                PushInteger(l, (long)Math.Floor(r * upper) + 1);
                return 2;
            }
            case 2:
            {
                if (!LuaArgs.TryInt(l, 1, out var lower)) return LuaArgs.Fail(l, LuaArgs.TypeError(l, 1, "random", "number"));
                if (!LuaArgs.TryInt(l, 2, out var upper)) return LuaArgs.Fail(l, LuaArgs.TypeError(l, 2, "random", "number"));
                if (lower > upper) return LuaArgs.Fail(l, LuaArgs.ArgError(2, "random", "interval is empty"));
                PushBoolean(l, 1);
                PushInteger(l, (long)Math.Floor(r * ((long)upper - lower + 1)) + lower);
                return 2;
            }
            default:
                return LuaArgs.Fail(l, "wrong number of arguments");
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int RandomSeedEntry(nint l)
    {
        try
        {
            if (!LuaArgs.TryInt(l, 1, out var seed)) return LuaArgs.Fail(l, LuaArgs.TypeError(l, 1, "randomseed", "number"));
            Current._random.Seed(seed);
            PushBoolean(l, 1);
            return 1;
        }
        catch (Exception e)
        {
            return LuaArgs.Fail(l, "internal error: " + e.Message);
        }
    }
}
