using AkkaKv.Hocon.Model;
using AkkaKv.Hocon.Paths;

namespace AkkaKv.Hocon.Resolution;

/// <summary>
/// Resolves substitutions of one merged tree lazily and memoizes per path, so each field is resolved at most
/// once however many times it is read or referred to.
/// </summary>
/// <remarks>
/// Two levels: <see cref="Shallow"/> turns a field into its shape (an object whose fields may still be
/// unresolved, an array, a scalar), which is all a lookup needs to walk further down; <see cref="Full"/>
/// resolves everything below. Walking shallowly is what lets <c>bar { foo = 42, baz = ${bar.foo} }</c>
/// work: reading <c>bar.foo</c> must not resolve all of <c>bar</c>.
/// </remarks>
internal sealed class Resolver(ObjectNode root, Func<string, string?> environment)
{
    private readonly Dictionary<string, Node?> _shallow = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Node?> _full = new(StringComparer.Ordinal);
    private readonly HashSet<string> _inProgress = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private ObjectNode? _resolvedRoot;

    /// <summary>The field's shape, or null when it is not defined. Enough for scalars.</summary>
    public Node? Find(HoconPath path)
    {
        lock (_gate)
        {
            return Shallow(path);
        }
    }

    /// <summary>The field with everything below it resolved, or null when it is not defined.</summary>
    public Node? FindResolved(HoconPath path)
    {
        lock (_gate)
        {
            return path.Length == 0 ? ResolvedRoot() : Full(path);
        }
    }

    public ObjectNode ResolvedRoot()
    {
        lock (_gate)
        {
            return _resolvedRoot ??= ResolveFields(root, key => Full(HoconPath.Root.Child(key)));
        }
    }

    private Node? Shallow(HoconPath path)
    {
        if (path.Length == 0)
        {
            return root;
        }

        if (_shallow.TryGetValue(path.Key, out var cached))
        {
            return cached;
        }

        if (!_inProgress.Add(path.Key))
        {
            throw new SubstitutionCycleException(path);
        }

        try
        {
            var raw = (Shallow(path.Parent) as ObjectNode)?.Get(path.Last);
            var result = raw is null ? null : Resolve(raw, path, below: null);
            _shallow[path.Key] = result;
            return result;
        }
        finally
        {
            _inProgress.Remove(path.Key);
        }
    }

    private Node? Full(HoconPath path)
    {
        if (_full.TryGetValue(path.Key, out var cached))
        {
            return cached;
        }

        var result = Shallow(path) switch
        {
            null => null,
            ObjectNode shape => ResolveFields(shape, key => Full(path.Child(key))),
            ArrayNode array => ResolveElements(array, path),
            var scalar => scalar,
        };
        _full[path.Key] = result;
        return result;
    }

    /// <summary>Fully resolves a node that has no path of its own in the tree (a value below a stack layer, an array element).</summary>
    private Node? Detached(Node node, HoconPath context) => Resolve(node, context, below: null) switch
    {
        null => null,
        ObjectNode shape => ResolveFields(shape, key => Detached(shape.Get(key)!, context.Child(key))),
        ArrayNode array => ResolveElements(array, context),
        var scalar => scalar,
    };

    private static ObjectNode ResolveFields(ObjectNode shape, Func<string, Node?> resolveField)
    {
        var resolved = new ObjectNode();
        foreach (var key in shape.Keys)
        {
            // An optional substitution that found nothing leaves the field undefined.
            if (resolveField(key) is { } value)
            {
                resolved.Set(key, value);
            }
        }

        return resolved;
    }

    private ArrayNode ResolveElements(ArrayNode array, HoconPath context)
    {
        var elements = new List<Node>(array.Elements.Count);
        foreach (var element in array.Elements)
        {
            if (Detached(element, context) is { } value)
            {
                elements.Add(value);
            }
        }

        return new ArrayNode(elements);
    }

    /// <summary>One step: a substitution, concatenation or stack becomes a shape; shapes stay as they are.</summary>
    private Node? Resolve(Node raw, HoconPath context, BelowValue? below) => raw switch
    {
        SubstitutionNode substitution => Substitute(substitution, context, below),
        ConcatenationNode concatenation => Concatenate(concatenation, context, below),
        MergeStackNode stack => ResolveStack(stack.Layers, 0, context),
        _ => raw,
    };

