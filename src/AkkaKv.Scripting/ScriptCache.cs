using System.Collections.Concurrent;

namespace AkkaKv.Scripting;

/// <summary>
/// The node's scripts by SHA1 (EVAL and SCRIPT LOAD add, SCRIPT FLUSH empties). Read and written from every shard and
/// I/O thread. A flush bumps <see cref="Generation"/>, which tells the shards' interpreters to start afresh as Redis
/// resets its Lua state.
/// </summary>
public sealed class ScriptCache
{
    private static readonly ConcurrentDictionary<string, bool> ShebangScripts = new(StringComparer.Ordinal);
    private ConcurrentDictionary<string, Script> _scripts = new(StringComparer.Ordinal);
    private int _generation;

    public int Generation => Volatile.Read(ref _generation);

    /// <summary>Scripts cached (INFO number_of_cached_scripts).</summary>
    public int Count => Volatile.Read(ref _scripts).Count;

    public Script? Find(string sha) => _scripts.GetValueOrDefault(sha);

    /// <summary>SCRIPT EXISTS: <paramref name="sha"/> as given (Redis does not lower-case it here).</summary>
    public bool Contains(ReadOnlySpan<char> sha) => _scripts.GetAlternateLookup<ReadOnlySpan<char>>().ContainsKey(sha);

    public Script Add(Script script)
    {
        if (script.HasShebang) ShebangScripts.TryAdd(script.Sha, true);
        return _scripts.GetOrAdd(script.Sha, script);
    }

    public void Flush()
    {
        _scripts = new ConcurrentDictionary<string, Script>(StringComparer.Ordinal);
        Interlocked.Increment(ref _generation);
    }

    /// <summary>
    /// Whether the script with this (lower-case) SHA1 was ever seen with a shebang, on any node of the process: EVALSHA
    /// is routed before its script is looked up, and a SHA1 names one body, so one set serves every node. Unknown SHA1s
    /// answer false, the conservative choice (the request then reaches every shard).
    /// </summary>
    public static bool IsKnownShebangScript(ReadOnlySpan<char> sha) =>
        ShebangScripts.GetAlternateLookup<ReadOnlySpan<char>>().ContainsKey(sha);
}
