using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using AkkaKv.Scripting.Native;
using static AkkaKv.Scripting.Native.LuaNative;

namespace AkkaKv.Scripting.Libraries;

/// <summary>
/// Redis's cjson (lua-cjson 2.1.0): encode and decode with its defaults, errors and options. Options persist in the
/// interpreter, as they do in Redis's one Lua state. Object keys come out in Lua's table order, which is not 5.1's.
/// </summary>
internal sealed partial class CjsonLibrary
{
    private readonly ByteBuilder _out = new();

    private bool _sparseConvert;
    private int _sparseRatio = 2;
    private int _sparseSafe = 10;
    private int _encodeMaxDepth = 1000;
    private int _decodeMaxDepth = 1000;
    private int _precision = 14;
    private bool _keepBuffer = true;
    private int _encodeInvalidNumbers;
    private bool _decodeInvalidNumbers = true;

    public static unsafe void Register(nint l)
    {
        PushCClosure(l, &EncodeEntry, 0);
        RawSetField(l, -2, "cjson_encode"u8);
        PushCClosure(l, &DecodeEntry, 0);
        RawSetField(l, -2, "cjson_decode"u8);
        PushCClosure(l, &OptionEntry, 0);
        RawSetField(l, -2, "cjson_option"u8);
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int EncodeEntry(nint l)
    {
        try
        {
            return ScriptInterpreter.Current.Cjson.Encode(l);
        }
        catch (Exception e)
        {
            return LuaArgs.Fail(l, "internal error: " + e.Message);
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int DecodeEntry(nint l)
    {
        try
        {
            return ScriptInterpreter.Current.Cjson.Decode(l);
        }
        catch (Exception e)
        {
            return LuaArgs.Fail(l, "internal error: " + e.Message);
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int OptionEntry(nint l)
    {
        try
        {
            return ScriptInterpreter.Current.Cjson.Option(l);
        }
        catch (Exception e)
        {
            return LuaArgs.Fail(l, "internal error: " + e.Message);
        }
    }

    private int Encode(nint l)
    {
        if (GetTop(l) != 1) return LuaArgs.Fail(l, LuaArgs.ArgError(1, "encode", "expected 1 argument"));
        _out.Clear();
        var error = EncodeValue(l, 1, 0);
        if (error is not null) return LuaArgs.Fail(l, error);
        PushBoolean(l, 1);
        PushString(l, _out.Span);
        if (!_keepBuffer) _out.Clear();
        return 2;
    }

    private string? EncodeValue(nint l, int index, int depth)
    {
        switch (LuaNative.Type(l, index))
        {
            case TypeString:
                AppendString(ToBytes(l, index));
                return null;
            case TypeNumber:
                return AppendNumber(IsInteger(l, index) != 0 ? ToIntegerValue(l, index) : ToNumber(l, index));
            case TypeBoolean:
                _out.Append(ToBoolean(l, index) != 0 ? "true"u8 : "false"u8);
                return null;
            case TypeNil:
                _out.Append("null"u8);
                return null;
            case TypeTable:
                return EncodeTable(l, index, depth + 1);
            case TypeLightUserData when IsNull(l, index):
                _out.Append("null"u8);
                return null;
            default:
                return $"Cannot serialise {LuaArgs.TypeName(l, index)}: type not supported";
        }
    }

    private static unsafe bool IsNull(nint l, int index) => ToUserData(l, index) == null;

    private static unsafe double ToIntegerValue(nint l, int index)
    {
        int ok;
        // As 5.1 would hold it: a double.
        return ToIntegerX(l, index, &ok);
    }

    private string? AppendNumber(double value)
    {
        if (double.IsNaN(value) || double.IsInfinity(value))
        {
            if (_encodeInvalidNumbers == 0) return "Cannot serialise number: must not be NaN or Inf";
            if (_encodeInvalidNumbers == 2)
            {
                _out.Append("null"u8);
                return null;
            }
            if (double.IsNaN(value))
            {
                _out.Append("nan"u8);
                return null;
            }
        }
        var target = _out.Reserve(LuaNumbers.MaxLength);
        _out.Advance(LuaNumbers.FormatG(value, _precision, target));
        return null;
    }

    private string? EncodeTable(nint l, int index, int depth)
    {
        if (depth > _encodeMaxDepth) return $"Cannot serialise, excessive nesting ({depth})";
        if (CheckStack(l, 3) == 0) return "Cannot serialise, excessive nesting (" + depth + ")";
        index = AbsIndex(l, index);
        var length = ArrayLength(l, index, out var error);
        if (error is not null) return error;
        if (length > 0)
        {
            _out.Append((byte)'[');
            for (long i = 1; i <= length; i++)
            {
                if (i > 1) _out.Append((byte)',');
                RawGetI(l, index, i);
                error = EncodeValue(l, -1, depth);
                Pop(l, 1);
                if (error is not null) return error;
            }
            _out.Append((byte)']');
            return null;
        }
        _out.Append((byte)'{');
        var first = true;
        PushNil(l);
        while (Next(l, index) != 0)
        {
            if (!first) _out.Append((byte)',');
            first = false;
            switch (LuaNative.Type(l, -2))
            {
                case TypeString:
                    AppendString(ToBytes(l, -2));
                    break;
                case TypeNumber:
                    _out.Append((byte)'"');
                    error = AppendNumber(IsInteger(l, -2) != 0 ? ToIntegerValue(l, -2) : ToNumber(l, -2));
                    _out.Append((byte)'"');
                    break;
                default:
                    error = $"Cannot serialise {LuaArgs.TypeName(l, -2)}: table key must be a number or string";
                    break;
            }
            if (error is null)
            {
                _out.Append((byte)':');
                error = EncodeValue(l, -1, depth);
            }
            Pop(l, 1);
            if (error is not null)
            {
                Pop(l, 1);
                return error;
            }
        }
        _out.Append((byte)'}');
        return null;
    }

    /// <summary>
    /// lua_array_length: the largest positive integer key when every key is one, -1 for an object (or a sparse array
    /// converted to one); too sparse an array is an error unless encode_sparse_array allows converting it.
    /// </summary>
    private long ArrayLength(nint l, int index, out string? error)
    {
        error = null;
        double max = 0;
        long items = 0;
        PushNil(l);
        while (Next(l, index) != 0)
        {
            if (LuaNative.Type(l, -2) == TypeNumber)
            {
                var k = ToNumber(l, -2);
                if (Math.Floor(k) == k && k >= 1)
                {
                    if (k > max) max = k;
                    items++;
                    Pop(l, 1);
                    continue;
                }
            }
            Pop(l, 2);
            return -1;
        }
        if (_sparseRatio > 0 && max > items * (double)_sparseRatio && max > _sparseSafe)
        {
            if (!_sparseConvert) error = "Cannot serialise table: excessively sparse array";
            return -1;
        }
        return (long)max;
    }

    private void AppendString(ReadOnlySpan<byte> value)
    {
        _out.Append((byte)'"');
        foreach (var b in value)
        {
            switch (b)
            {
                case (byte)'"': _out.Append("\\\""u8); break;
                case (byte)'\\': _out.Append("\\\\"u8); break;
                case (byte)'/': _out.Append("\\/"u8); break;
                case (byte)'\b': _out.Append("\\b"u8); break;
                case (byte)'\t': _out.Append("\\t"u8); break;
                case (byte)'\n': _out.Append("\\n"u8); break;
                case (byte)'\f': _out.Append("\\f"u8); break;
                case (byte)'\r': _out.Append("\\r"u8); break;
                case < 0x20 or 0x7f:
                    _out.Append("\\u00"u8);
                    _out.Append((byte)"0123456789abcdef"[b >> 4]);
                    _out.Append((byte)"0123456789abcdef"[b & 15]);
                    break;
                default: _out.Append(b); break;
            }
        }
        _out.Append((byte)'"');
    }

    /// <summary>cjson's option functions: each sets its option when given a value and returns the current setting(s).</summary>
    private int Option(nint l)
    {
        var name = System.Text.Encoding.UTF8.GetString(ToBytes(l, 1));
        switch (name)
        {
            case "encode_sparse_array":
            {
                if (!TryBoolOption(l, 2, name, ref _sparseConvert, out var error) ||
                    !TryIntOption(l, 3, name, 0, int.MaxValue, ref _sparseRatio, out error) ||
                    !TryIntOption(l, 4, name, 0, int.MaxValue, ref _sparseSafe, out error))
                {
                    return LuaArgs.Fail(l, error!);
                }
                PushBoolean(l, 1);
                PushBoolean(l, _sparseConvert ? 1 : 0);
                PushInteger(l, _sparseRatio);
                PushInteger(l, _sparseSafe);
                return 4;
            }
            case "encode_max_depth":
                return IntOption(l, name, 1, int.MaxValue, ref _encodeMaxDepth);
            case "decode_max_depth":
                return IntOption(l, name, 1, int.MaxValue, ref _decodeMaxDepth);
            case "encode_number_precision":
                return IntOption(l, name, 1, 14, ref _precision);
            case "encode_keep_buffer":
                return BoolOption(l, name, ref _keepBuffer);
            case "decode_invalid_numbers":
                return BoolOption(l, name, ref _decodeInvalidNumbers);
            default:
                return EncodeInvalidNumbersOption(l, name);
        }
    }

    private static int IntOption(nint l, string name, int min, int max, ref int setting)
    {
        if (!TryIntOption(l, 2, name, min, max, ref setting, out var error)) return LuaArgs.Fail(l, error!);
        PushBoolean(l, 1);
        PushInteger(l, setting);
        return 2;
    }

    private static int BoolOption(nint l, string name, ref bool setting)
    {
        if (!TryBoolOption(l, 2, name, ref setting, out var error)) return LuaArgs.Fail(l, error!);
        PushBoolean(l, 1);
        PushBoolean(l, setting ? 1 : 0);
        return 2;
    }

    private int EncodeInvalidNumbersOption(nint l, string name)
    {
        if (LuaNative.Type(l, 2) is not (TypeNil or TypeNone))
        {
            if (LuaNative.Type(l, 2) == TypeBoolean)
            {
                _encodeInvalidNumbers = ToBoolean(l, 2);
            }
            else
            {
                var choice = LuaArgs.TryString(l, 2, out var text) ? System.Text.Encoding.UTF8.GetString(text) : null;
                var at = Array.IndexOf(["off", "on", "null"], choice);
                if (at < 0) return LuaArgs.Fail(l, OptionError(l, name, choice));
                _encodeInvalidNumbers = at;
            }
        }
        PushBoolean(l, 1);
        if (_encodeInvalidNumbers == 2) PushString(l, "null"u8);
        else PushBoolean(l, _encodeInvalidNumbers);
        return 2;
    }

    private static bool TryIntOption(nint l, int index, string name, int min, int max, ref int setting, out string? error)
    {
        error = null;
        if (LuaNative.Type(l, index) is TypeNil or TypeNone) return true;
        if (!LuaArgs.TryNumber(l, index, out var value))
        {
            error = LuaArgs.TypeError(l, index, index - 1, name, "number");
            return false;
        }
        if (value < min || value > max)
        {
            error = LuaArgs.ArgError(1, name, $"expected integer between {min} and {max}");
            return false;
        }
        setting = (int)value;
        return true;
    }

    private static bool TryBoolOption(nint l, int index, string name, ref bool setting, out string? error)
    {
        error = null;
        var type = LuaNative.Type(l, index);
        if (type is TypeNil or TypeNone) return true;
        if (type == TypeBoolean)
        {
            setting = ToBoolean(l, index) != 0;
            return true;
        }
        var choice = LuaArgs.TryString(l, index, out var text) ? System.Text.Encoding.UTF8.GetString(text) : null;
        if (choice is "on" or "off")
        {
            setting = choice == "on";
            return true;
        }
        error = OptionError(l, name, choice);
        return false;
    }

    private static string OptionError(nint l, string name, string? choice) =>
        choice is null ? LuaArgs.TypeError(l, 2, 1, name, "string") : LuaArgs.ArgError(1, name, $"invalid option '{choice}'");
}
