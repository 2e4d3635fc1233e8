namespace AkkaKv.Hocon.Parsing;

/// <summary>Resolves includes as files relative to a directory (the including file's, or the current one).</summary>
internal sealed class FileIncludeSource(string baseDirectory) : IncludeSource
{
    public static FileIncludeSource CurrentDirectory { get; } = new("");

    public override IncludedText? Load(IncludeKind kind, string name)
    {
        if (kind is IncludeKind.Classpath or IncludeKind.Url)
        {
            return null;
        }

        foreach (var candidate in Candidates(name))
        {
            var path = Path.IsPathRooted(candidate) ? candidate : Path.Combine(baseDirectory, candidate);
            if (File.Exists(path))
            {
                return Read(path);
            }
        }

        return null;
    }

    public static IncludedText Read(string path) =>
        new(File.ReadAllText(path), path, Path.GetFullPath(path), new FileIncludeSource(Path.GetDirectoryName(path) ?? ""));
}
