using System.Reflection;
using AkkaKv.Hocon.Model;
using AkkaKv.Hocon.Parsing;
using AkkaKv.Hocon.Paths;
using AkkaKv.Hocon.Rendering;
using AkkaKv.Hocon.Resolution;

namespace AkkaKv.Hocon;

/// <summary>
/// An immutable HOCON configuration. Substitutions are resolved lazily, against the whole merged tree, the
/// first time a value is read; so a file may refer to keys that only its fallback defines.
/// </summary>
public sealed partial class Config : IEquatable<Config>
{
    private readonly ObjectNode _root;
    private readonly Resolver _resolver;

    private Config(ObjectNode root)
    {
        _root = root;
        _resolver = new Resolver(root, Environment.GetEnvironmentVariable);
    }

    public static Config Empty { get; } = new(new ObjectNode());

    /// <summary>True when the configuration defines no (non-null) value.</summary>
    public bool IsEmpty => !Keys.Any();

    /// <summary>The keys directly under the root that hold a (non-null) value.</summary>
    public IEnumerable<string> Keys =>
        _root.Keys.Where(key => IsDefined(_resolver.Find(HoconPath.Root.Child(key)))).ToList();

    /// <summary>Parses HOCON text; includes resolve relative to the current directory.</summary>
    public static Config ParseString(string text, string sourceName = "<string>")
    {
        ArgumentNullException.ThrowIfNull(text);
        return new Config(Parser.ParseDocument(text, sourceName, FileIncludeSource.CurrentDirectory, sourceName));
    }

    /// <summary>Parses a file; includes resolve relative to the file's directory.</summary>
    public static Config ParseFile(string path)
    {
        if (!File.Exists(path))
        {
            throw new ConfigException($"Configuration file '{path}' does not exist");
        }

        var file = FileIncludeSource.Read(path);
        return new Config(Parser.ParseDocument(file.Text, file.SourceName, file.Source, file.Identity));
    }

    /// <summary>
    /// Parses an embedded resource found by name suffix (<c>reference.conf</c> matches
    /// <c>AkkaKv.Server.reference.conf</c>); includes inside it name other resources of the same assembly.
    /// </summary>
    public static Config ParseResource(Assembly assembly, string resourceName)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var fullName = ResourceIncludeSource.Find(assembly, resourceName)
            ?? throw new ConfigException(
                $"Embedded resource '{resourceName}' not found in assembly {assembly.GetName().Name}; it has: {string.Join(", ", assembly.GetManifestResourceNames())}");
        var resource = ResourceIncludeSource.Read(assembly, fullName);
        return new Config(Parser.ParseDocument(resource.Text, resource.SourceName, resource.Source, resource.Identity));
    }

    /// <summary>This configuration over <paramref name="fallback"/>: this wins, objects merge recursively.</summary>
    public Config WithFallback(Config fallback)
    {
        ArgumentNullException.ThrowIfNull(fallback);
        if (fallback._root.Count == 0)
        {
            return this;
        }

        return _root.Count == 0 ? fallback : new Config((ObjectNode)NodeMerger.Merge(_root, fallback._root));
    }

    /// <summary>
    /// A copy with <paramref name="path"/> set to the HOCON value text (<c>6379</c>, <c>"a b"</c>, <c>[1,2]</c>,
    /// <c>15s</c>). A value with substitutions is resolved against the whole tree; a self-reference sees the old value.
    /// </summary>
    public Config WithValue(string path, string hoconValue)
    {
        var target = HoconPath.Parse(path);
        var value = Parser.ParseSingleValue(hoconValue, $"<value for {path}>", target);
        return new Config(Replace(_root, target.Segments, 0, value));
    }

    /// <summary>True when <paramref name="path"/> holds a value other than null.</summary>
    public bool HasPath(string path) => IsDefined(_resolver.Find(HoconPath.Parse(path)));

    /// <summary>The object at <paramref name="path"/> as a configuration of its own; <see cref="Empty"/> when missing.</summary>
    public Config GetConfig(string path)
    {
        return _resolver.FindResolved(HoconPath.Parse(path)) switch
        {
            null or ScalarNode { Kind: ScalarKind.Null } => Empty,
            ObjectNode node => new Config(node),
            var other => throw WrongType(path, other, "an object"),
        };
    }

    /// <summary>
    /// Every leaf as (dotted path, value as plain text); arrays are rendered as HOCON array text. Null values
    /// are left out, as <see cref="HasPath"/> treats them as absent.
    /// </summary>
    public IEnumerable<KeyValuePair<string, string>> Flatten()
    {
        var leaves = new List<KeyValuePair<string, string>>();
        AddLeaves(leaves, "", _resolver.ResolvedRoot());
        return leaves;
    }

    /// <summary>The resolved tree as HOCON text; parsing it gives back an equal configuration.</summary>
    public string Render() => HoconWriter.Render(_resolver.ResolvedRoot());

    public bool Equals(Config? other) =>
        other is not null && NodeEquality.Equal(_resolver.ResolvedRoot(), other._resolver.ResolvedRoot());

    public override bool Equals(object? obj) => Equals(obj as Config);

    public override int GetHashCode() => NodeEquality.Hash(_resolver.ResolvedRoot());

    public override string ToString() => Render();

    private static bool IsDefined(Node? node) => node is not (null or ScalarNode { Kind: ScalarKind.Null });

    private static void AddLeaves(List<KeyValuePair<string, string>> leaves, string prefix, ObjectNode node)
    {
        foreach (var (key, value) in node.Fields)
        {
            var path = prefix + HoconQuoting.KeySegment(key);
            switch (value)
            {
                case ObjectNode nested:
                    AddLeaves(leaves, path + ".", nested);
                    break;
                case ScalarNode { Kind: ScalarKind.Null }:
                    break;
                case ScalarNode scalar:
                    leaves.Add(new(path, scalar.Text));
                    break;
                default:
                    leaves.Add(new(path, HoconWriter.Inline(value)));
                    break;
            }
        }
    }

    /// <summary>Copies the objects along the path and puts <paramref name="value"/> at its end.</summary>
    private static ObjectNode Replace(ObjectNode node, IReadOnlyList<string> segments, int index, Node value)
    {
        var copy = new ObjectNode();
        foreach (var (key, field) in node.Fields)
        {
            copy.Set(key, field);
        }

        if (node.IgnoresFallbacks)
        {
            copy.MarkIgnoresFallbacks();
        }

        var name = segments[index];
        var existing = node.Get(name);
        Node replacement;
        if (index == segments.Count - 1)
        {
            // Keep the old value underneath only when the new one may refer to it (path = ${path} more).
            replacement = value.IsUnresolved && existing is not null ? NodeMerger.Merge(value, existing) : value;
        }
        else if (existing is ObjectNode child)
        {
            replacement = Replace(child, segments, index + 1, value);
        }
        else
        {
            var nested = Replace(new ObjectNode(), segments, index + 1, value);
            replacement = existing is { IsUnresolved: true } ? NodeMerger.Merge(nested, existing) : nested;
        }

        copy.Set(name, replacement);
        return copy;
    }
}
