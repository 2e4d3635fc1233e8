using System.Text;
using AkkaKv.Scripting;
using AkkaKv.Scripting.Functions;
using AkkaKv.Server.Commands;

namespace AkkaKv.Server.Scripting;

/// <summary>
/// Redis's functionsCreateWithLibraryCtx: from a library's code (FUNCTION LOAD's argument, or one record of a FUNCTION
/// RESTORE payload) to a <see cref="FunctionLibrary"/> that can join a set of libraries. Its checks run in Redis's
/// order, so the same mistakes get the same errors.
/// </summary>
internal static class LibraryFactory
{
    /// <summary>
    /// The library <paramref name="code"/> defines, its code run in <paramref name="interpreter"/> (then released: each
    /// shard loads it on its first FCALL) within <paramref name="timeoutMs"/> (0: no limit). It may join
    /// <paramref name="libraries"/> in place of <paramref name="replaced"/> (its namesake, only with
    /// <paramref name="replace"/>). Null with the error reply when it is malformed or clashes.
    /// </summary>
    public static FunctionLibrary? Create(ReadOnlySpan<byte> code, FunctionLibraries libraries, bool replace, ScriptInterpreter interpreter,
        long timeoutMs, IScriptHost? host, out FunctionLibrary? replaced, out string? error)
    {
        replaced = null;
        error = ReadMetadata(code, out var engine, out var name, out var codeStart);
        if (error is not null) return null;
        if (!FunctionLibrary.IsValidName(Encoding.UTF8.GetBytes(name)))
        {
            error = ErrorReplies.InvalidLibraryName;
            return null;
        }
        if (!string.Equals(engine, FunctionLibrary.Engine, StringComparison.OrdinalIgnoreCase))
        {
            error = ErrorReplies.EngineNotFound(engine);
            return null;
        }
        replaced = libraries.FindLibrary(name);
        if (replaced is not null && !replace)
        {
            error = ErrorReplies.LibraryExists(name);
            return null;
        }
        var registered = new List<RegisteredFunction>();
        var loadError = interpreter.LoadLibrary(code[codeStart..], timeoutMs, host, registered);
        interpreter.Release(registered);
        if (loadError is not null)
        {
            error = "ERR " + loadError;
            return null;
        }
        if (registered.Count == 0)
        {
            error = ErrorReplies.NoFunctionsRegistered;
            return null;
        }
        var library = new FunctionLibrary(name, code.ToArray(), codeStart, registered);
        var taken = libraries.FindTakenName(library.Functions, replaced is null ? [] : [replaced]);
        if (taken is not null)
        {
            error = ErrorReplies.FunctionExists(taken);
            return null;
        }
        return library;
    }

    /// <summary>
    /// Redis's functionExtractLibMetaData: the first line is "#!&lt;engine&gt; name=&lt;library&gt;" (split as sdssplitargs
    /// does, "name=" in any case); the Lua code starts at its newline, so line numbers count the metadata line.
    /// </summary>
    private static string? ReadMetadata(ReadOnlySpan<byte> code, out string engine, out string name, out int codeStart)
    {
        engine = name = "";
        codeStart = code.IndexOf((byte)'\n');
        if (!code.StartsWith("#!"u8)) return ErrorReplies.MissingLibraryMetadata;
        if (codeStart < 0) return ErrorReplies.InvalidLibraryMetadata;
        var words = ShebangWords.Split(Encoding.UTF8.GetString(code[..codeStart]));
        if (words is null || words.Count == 0) return ErrorReplies.InvalidLibraryMetadata;
        string? given = null;
        foreach (var word in words.Skip(1))
        {
            if (!word.StartsWith("name=", StringComparison.OrdinalIgnoreCase)) return ErrorReplies.InvalidMetadataValue(word);
            if (given is not null) return ErrorReplies.LibraryNameGivenTwice;
            given = word["name=".Length..];
        }
        if (given is null) return ErrorReplies.LibraryNameNotGiven;
        engine = words[0][2..];
        name = given;
        return null;
    }
}