    private Node? ResolveStack(IReadOnlyList<Node> layers, int index, HoconPath context)
    {
        var below = index + 1 < layers.Count ? new BelowValue(() => ResolveStack(layers, index + 1, context)) : null;
        var top = Resolve(layers[index], context, below);
        if (top is null)
        {
            return below?.Value;
        }

        if (top is ObjectNode { IgnoresFallbacks: false } topObject && below?.Value is ObjectNode belowObject)
        {
            return NodeMerger.Merge(topObject, belowObject);
        }

        return top;
    }

    private Node? Substitute(SubstitutionNode substitution, HoconPath context, BelowValue? below)
    {
        var selfReference = false;
        foreach (var path in Candidates(substitution))
        {
            Node? found;
            if (path.StartsWith(context))
            {
                // A field referring to itself (or to something inside itself) means the value it overrides.
                selfReference = true;
                found = LookBelow(below, path.Skip(context.Length), path);
            }
            else
            {
                found = LookUp(substitution, path);
            }

            if (found is not null)
            {
                return found;
            }
        }

        var variable = string.Join('.', substitution.WrittenPath.Segments);
        if (environment(variable) is { } fromEnvironment)
        {
            return ScalarNode.String(fromEnvironment, $"environment variable {variable}");
        }

        if (substitution.Optional)
        {
            return null;
        }

        var why = selfReference ? "it refers to its own field, which has no earlier value" : "no such path in the configuration";
        throw new ConfigException(
            $"{substitution.Origin}: could not resolve substitution {substitution.Display}: {why}, and no environment variable '{variable}' is set");
    }

    private Node? LookUp(SubstitutionNode substitution, HoconPath path)
    {
        try
        {
            return Full(path);
        }
        catch (SubstitutionCycleException cycle)
        {
            // The spec treats an optional substitution caught in a cycle as undefined.
            return substitution.Optional
                ? null
                : throw new ConfigException(
                    $"{substitution.Origin}: could not resolve substitution {substitution.Display}: it is part of a cycle through '{cycle.Path.Render()}'");
        }
    }

    private Node? LookBelow(BelowValue? below, HoconPath remaining, HoconPath fullPath)
    {
        var node = below?.Value;
        foreach (var segment in remaining.Segments)
        {
            if ((node as ObjectNode)?.Get(segment) is not { } child)
            {
                return null;
            }

            node = Resolve(child, fullPath, below: null);
        }

        return node is null ? null : Detached(node, fullPath);
    }

    private Node? Concatenate(ConcatenationNode concatenation, HoconPath context, BelowValue? below)
    {
        var values = new List<Node?>(concatenation.Parts.Count);
        foreach (var part in concatenation.Parts)
        {
            values.Add(part is SpacingNode ? part : Resolve(part, context, below));
        }

        var defined = values.Where(v => v is not (null or SpacingNode)).Cast<Node>().ToList();
        if (defined.Count == 0)
        {
            return null;
        }

        if (defined.All(v => v is ObjectNode))
        {
            // Later objects override earlier ones; an undefined optional part counts as an empty object.
            return defined.Skip(1).Aggregate(defined[0], (merged, next) => NodeMerger.Merge(next, merged));
        }

        if (defined.All(v => v is ArrayNode))
        {
            return new ArrayNode([.. defined.SelectMany(v => ((ArrayNode)v).Elements)]);
        }

        if (defined.All(v => v is ScalarNode))
        {
            // An undefined optional part counts as an empty string; the whitespace around it stays.
            var text = string.Concat(values.Select(v => v switch
            {
                SpacingNode spacing => spacing.Text,
                ScalarNode scalar => scalar.Text,
                _ => "",
            }));
            return ScalarNode.String(text, concatenation.Origin);
        }

        var kinds = string.Join(" and ", defined.Select(Describe).Distinct());
        throw new ConfigException(
            $"{concatenation.Origin}: cannot concatenate {kinds} in the value of '{context.Render()}' (only strings with strings, arrays with arrays, objects with objects)");
    }

    private static IEnumerable<HoconPath> Candidates(SubstitutionNode substitution)
    {
        yield return substitution.Path;
        if (!substitution.Path.Equals(substitution.WrittenPath))
        {
            yield return substitution.WrittenPath;
        }
    }

    private static string Describe(Node node) => node switch
    {
        ObjectNode => "an object",
        ArrayNode => "an array",
        _ => "a string",
    };
}
