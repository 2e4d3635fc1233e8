namespace AkkaKv.Hocon.Parsing;

/// <summary>Finds what an include statement names, relative to the document that contains it.</summary>
internal abstract class IncludeSource
{
    /// <summary>The included text, or null when there is no such file or resource.</summary>
    public abstract IncludedText? Load(IncludeKind kind, string name);

    /// <summary>Names to try for <paramref name="name"/>: as written, then with .conf and .json when it has no extension.</summary>
    protected static IEnumerable<string> Candidates(string name)
    {
        yield return name;
        if (!Path.HasExtension(name))
        {
            yield return name + ".conf";
            yield return name + ".json";
        }
    }
}
