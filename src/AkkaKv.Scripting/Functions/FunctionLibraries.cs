using System.Text;

namespace AkkaKv.Scripting.Functions;

/// <summary>
/// The node's libraries at one moment, immutable: FUNCTION LOAD, DELETE, FLUSH and RESTORE build a new set and publish
/// it whole, so an FCALL reads one consistent set and never a half-changed one. Library names are case-sensitive and
/// function names are not, as in Redis (FCALL MYFUNC runs myfunc). Listed in the order the libraries were added.
/// </summary>
public sealed class FunctionLibraries
{
    private const int MaxStackName = 256;
    private static long _lastGeneration;

    private readonly FunctionLibrary[] _libraries;
    private readonly Dictionary<string, FunctionLibrary> _byName;
    private readonly Dictionary<string, LibraryFunction>.AlternateLookup<ReadOnlySpan<char>> _functions;

    private FunctionLibraries(FunctionLibrary[] libraries)
    {
        _libraries = libraries;
        _byName = libraries.ToDictionary(l => l.Name, StringComparer.Ordinal);
        var functions = new Dictionary<string, LibraryFunction>(StringComparer.OrdinalIgnoreCase);
        foreach (var function in libraries.SelectMany(l => l.Functions)) functions.Add(function.Name, function);
        _functions = functions.GetAlternateLookup<ReadOnlySpan<char>>();
        Generation = Interlocked.Increment(ref _lastGeneration);
    }

    public static FunctionLibraries Empty { get; } = new([]);

    /// <summary>Unique to this set in the process: an interpreter that loaded this generation needs no reload.</summary>
    public long Generation { get; }

    public IReadOnlyList<FunctionLibrary> Libraries => _libraries;

    public int FunctionCount => _functions.Dictionary.Count;

    public FunctionLibrary? FindLibrary(ReadOnlySpan<byte> name) => _byName.GetValueOrDefault(Encoding.UTF8.GetString(name));

    public FunctionLibrary? FindLibrary(string name) => _byName.GetValueOrDefault(name);

    /// <summary>FCALL's lookup, in any case; without allocating for the names functions can have.</summary>
    public LibraryFunction? FindFunction(ReadOnlySpan<byte> name)
    {
        if (name.Length > MaxStackName) return _functions.Dictionary.GetValueOrDefault(Encoding.Latin1.GetString(name));
        Span<char> chars = stackalloc char[name.Length];
        for (var i = 0; i < name.Length; i++) chars[i] = (char)name[i];
        return _functions.TryGetValue(chars, out var function) ? function : null;
    }

    /// <summary>
    /// The first of <paramref name="functions"/> whose name (in any case) a library of this set other than those in
    /// <paramref name="leaving"/> already registered; null when there is none.
    /// </summary>
    public string? FindTakenName(IEnumerable<LibraryFunction> functions, IReadOnlyCollection<FunctionLibrary> leaving)
    {
        foreach (var function in functions)
        {
            if (_functions.Dictionary.TryGetValue(function.Name, out var taken) && !leaving.Contains(taken.Library)) return function.Name;
        }
        return null;
    }

    /// <summary>
    /// This set without <paramref name="removed"/> and with <paramref name="added"/> after the rest; the caller checked
    /// that no name clashes (<see cref="FindTakenName"/>).
    /// </summary>
    public FunctionLibraries Replace(IReadOnlyCollection<FunctionLibrary> removed, IEnumerable<FunctionLibrary> added) =>
        new([.. _libraries.Where(l => !removed.Contains(l)), .. added]);
}
