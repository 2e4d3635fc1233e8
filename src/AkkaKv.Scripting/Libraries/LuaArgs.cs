using System.Globalization;
using AkkaKv.Scripting.Native;
using static AkkaKv.Scripting.Native.LuaNative;

namespace AkkaKv.Scripting.Libraries;

/// <summary>
/// Argument checks for the C# library functions, with the messages lauxlib gives (the sandbox raises them from the
/// caller's line, as luaL_error does).
/// </summary>
internal static class LuaArgs
{
    /// <summary>luaL_typename: "no value" past the last argument.</summary>
    public static string TypeName(nint l, int index) => LuaNative.Type(l, index) switch
    {
        TypeNone => "no value",
        TypeNil => "nil",
        TypeBoolean => "boolean",
        TypeLightUserData => "userdata",
        TypeNumber => "number",
        TypeString => "string",
        TypeTable => "table",
        TypeFunction => "function",
        7 => "userdata",
        8 => "thread",
        _ => "?",
    };

    public static string ArgError(int argument, string function, string extra) =>
        string.Create(CultureInfo.InvariantCulture, $"bad argument #{argument} to '{function}' ({extra})");

    public static string TypeError(nint l, int argument, string function, string expected) =>
        TypeError(l, argument, argument, function, expected);

    /// <summary>For a value at stack <paramref name="index"/> that the caller knows as argument <paramref name="argument"/>.</summary>
    public static string TypeError(nint l, int index, int argument, string function, string expected) =>
        ArgError(argument, function, $"{expected} expected, got {TypeName(l, index)}");

    /// <summary>luaL_checknumber: numbers and numeric strings.</summary>
    public static unsafe bool TryNumber(nint l, int index, out double value)
    {
        int ok;
        value = ToNumberX(l, index, &ok);
        return ok != 0;
    }

    /// <summary>luaL_checkint of Lua 5.1: the number truncated to an int.</summary>
    public static bool TryInt(nint l, int index, out int value)
    {
        value = 0;
        if (!TryNumber(l, index, out var n)) return false;
        value = double.IsNaN(n) || n >= 2147483648.0 || n <= -2147483649.0 ? int.MinValue : (int)n;
        return true;
    }

    /// <summary>luaL_checklstring: strings and numbers (converted in place, as Lua does).</summary>
    public static bool TryString(nint l, int index, out ReadOnlySpan<byte> value)
    {
        var type = LuaNative.Type(l, index);
        if (type is not (TypeString or TypeNumber))
        {
            value = default;
            return false;
        }
        value = ToBytes(l, index);
        return true;
    }

    /// <summary>Pushes false and <paramref name="message"/>: the sandbox's wrapper raises it from the script's line.</summary>
    public static int Fail(nint l, string message)
    {
        PushBoolean(l, 0);
        PushString(l, System.Text.Encoding.UTF8.GetBytes(message));
        return 2;
    }
}
