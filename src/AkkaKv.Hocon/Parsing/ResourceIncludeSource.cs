using System.Reflection;

namespace AkkaKv.Hocon.Parsing;

/// <summary>
/// Resolves includes inside an embedded resource as other resources of the same assembly (found by name
/// suffix, like <see cref="Config.ParseResource"/>); <c>file(...)</c> still means a file.
/// </summary>
internal sealed class ResourceIncludeSource(Assembly assembly) : IncludeSource
{
    public override IncludedText? Load(IncludeKind kind, string name)
    {
        if (kind == IncludeKind.File)
        {
            return FileIncludeSource.CurrentDirectory.Load(kind, name);
        }

        if (kind == IncludeKind.Url)
        {
            return null;
        }

        foreach (var candidate in Candidates(name.Replace('/', '.').Replace('\\', '.')))
        {
            if (Find(assembly, candidate) is { } resourceName)
            {
                return Read(assembly, resourceName);
            }
        }

        return null;
    }

    /// <summary>
    /// The one manifest resource whose name is <paramref name="name"/> or ends with "." + name; null when
    /// none does. Several matches are an error: picking one silently would read the wrong file.
    /// </summary>
    public static string? Find(Assembly assembly, string name)
    {
        var names = assembly.GetManifestResourceNames();
        if (names.Contains(name, StringComparer.Ordinal))
        {
            return name;
        }

        var matches = names.Where(n => n.EndsWith("." + name, StringComparison.Ordinal)).ToList();
        return matches.Count switch
        {
            0 => null,
            1 => matches[0],
            _ => throw new ConfigException(
                $"Resource name '{name}' is ambiguous in assembly {assembly.GetName().Name}: it matches {string.Join(", ", matches)}"),
        };
    }

    public static IncludedText Read(Assembly assembly, string resourceName)
    {
        using var stream = assembly.GetManifestResourceStream(resourceName)
            ?? throw new ConfigException($"Resource '{resourceName}' could not be opened in assembly {assembly.GetName().Name}");
        using var reader = new StreamReader(stream);
        var identity = $"{assembly.GetName().Name}:{resourceName}";
        return new IncludedText(reader.ReadToEnd(), resourceName, identity, new ResourceIncludeSource(assembly));
    }
}
