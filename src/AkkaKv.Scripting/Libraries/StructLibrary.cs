using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using AkkaKv.Scripting.Native;
using static AkkaKv.Scripting.Native.LuaNative;

namespace AkkaKv.Scripting.Libraries;

/// <summary>
/// Redis's struct library (Roberto Ierusalimschy's struct 0.2): pack, unpack and size of binary records, on x86-64
/// sizes (short 2, int 4, long and size_t 8) and native little-endian order, integers up to 32 bytes.
/// </summary>
internal static class StructLibrary
{
    private const int MaxIntSize = 32;
    private const int MaxAlign = 8;

    private enum Operation
    {
        Pack,
        Unpack,
        Size,
    }

    public static unsafe void Register(nint l)
    {
        PushCClosure(l, &PackEntry, 0);
        RawSetField(l, -2, "struct_pack"u8);
        PushCClosure(l, &UnpackEntry, 0);
        RawSetField(l, -2, "struct_unpack"u8);
        PushCClosure(l, &SizeEntry, 0);
        RawSetField(l, -2, "struct_size"u8);
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int PackEntry(nint l) => Guard(l, Operation.Pack);

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int UnpackEntry(nint l) => Guard(l, Operation.Unpack);

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static int SizeEntry(nint l) => Guard(l, Operation.Size);

    private static int Guard(nint l, Operation operation)
    {
        try
        {
            var name = operation switch { Operation.Pack => "pack", Operation.Unpack => "unpack", _ => "size" };
            if (!LuaArgs.TryString(l, 1, out var format)) return LuaArgs.Fail(l, LuaArgs.TypeError(l, 1, name, "string"));
            var text = format.ToArray();
            var error = operation switch
            {
                Operation.Pack => Pack(l, text, ScriptInterpreter.Current.Buffer),
                Operation.Unpack => Unpack(l, text),
                _ => Size(l, text),
            };
            if (error is not null) return LuaArgs.Fail(l, error);
            // Unpack left the format and data below its results; pack and size pushed true and one value.
            return operation == Operation.Unpack ? GetTop(l) - 2 : 2;
        }
        catch (Exception e)
        {
            return LuaArgs.Fail(l, "internal error: " + e.Message);
        }
    }

    /// <summary>The format's reading state: endianness (little by default, as on x86) and maximum alignment.</summary>
    private ref struct Header
    {
        public bool BigEndian;
        public int Align;
        public int Position;
        public ReadOnlySpan<byte> Format;
    }

    private static string? GetNumber(ref Header h, int defaultValue, out int value)
    {
        value = defaultValue;
        if (h.Position >= h.Format.Length || !char.IsAsciiDigit((char)h.Format[h.Position])) return null;
        var a = 0;
        do
        {
            var digit = h.Format[h.Position] - '0';
            if (a > int.MaxValue / 10 || a * 10 > int.MaxValue - digit) return "integral size overflow";
            a = a * 10 + digit;
            h.Position++;
        }
        while (h.Position < h.Format.Length && char.IsAsciiDigit((char)h.Format[h.Position]));
        value = a;
        return null;
    }

    private static string? OptionSize(ref Header h, byte option, out int size)
    {
        size = 0;
        switch (option)
        {
            case (byte)'B' or (byte)'b': size = 1; return null;
            case (byte)'H' or (byte)'h': size = 2; return null;
            case (byte)'L' or (byte)'l' or (byte)'T' or (byte)'d': size = 8; return null;
            case (byte)'f': size = 4; return null;
            case (byte)'x': size = 1; return null;
            case (byte)'c': return GetNumber(ref h, 1, out size);
            case (byte)'i' or (byte)'I':
            {
                var error = GetNumber(ref h, 4, out size);
                if (error is null && size > MaxIntSize)
                {
                    error = string.Create(CultureInfo.InvariantCulture, $"integral size {size} is larger than limit of {MaxIntSize}");
                }
                return error;
            }
            default: return null;
        }
    }

    private static int ToAlign(long position, in Header h, byte option, int size)
    {
        if (size == 0 || option == 'c') return 0;
        if (size > h.Align) size = h.Align;
        return (int)((size - (position & (size - 1))) & (size - 1));
    }

    /// <summary>The options that are not data: blanks, endianness and alignment; anything else is an error.</summary>
    private static string? ControlOption(ref Header h, byte option, string function)
    {
        switch (option)
        {
            case (byte)' ': return null;
            case (byte)'>': h.BigEndian = true; return null;
            case (byte)'<': h.BigEndian = false; return null;
            case (byte)'=': h.BigEndian = false; return null;
            case (byte)'!':
            {
                var error = GetNumber(ref h, MaxAlign, out var a);
                if (error is not null) return error;
                if (a <= 0 || (a & (a - 1)) != 0) return string.Create(CultureInfo.InvariantCulture, $"alignment {a} is not a power of 2");
                h.Align = a;
                return null;
            }
            default:
                return LuaArgs.ArgError(1, function, $"invalid format option '{(char)option}'");
        }
    }

    private static string? Pack(nint l, byte[] format, ByteBuilder output)
    {
        var h = new Header { Align = 1, Format = format };
        var argument = 2;
        long total = 0;
        output.Clear();
        while (h.Position < format.Length)
        {
            var option = format[h.Position++];
            var error = OptionSize(ref h, option, out var size);
            if (error is not null) return error;
            var align = ToAlign(total, h, option, size);
            total += align;
            while (align-- > 0) output.Append(0);
            switch (option)
            {
                case (byte)'b' or (byte)'B' or (byte)'h' or (byte)'H' or (byte)'l' or (byte)'L' or (byte)'T' or (byte)'i' or (byte)'I':
                {
                    if (!LuaArgs.TryNumber(l, argument, out var n)) return LuaArgs.TypeError(l, argument, "pack", "number");
                    argument++;
                    var value = n < 0 ? (ulong)(long)n : n >= 18446744073709551616.0 || double.IsNaN(n) ? 0x8000000000000000 : (ulong)n;
                    var target = output.Reserve(size);
                    for (var i = 0; i < size; i++)
                    {
                        var b = i < 8 ? (byte)(value >> (8 * i)) : (byte)0;
                        target[h.BigEndian ? size - 1 - i : i] = b;
                    }
                    output.Advance(size);
                    break;
                }
                case (byte)'x':
                    output.Append(0);
                    break;
                case (byte)'f' or (byte)'d':
                {
                    if (!LuaArgs.TryNumber(l, argument, out var n)) return LuaArgs.TypeError(l, argument, "pack", "number");
                    argument++;
                    Span<byte> bytes = stackalloc byte[8];
                    if (option == 'f') BitConverter.TryWriteBytes(bytes, (float)n);
                    else BitConverter.TryWriteBytes(bytes, n);
                    bytes = bytes[..size];
                    if (h.BigEndian) bytes.Reverse();
                    output.Append(bytes);
                    break;
                }
                case (byte)'c' or (byte)'s':
                {
                    if (!LuaArgs.TryString(l, argument, out var s)) return LuaArgs.TypeError(l, argument, "pack", "string");
                    argument++;
                    if (size == 0) size = s.Length;
                    // struct reports the argument after the string here.
                    if (s.Length < size) return LuaArgs.ArgError(argument, "pack", "string too short");
                    output.Append(s[..size]);
                    if (option == 's')
                    {
                        output.Append(0);
                        size++;
                    }
                    break;
                }
                default:
                    error = ControlOption(ref h, option, "pack");
                    if (error is not null) return error;
                    break;
            }
            total += size;
        }
        PushBoolean(l, 1);
        PushString(l, output.Span);
        return null;
    }

    private static string? Unpack(nint l, byte[] format)
    {
        if (!LuaArgs.TryString(l, 2, out var span)) return LuaArgs.TypeError(l, 2, "unpack", "string");
        var data = span.ToArray();
        long position = 1;
        if (Type(l, 3) is not (TypeNil or TypeNone))
        {
            if (!LuaArgs.TryNumber(l, 3, out var init)) return LuaArgs.TypeError(l, 3, "unpack", "number");
            position = (long)init;
        }
        if (position <= 0) return LuaArgs.ArgError(3, "unpack", "offset must be 1 or greater");
        position--;
        var h = new Header { Align = 1, Format = format };
        SetTop(l, 2);
        PushBoolean(l, 1);
        while (h.Position < format.Length)
        {
            var option = format[h.Position++];
            var error = OptionSize(ref h, option, out var size);
            if (error is not null) return error;
            position += ToAlign(position, h, option, size);
            if (position + size > data.Length) return LuaArgs.ArgError(2, "unpack", "data string too short");
            if (CheckStack(l, 2) == 0) return "too many results";
            var at = (int)position;
            switch (option)
            {
                case (byte)'b' or (byte)'B' or (byte)'h' or (byte)'H' or (byte)'l' or (byte)'L' or (byte)'T' or (byte)'i' or (byte)'I':
                    PushStructInteger(l, data.AsSpan(at, size), h.BigEndian, signed: char.IsAsciiLetterLower((char)option));
                    break;
                case (byte)'x':
                    break;
                case (byte)'f' or (byte)'d':
                {
                    Span<byte> bytes = stackalloc byte[8];
                    data.AsSpan(at, size).CopyTo(bytes);
                    if (h.BigEndian) bytes[..size].Reverse();
                    PushNumber(l, option == 'f' ? BitConverter.ToSingle(bytes) : BitConverter.ToDouble(bytes));
                    break;
                }
                case (byte)'c':
                    if (size == 0)
                    {
                        if (GetTop(l) < 4 || !LuaArgs.TryNumber(l, -1, out var previous)) return "format 'c0' needs a previous size";
                        size = (int)previous;
                        Pop(l, 1);
                        if (size < 0 || position + size > data.Length) return LuaArgs.ArgError(2, "unpack", "data string too short");
                    }
                    PushString(l, data.AsSpan(at, size));
                    break;
                case (byte)'s':
                {
                    var end = Array.IndexOf(data, (byte)0, at);
                    if (end < 0) return "unfinished string in data";
                    size = end - at + 1;
                    PushString(l, data.AsSpan(at, size - 1));
                    break;
                }
                default:
                    error = ControlOption(ref h, option, "unpack");
                    if (error is not null) return error;
                    break;
            }
            position += size;
        }
        LuaNative.PushInteger(l, position + 1);
        return null;
    }

    /// <summary>An unsigned or sign-extended integer of <paramref name="bytes"/>, as struct reads it into 64 bits.</summary>
    private static void PushStructInteger(nint l, ReadOnlySpan<byte> bytes, bool bigEndian, bool signed)
    {
        ulong value = 0;
        var size = bytes.Length;
        for (var i = 0; i < size; i++) value = (value << 8) | bytes[bigEndian ? i : size - 1 - i];
        if (signed)
        {
            var mask = ulong.MaxValue << ((size * 8) - 1);
            if ((value & mask) != 0) value |= mask;
            LuaNative.PushInteger(l, (long)value);
        }
        else if (value <= long.MaxValue)
        {
            LuaNative.PushInteger(l, (long)value);
        }
        else
        {
            PushNumber(l, value);
        }
    }

    private static string? Size(nint l, byte[] format)
    {
        var h = new Header { Align = 1, Format = format };
        long position = 0;
        while (h.Position < format.Length)
        {
            var option = format[h.Position++];
            var error = OptionSize(ref h, option, out var size);
            if (error is not null) return error;
            position += ToAlign(position, h, option, size);
            if (option == 's') return LuaArgs.ArgError(1, "size", "option 's' has no fixed size");
            if (option == 'c' && size == 0) return LuaArgs.ArgError(1, "size", "option 'c0' has no fixed size");
            if (!char.IsAsciiLetterOrDigit((char)option))
            {
                error = ControlOption(ref h, option, "size");
                if (error is not null) return error;
            }
            position += size;
        }
        PushBoolean(l, 1);
        LuaNative.PushInteger(l, position);
        return null;
    }
}
