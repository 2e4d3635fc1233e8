using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace AkkaKv.Scripting.Native;

/// <summary>
/// The Lua 5.4 C API calls the interpreter makes per command (KeraLua's managed wrapper allocates a byte array per
/// string, which the reply and argument paths cannot afford). The library is the liblua54 KeraLua ships. None of these
/// raise Lua errors (no longjmp may cross a managed frame): they are the API's non-raising calls, used with enough
/// stack checked beforehand.
/// </summary>
internal static unsafe partial class LuaNative
{
    private const string Library = "lua54";

    public const int RegistryIndex = -1000000 - 1000;
    public const int RegistryGlobals = 2;

    public const int TypeNone = -1;
    public const int TypeNil = 0;
    public const int TypeBoolean = 1;
    public const int TypeLightUserData = 2;
    public const int TypeNumber = 3;
    public const int TypeString = 4;
    public const int TypeTable = 5;
    public const int TypeFunction = 6;

    public const int StatusOk = 0;
    public const int StatusYield = 1;

    public const int HookMaskLine = 1 << 2;
    public const int HookMaskCount = 1 << 3;

    [LibraryImport(Library, EntryPoint = "lua_gettop")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int GetTop(nint l);

    [LibraryImport(Library, EntryPoint = "lua_settop")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial void SetTop(nint l, int index);

    public static void Pop(nint l, int count) => SetTop(l, -count - 1);

    [LibraryImport(Library, EntryPoint = "lua_pushvalue")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial void PushValue(nint l, int index);

    [LibraryImport(Library, EntryPoint = "lua_rotate")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial void Rotate(nint l, int index, int n);

    public static void Insert(nint l, int index) => Rotate(l, index, 1);

    [LibraryImport(Library, EntryPoint = "lua_copy")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial void Copy(nint l, int from, int to);

    [LibraryImport(Library, EntryPoint = "lua_checkstack")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int CheckStack(nint l, int n);

    [LibraryImport(Library, EntryPoint = "lua_absindex")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int AbsIndex(nint l, int index);

    [LibraryImport(Library, EntryPoint = "lua_type")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int Type(nint l, int index);

    [LibraryImport(Library, EntryPoint = "lua_isinteger")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int IsInteger(nint l, int index);

    [LibraryImport(Library, EntryPoint = "lua_tonumberx")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial double ToNumberX(nint l, int index, int* isNumber);

    [LibraryImport(Library, EntryPoint = "lua_tointegerx")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial long ToIntegerX(nint l, int index, int* isNumber);

    [LibraryImport(Library, EntryPoint = "lua_toboolean")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int ToBoolean(nint l, int index);

    [LibraryImport(Library, EntryPoint = "lua_tolstring")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial byte* ToLString(nint l, int index, nuint* length);

    [LibraryImport(Library, EntryPoint = "lua_touserdata")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial void* ToUserData(nint l, int index);


    [LibraryImport(Library, EntryPoint = "lua_pushnil")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial void PushNil(nint l);

    [LibraryImport(Library, EntryPoint = "lua_pushnumber")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial void PushNumber(nint l, double n);

    [LibraryImport(Library, EntryPoint = "lua_pushinteger")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial void PushInteger(nint l, long n);

    [LibraryImport(Library, EntryPoint = "lua_pushlstring")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    private static partial byte* PushLString(nint l, byte* s, nuint length);

    public static void PushString(nint l, ReadOnlySpan<byte> s)
    {
        fixed (byte* p = s) PushLString(l, p, (nuint)s.Length);
    }

    [LibraryImport(Library, EntryPoint = "lua_pushboolean")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial void PushBoolean(nint l, int b);

    [LibraryImport(Library, EntryPoint = "lua_pushlightuserdata")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial void PushLightUserData(nint l, void* p);

    [LibraryImport(Library, EntryPoint = "lua_pushcclosure")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial void PushCClosure(nint l, delegate* unmanaged[Cdecl]<nint, int> function, int upvalues);

    [LibraryImport(Library, EntryPoint = "lua_createtable")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial void CreateTable(nint l, int arrayItems, int hashItems);

    [LibraryImport(Library, EntryPoint = "lua_rawget")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int RawGet(nint l, int index);

    [LibraryImport(Library, EntryPoint = "lua_rawgeti")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int RawGetI(nint l, int index, long n);

    [LibraryImport(Library, EntryPoint = "lua_rawset")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial void RawSet(nint l, int index);

    [LibraryImport(Library, EntryPoint = "lua_rawseti")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial void RawSetI(nint l, int index, long n);

    /// <summary>t[key] = value for the table at <paramref name="index"/> and the value on top, without metamethods.</summary>
    public static void RawSetField(nint l, int index, ReadOnlySpan<byte> key)
    {
        var table = AbsIndex(l, index);
        PushString(l, key);
        Insert(l, -2);
        RawSet(l, table);
    }

    /// <summary>Pushes t[key] for the table at <paramref name="index"/>, without metamethods; returns its type.</summary>
    public static int RawGetField(nint l, int index, ReadOnlySpan<byte> key)
    {
        var table = AbsIndex(l, index);
        PushString(l, key);
        return RawGet(l, table);
    }

    [LibraryImport(Library, EntryPoint = "lua_next")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int Next(nint l, int index);

    [LibraryImport(Library, EntryPoint = "luaL_loadbufferx")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    private static partial int LoadBufferX(nint l, byte* buffer, nuint size, byte* name, byte* mode);

    /// <summary>Compiles a text chunk (never a binary one) named <paramref name="name"/> (NUL-terminated).</summary>
    public static int LoadText(nint l, ReadOnlySpan<byte> code, ReadOnlySpan<byte> name)
    {
        fixed (byte* c = code)
        fixed (byte* n = name)
        fixed (byte* m = "t\0"u8)
        {
            return LoadBufferX(l, c, (nuint)code.Length, n, m);
        }
    }

    [LibraryImport(Library, EntryPoint = "lua_dump")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int Dump(nint l, delegate* unmanaged[Cdecl]<nint, byte*, nuint, nint, int> writer, nint data, int strip);

    /// <summary>Loads a binary chunk this process dumped and rewrote (never one from outside).</summary>
    public static int LoadBinary(nint l, ReadOnlySpan<byte> chunk, ReadOnlySpan<byte> name)
    {
        fixed (byte* c = chunk)
        fixed (byte* n = name)
        fixed (byte* m = "b\0"u8)
        {
            return LoadBufferX(l, c, (nuint)chunk.Length, n, m);
        }
    }

    [LibraryImport(Library, EntryPoint = "lua_pcallk")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    private static partial int PCallK(nint l, int arguments, int results, int handler, nint context, nint continuation);

    public static int PCall(nint l, int arguments, int results) => PCallK(l, arguments, results, 0, 0, 0);

    [LibraryImport(Library, EntryPoint = "lua_newthread")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial nint NewThread(nint l);

    [LibraryImport(Library, EntryPoint = "lua_tothread")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial nint ToThread(nint l, int index);

    [LibraryImport(Library, EntryPoint = "lua_resume")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int Resume(nint l, nint from, int arguments, int* results);


    [LibraryImport(Library, EntryPoint = "lua_sethook")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial void SetHook(nint l, delegate* unmanaged[Cdecl]<nint, nint, void> hook, int mask, int count);

    [LibraryImport(Library, EntryPoint = "lua_isyieldable")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int IsYieldable(nint l);

    [LibraryImport(Library, EntryPoint = "lua_yieldk")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    private static partial int YieldK(nint l, int results, nint context, nint continuation);

    /// <summary>Yields from inside a hook: Lua returns here and unwinds to lua_resume once the hook is done.</summary>
    public static void YieldFromHook(nint l) => YieldK(l, 0, 0, 0);

    [LibraryImport(Library, EntryPoint = "lua_getstack")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int GetStack(nint l, int level, byte* debug);

    [LibraryImport(Library, EntryPoint = "lua_getinfo")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int GetInfo(nint l, byte* what, byte* debug);

    /// <summary>sizeof(lua_Debug) on 64-bit, rounded up; the offsets of the two fields read from it.</summary>
    public const int DebugSize = 160;
    public const int DebugSourceOffset = 32;
    public const int DebugCurrentLineOffset = 48;

    [LibraryImport(Library, EntryPoint = "luaL_ref")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial int Ref(nint l, int table);

    [LibraryImport(Library, EntryPoint = "luaL_unref")]
    [UnmanagedCallConv(CallConvs = [typeof(CallConvCdecl)])]
    public static partial void Unref(nint l, int table, int reference);

    /// <summary>The bytes of the string (or number, converted in place) at <paramref name="index"/>; empty when neither.</summary>
    public static ReadOnlySpan<byte> ToBytes(nint l, int index)
    {
        nuint length;
        var p = ToLString(l, index, &length);
        return p == null ? default : new ReadOnlySpan<byte>(p, checked((int)length));
    }

    public static double ToNumber(nint l, int index)
    {
        int ok;
        return ToNumberX(l, index, &ok);
    }

}
