namespace AkkaKv.Scripting.Functions;

/// <summary>
/// One shard's interpreter for functions and what it loaded: each library of the node's set whose code it ran, and
/// the registry reference of each function's callback. Brought up to date before an FCALL when the node's set
/// changed (one generation number compared), so libraries load lazily on each shard and an FCALL always runs against
/// one whole set. Thread-affine, like its interpreter (which the server disposes, as it does the EVAL one).
/// </summary>
public sealed class FunctionRuntime
{
    private readonly Dictionary<FunctionLibrary, List<RegisteredFunction>> _loaded = [];
    private readonly Dictionary<LibraryFunction, int> _references = [];
    private long _generation = FunctionLibraries.Empty.Generation;

    public FunctionRuntime(string redisVersion, int flushes)
    {
        Interpreter = ScriptInterpreter.ForFunctions(redisVersion);
        Flushes = flushes;
    }

    public ScriptInterpreter Interpreter { get; }

    /// <summary>The <see cref="FunctionStore.Flushes"/> this runtime was made after: a later flush replaces it.</summary>
    public int Flushes { get; }

    /// <summary>The callback of <paramref name="function"/> of <paramref name="libraries"/> (loading what this shard lacks).</summary>
    public int ReferenceOf(LibraryFunction function, FunctionLibraries libraries)
    {
        if (_generation != libraries.Generation) Synchronize(libraries);
        return _references[function];
    }

    private void Synchronize(FunctionLibraries libraries)
    {
        var current = libraries.Libraries.ToHashSet();
        foreach (var (library, registered) in _loaded.Where(l => !current.Contains(l.Key)).ToArray())
        {
            Interpreter.Release(registered);
            _loaded.Remove(library);
            foreach (var function in library.Functions) _references.Remove(function);
        }
        foreach (var library in libraries.Libraries)
        {
            if (!_loaded.ContainsKey(library)) Load(library);
        }
        _generation = libraries.Generation;
    }

    /// <summary>
    /// Runs the code FUNCTION LOAD already ran once: without a timeout (as Redis loads a replicated library) and without
    /// logging again. It can only register the same functions, in the same order: its load-time environment holds
    /// nothing that could make it differ.
    /// </summary>
    private void Load(FunctionLibrary library)
    {
        var registered = new List<RegisteredFunction>(library.Functions.Count);
        var error = Interpreter.LoadLibrary(library.LuaCode, 0, null, registered);
        if (error is not null || !registered.Select(r => r.Name).SequenceEqual(library.Functions.Select(f => f.Name)))
        {
            Interpreter.Release(registered);
            throw new InvalidOperationException($"library '{library.Name}' did not load again: {error ?? "other functions registered"}");
        }
        for (var i = 0; i < registered.Count; i++) _references[library.Functions[i]] = registered[i].Reference;
        _loaded[library] = registered;
    }
}
