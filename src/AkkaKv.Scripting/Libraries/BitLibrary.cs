using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using static AkkaKv.Scripting.Native.LuaNative;

namespace AkkaKv.Scripting.Libraries;

/// <summary>
/// Redis's bit library (LuaBitOp 1.0.2): 32-bit operations whose arguments are normalized the way LuaBitOp does it on
/// doubles (rounded, then taken modulo 2^32) and whose results are signed 32-bit numbers.
/// </summary>
internal static class BitLibrary
{
    private static readonly string[] Names = ["tobit", "bnot", "band", "bor", "bxor", "lshift", "rshift", "arshift", "rol", "ror", "bswap", "tohex"];

    public static unsafe void Register(nint l)
    {
        CreateTable(l, 0, Names.Length);
        for (var op = 0; op < Names.Length; op++)
        {
            PushInteger(l, op);
            PushCClosure(l, &Entry, 1);
            RawSetField(l, -2, System.Text.Encoding.ASCII.GetBytes(Names[op]));
        }
        RawSetField(l, -2, "bit"u8);
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static unsafe int Entry(nint l)
    {
        try
        {
            int ok;
            return Run(l, (int)ToIntegerX(l, RegistryIndex - 1, &ok));
        }
        catch (Exception e)
        {
            return LuaArgs.Fail(l, "internal error: " + e.Message);
        }
    }

    private static int Run(nint l, int op)
    {
        var name = Names[op];
        if (!TryBits(l, 1, name, out var b, out var error)) return LuaArgs.Fail(l, error!);
        uint n = 0;
        if (op is >= 5 and <= 9)
        {
            if (!TryBits(l, 2, name, out n, out error)) return LuaArgs.Fail(l, error!);
            n &= 31;
        }
        switch (op)
        {
            case 1: b = ~b; break;
            case 2 or 3 or 4:
                for (var i = GetTop(l); i > 1; i--)
                {
                    if (!TryBits(l, i, name, out var other, out error)) return LuaArgs.Fail(l, error!);
                    b = op == 2 ? b & other : op == 3 ? b | other : b ^ other;
                }
                break;
            case 5: b <<= (int)n; break;
            case 6: b >>= (int)n; break;
            case 7: b = (uint)((int)b >> (int)n); break;
            case 8: b = (b << (int)n) | (b >> (int)(32 - n)); break;
            case 9: b = (b >> (int)n) | (b << (int)(32 - n)); break;
            case 10: b = System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(b); break;
            case 11: return ToHex(l, b, name);
        }
        PushBoolean(l, 1);
        PushInteger(l, (int)b);
        return 2;
    }

    private static int ToHex(nint l, uint b, string name)
    {
        var n = 8;
        if (Type(l, 2) != TypeNone)
        {
            if (!TryBits(l, 2, name, out var bits, out var error)) return LuaArgs.Fail(l, error!);
            n = (int)bits;
        }
        var digits = "0123456789abcdef";
        if (n < 0)
        {
            n = -n;
            digits = "0123456789ABCDEF";
        }
        if (n > 8) n = 8;
        Span<byte> text = stackalloc byte[8];
        for (var i = n - 1; i >= 0; i--)
        {
            text[i] = (byte)digits[(int)(b & 15)];
            b >>= 4;
        }
        PushBoolean(l, 1);
        PushString(l, text[..n]);
        return 2;
    }

    /// <summary>
    /// LuaBitOp's barg: adding 2^52+2^51 to the double leaves it rounded to an integer in the low 32 bits of the
    /// mantissa. A 5.4 integer goes through a double first, as 5.1 held it.
    /// </summary>
    private static unsafe bool TryBits(nint l, int index, string name, out uint bits, out string? error)
    {
        error = null;
        int isNumber;
        var n = IsInteger(l, index) != 0 ? ToIntegerX(l, index, &isNumber) : ToNumberX(l, index, &isNumber);
        bits = (uint)BitConverter.DoubleToInt64Bits(n + 6755399441055744.0);
        if (bits == 0 && isNumber == 0)
        {
            error = LuaArgs.TypeError(l, index, name, "number");
            return false;
        }
        return true;
    }
}
