namespace AkkaKv.Scripting.Functions;

/// <summary>
/// A library FUNCTION LOAD accepted: its name, its whole code (metadata line included, as FUNCTION LIST WITHCODE and
/// FUNCTION DUMP give it back) and the functions its code registered. Immutable and shared by every shard; each shard's
/// interpreter runs the code itself to get the functions' callbacks.
/// </summary>
public sealed class FunctionLibrary
{
    /// <summary>The one engine there is, as FUNCTION LIST and FUNCTION STATS name it.</summary>
    public const string Engine = "LUA";

    /// <summary>Redis's text for a library or function name that is not [a-zA-Z0-9_]+ (it says "Library" for both).</summary>
    public const string InvalidNameText = "Library names can only contain letters, numbers, or underscores(_) and must be at least one character long";

    /// <param name="codeStart">Where the Lua code starts in <paramref name="code"/>: at the metadata line's newline, so lines count from the metadata line.</param>
    public FunctionLibrary(string name, byte[] code, int codeStart, IEnumerable<RegisteredFunction> functions)
    {
        Name = name;
        Code = code;
        CodeStart = codeStart;
        Functions = functions.Select(f => new LibraryFunction(this, f.Name, f.Description, f.Flags)).ToArray();
    }

    public string Name { get; }

    public byte[] Code { get; }

    public int CodeStart { get; }

    public ReadOnlySpan<byte> LuaCode => Code.AsSpan(CodeStart);

    public IReadOnlyList<LibraryFunction> Functions { get; }

    /// <summary>Redis's functionsVerifyName: one or more of a-z, A-Z, 0-9 and '_'.</summary>
    public static bool IsValidName(ReadOnlySpan<byte> name)
    {
        if (name.IsEmpty) return false;
        foreach (var c in name)
        {
            if (c is not ((>= (byte)'a' and <= (byte)'z') or (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'0' and <= (byte)'9') or (byte)'_')) return false;
        }
        return true;
    }
}
