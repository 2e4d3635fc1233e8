using AkkaKv.Hocon.Parsing;
using AkkaKv.Hocon.Rendering;

namespace AkkaKv.Hocon.Paths;

/// <summary>A path through the object tree: its segments are raw keys, dots inside a segment are literal.</summary>
internal sealed class HoconPath : IEquatable<HoconPath>
{
    // Joined with a character that cannot appear in a config file's keys by accident, to serve as a dictionary key.
    private const char KeySeparator = '\u001F';

    private readonly string[] _segments;

    private HoconPath(string[] segments)
    {
        _segments = segments;
        Key = string.Join(KeySeparator, segments);
    }

    public static HoconPath Root { get; } = new([]);

    public IReadOnlyList<string> Segments => _segments;

    public int Length => _segments.Length;

    public string Last => _segments[^1];

    /// <summary>A unique string form, used to memoize per-path results.</summary>
    public string Key { get; }

    public HoconPath Parent => new(_segments[..^1]);

    public static HoconPath Of(IReadOnlyList<string> segments) => new([.. segments]);

    /// <summary>Parses an API path such as <c>akkakv.port</c> or <c>a."b.c"</c>.</summary>
    public static HoconPath Parse(string text)
    {
        if (TrySplitSimple(text) is { } simple)
        {
            return new HoconPath(simple);
        }

        try
        {
            return new HoconPath([.. Tokenizer.TokenizePath(text, "<path>")]);
        }
        catch (HoconParseException e)
        {
            throw new ConfigException($"Invalid configuration path '{text}': {e.Reason}", e);
        }
    }

    public HoconPath Child(string key) => new([.. _segments, key]);

    public HoconPath Concat(HoconPath suffix) => new([.. _segments, .. suffix._segments]);

    public HoconPath Skip(int count) => new(_segments[count..]);

    /// <summary>True when this path equals <paramref name="prefix"/> or lies underneath it.</summary>
    public bool StartsWith(HoconPath prefix)
    {
        if (prefix.Length > Length)
        {
            return false;
        }

        for (var i = 0; i < prefix.Length; i++)
        {
            if (!string.Equals(_segments[i], prefix._segments[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Path expression text that parses back to this path.</summary>
    public string Render() => string.Join('.', _segments.Select(HoconQuoting.KeySegment));

    public bool Equals(HoconPath? other) => other is not null && string.Equals(Key, other.Key, StringComparison.Ordinal);

    public override bool Equals(object? obj) => Equals(obj as HoconPath);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Key);

    public override string ToString() => Render();

    // Most paths are plain words joined by dots; they need no tokenizer.
    private static string[]? TrySplitSimple(string text)
    {
        if (text.Length == 0 || text[0] == '.' || text[^1] == '.' || text.Contains("..", StringComparison.Ordinal))
        {
            return null;
        }

        foreach (var c in text)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            {
                return null;
            }
        }

        return text.Split('.');
    }
}
