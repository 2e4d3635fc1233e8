using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using static AkkaKv.Scripting.Native.LuaNative;

namespace AkkaKv.Scripting.Libraries;

/// <summary>
/// Redis's cmsgpack (lua-cmsgpack 0.4.0): pack any Lua values, unpack all of them, one, or a limited number from an
/// offset. Tables nested deeper than 16 pack as nil; integral numbers pack as integers, others as float when exact.
/// </summary>
internal sealed class CmsgpackLibrary
{
    private const int MaxNesting = 16;

    private readonly ByteBuilder _out = new();

    private enum Mode
    {
        All,
        One,
        Limit,
    }

    public static unsafe void Register(nint l)
    {
        PushCClosure(l, &PackEntry, 0);
        RawSetField(l, -2, "msgpack_pack"u8);
        PushCClosure(l, &UnpackEntry, 0);
        RawSetField(l, -2, "msgpack_unpack"u8);
        PushCClosure(l, &UnpackOneEntry, 0);
        RawSetField(l, -2, "msgpack_unpack_one"u8);
        PushCClosure(l, &UnpackLimitEntry, 0);
        RawSetField(l, -2, "msgpack_unpack_limit"u8);
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int PackEntry(nint l) => Guard(l, Mode.All, pack: true);

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int UnpackEntry(nint l) => Guard(l, Mode.All, pack: false);

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int UnpackOneEntry(nint l) => Guard(l, Mode.One, pack: false);

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int UnpackLimitEntry(nint l) => Guard(l, Mode.Limit, pack: false);

    private static int Guard(nint l, Mode mode, bool pack)
    {
        try
        {
            var library = ScriptInterpreter.Current.Cmsgpack;
            return pack ? library.Pack(l) : Unpack(l, mode);
        }
        catch (Exception e)
        {
            return LuaArgs.Fail(l, "internal error: " + e.Message);
        }
    }

    private int Pack(nint l)
    {
        var count = GetTop(l);
        if (count == 0) return LuaArgs.Fail(l, LuaArgs.ArgError(0, "pack", "MessagePack pack needs input."));
        _out.Clear();
        for (var i = 1; i <= count; i++) Encode(l, i, 0);
        PushBoolean(l, 1);
        PushString(l, _out.Span);
        return 2;
    }

    private void Encode(nint l, int index, int level)
    {
        var type = Type(l, index);
        if (type == TypeTable && level == MaxNesting) type = TypeNil;
        switch (type)
        {
            case TypeBoolean:
                _out.Append(ToBoolean(l, index) != 0 ? (byte)0xc3 : (byte)0xc2);
                break;
            case TypeNumber:
                EncodeNumber(l, index);
                break;
            case TypeString:
                EncodeBytes(ToBytes(l, index));
                break;
            case TypeTable:
                EncodeTable(l, AbsIndex(l, index), level);
                break;
            default:
                _out.Append(0xc0);
                break;
        }
    }

    private unsafe void EncodeNumber(nint l, int index)
    {
        int ok;
        if (IsInteger(l, index) != 0)
        {
            EncodeInteger(ToIntegerX(l, index, &ok));
            return;
        }
        var n = ToNumber(l, index);
        if (!double.IsInfinity(n) && !double.IsNaN(n) && n >= -9.2233720368547758e18 && n < 9.2233720368547758e18 && (long)n == n)
        {
            EncodeInteger((long)n);
            return;
        }
        var f = (float)n;
        if (f == n)
        {
            _out.Append(0xca);
            BinaryPrimitives.WriteSingleBigEndian(_out.Reserve(4), f);
            _out.Advance(4);
        }
        else
        {
            _out.Append(0xcb);
            BinaryPrimitives.WriteDoubleBigEndian(_out.Reserve(8), n);
            _out.Advance(8);
        }
    }

    private void EncodeInteger(long n)
    {
        if (n >= 0)
        {
            if (n <= 127) _out.Append((byte)n);
            else if (n <= 0xff) Header(0xcc, (ulong)n, 1);
            else if (n <= 0xffff) Header(0xcd, (ulong)n, 2);
            else if (n <= 0xffffffffL) Header(0xce, (ulong)n, 4);
            else Header(0xcf, (ulong)n, 8);
            return;
        }
        if (n >= -32) _out.Append((byte)(sbyte)n);
        else if (n >= -128) Header(0xd0, (ulong)n, 1);
        else if (n >= -32768) Header(0xd1, (ulong)n, 2);
        else if (n >= int.MinValue) Header(0xd2, (ulong)n, 4);
        else Header(0xd3, (ulong)n, 8);
    }

    /// <summary>A type byte then the low <paramref name="size"/> bytes of <paramref name="value"/>, big-endian.</summary>
    private void Header(byte type, ulong value, int size)
    {
        _out.Append(type);
        var target = _out.Reserve(size);
        for (var i = 0; i < size; i++) target[i] = (byte)(value >> (8 * (size - 1 - i)));
        _out.Advance(size);
    }

    private void EncodeBytes(ReadOnlySpan<byte> bytes)
    {
        var length = (ulong)bytes.Length;
        if (length < 32) _out.Append((byte)(0xa0 | (int)length));
        else if (length <= 0xff) Header(0xd9, length, 1);
        else if (length <= 0xffff) Header(0xda, length, 2);
        else Header(0xdb, length, 4);
        _out.Append(bytes);
    }

    private void EncodeTable(nint l, int index, int level)
    {
        CheckStack(l, 4);
        var count = ArrayCount(l, index);
        if (count >= 0)
        {
            if (count <= 15) _out.Append((byte)(0x90 | (int)count));
            else if (count <= 0xffff) Header(0xdc, (ulong)count, 2);
            else Header(0xdd, (ulong)count, 4);
            for (long i = 1; i <= count; i++)
            {
                RawGetI(l, index, i);
                Encode(l, -1, level + 1);
                Pop(l, 1);
            }
            return;
        }
        long pairs = 0;
        PushNil(l);
        while (Next(l, index) != 0)
        {
            pairs++;
            Pop(l, 1);
        }
        if (pairs <= 15) _out.Append((byte)(0x80 | (int)pairs));
        else if (pairs <= 0xffff) Header(0xde, (ulong)pairs, 2);
        else Header(0xdf, (ulong)pairs, 4);
        PushNil(l);
        while (Next(l, index) != 0)
        {
            PushValue(l, -2);
            Encode(l, -1, level + 1);
            Pop(l, 1);
            Encode(l, -1, level + 1);
            Pop(l, 1);
        }
    }

    /// <summary>The element count when the keys are exactly 1..n (an empty table too); -1 for a map.</summary>
    private static long ArrayCount(nint l, int index)
    {
        long count = 0;
        double max = 0;
        PushNil(l);
        while (Next(l, index) != 0)
        {
            Pop(l, 1);
            if (Type(l, -1) != TypeNumber)
            {
                Pop(l, 1);
                return -1;
            }
            var n = ToNumber(l, -1);
            if (n < 1 || Math.Floor(n) != n)
            {
                Pop(l, 1);
                return -1;
            }
            count++;
            if (n > max) max = n;
        }
        return max == count ? count : -1;
    }

    private static unsafe int Unpack(nint l, Mode mode)
    {
        if (!LuaArgs.TryString(l, 1, out var data)) return LuaArgs.Fail(l, LuaArgs.TypeError(l, 1, mode switch
        {
            Mode.One => "unpack_one",
            Mode.Limit => "unpack_limit",
            _ => "unpack",
        }, "string"));
        long limit = 0;
        long offset = 0;
        int ok;
        if (mode == Mode.One)
        {
            limit = 1;
            if (Type(l, 2) is not (TypeNil or TypeNone)) offset = ToIntegerX(l, 2, &ok);
        }
        else if (mode == Mode.Limit)
        {
            if (!LuaArgs.TryNumber(l, 2, out var number)) return LuaArgs.Fail(l, LuaArgs.TypeError(l, 2, "unpack_limit", "number"));
            limit = (long)number;
            if (Type(l, 3) is not (TypeNil or TypeNone)) offset = ToIntegerX(l, 3, &ok);
        }
        var length = data.Length;
        if (offset < 0 || limit < 0)
        {
            return LuaArgs.Fail(l, string.Create(CultureInfo.InvariantCulture,
                $"Invalid request to unpack with offset of {(int)offset} and limit of {length}."));
        }
        if (offset > length)
        {
            return LuaArgs.Fail(l, string.Create(CultureInfo.InvariantCulture, $"Start offset {(int)offset} greater than input length {length}."));
        }
        var decodeAll = mode == Mode.All;
        if (decodeAll) limit = int.MaxValue;
        var bytes = data.ToArray();
        var position = (int)offset;
        PushBoolean(l, 1);
        var pushed = 0;
        var offsetSlot = 0;
        if (!decodeAll)
        {
            // The next offset comes first, before the values: keep its place.
            PushNil(l);
            offsetSlot = GetTop(l);
            pushed++;
        }
        for (var count = 0; position < length && count < limit; count++)
        {
            var error = Decode(l, bytes, ref position);
            if (error is not null) return LuaArgs.Fail(l, error);
            pushed++;
        }
        if (!decodeAll)
        {
            PushInteger(l, position == length ? -1 : position);
            Copy(l, -1, offsetSlot);
            Pop(l, 1);
        }
        return pushed + 1;
    }

    /// <summary>Decodes one value at <paramref name="position"/> onto the stack; Redis's error text when it cannot.</summary>
    private static string? Decode(nint l, byte[] data, ref int position)
    {
        if (CheckStack(l, 4) == 0) return "Bad data format in input.";
        if (position >= data.Length) return "Missing bytes in input.";
        var type = data[position++];
        switch (type)
        {
            case <= 0x7f:
                PushInteger(l, type);
                return null;
            case >= 0xe0:
                PushInteger(l, (sbyte)type);
                return null;
            case >= 0xa0 and <= 0xbf:
                return PushBytes(l, data, ref position, type & 0x1f);
            case >= 0x90 and <= 0x9f:
                return DecodeArray(l, data, ref position, type & 0x0f);
            case >= 0x80 and <= 0x8f:
                return DecodeMap(l, data, ref position, type & 0x0f);
            case 0xc0:
                PushNil(l);
                return null;
            case 0xc2:
            case 0xc3:
                PushBoolean(l, type == 0xc3 ? 1 : 0);
                return null;
        }
        int size = type switch
        {
            0xcc or 0xd0 or 0xd9 => 1,
            0xcd or 0xd1 or 0xda or 0xdc or 0xde => 2,
            0xce or 0xd2 or 0xca or 0xdb or 0xdd or 0xdf => 4,
            0xcf or 0xd3 or 0xcb => 8,
            _ => 0,
        };
        if (size == 0) return "Bad data format in input.";
        if (data.Length - position < size) return "Missing bytes in input.";
        var raw = data.AsSpan(position, size);
        position += size;
        ulong unsigned = 0;
        foreach (var b in raw) unsigned = (unsigned << 8) | b;
        switch (type)
        {
            case 0xcc or 0xcd or 0xce:
                PushInteger(l, (long)unsigned);
                return null;
            case 0xcf:
                PushInteger(l, (long)unsigned);
                return null;
            case 0xd0:
                PushInteger(l, (sbyte)unsigned);
                return null;
            case 0xd1:
                PushInteger(l, (short)unsigned);
                return null;
            case 0xd2:
                PushInteger(l, (int)unsigned);
                return null;
            case 0xd3:
                PushInteger(l, (long)unsigned);
                return null;
            case 0xca:
                PushNumber(l, BinaryPrimitives.ReadSingleBigEndian(raw));
                return null;
            case 0xcb:
                PushNumber(l, BinaryPrimitives.ReadDoubleBigEndian(raw));
                return null;
            case 0xd9 or 0xda or 0xdb:
                return PushBytes(l, data, ref position, (long)unsigned);
            case 0xdc or 0xdd:
                return DecodeArray(l, data, ref position, (long)unsigned);
            default:
                return DecodeMap(l, data, ref position, (long)unsigned);
        }
    }

    private static string? PushBytes(nint l, byte[] data, ref int position, long length)
    {
        if (data.Length - position < length) return "Missing bytes in input.";
        PushString(l, data.AsSpan(position, (int)length));
        position += (int)length;
        return null;
    }

    private static string? DecodeArray(nint l, byte[] data, ref int position, long count)
    {
        CreateTable(l, 0, 0);
        for (long i = 1; i <= count; i++)
        {
            var error = Decode(l, data, ref position);
            if (error is not null) return error;
            RawSetI(l, -2, i);
        }
        return null;
    }

    private static string? DecodeMap(nint l, byte[] data, ref int position, long count)
    {
        CreateTable(l, 0, 0);
        for (long i = 0; i < count; i++)
        {
            var error = Decode(l, data, ref position) ?? Decode(l, data, ref position);
            if (error is not null) return error;
            // lua_settable would raise on these keys: the same texts, without the raise.
            if (Type(l, -2) == TypeNil) return "table index is nil";
            if (Type(l, -2) == TypeNumber && double.IsNaN(ToNumber(l, -2))) return "table index is NaN";
            RawSet(l, -3);
        }
        return null;
    }
}
