namespace AkkaKv.Hocon.Paths;

/// <summary>
/// Turns the pieces of a key or substitution path into segments: dots split unquoted text, quoted text is
/// taken whole, whitespace between pieces is kept (<c>a b c = 1</c> is the key "a b c").
/// </summary>
internal sealed class PathBuilder
{
    private readonly List<string> _segments = [];
    private readonly System.Text.StringBuilder _current = new();

    // A quoted "" is a real (empty) segment, so emptiness alone cannot tell whether a segment was written.
    private bool _currentWritten;

    public bool IsEmpty => _segments.Count == 0 && !_currentWritten;

    /// <summary>False when nothing was written or the text so far ends with a dot.</summary>
    public bool EndsWithElement => _currentWritten;

    public void AddQuoted(string text)
    {
        _current.Append(text);
        _currentWritten = true;
    }

    public void AddWhitespace(string text)
    {
        _current.Append(text);
        _currentWritten = true;
    }

    /// <summary>Adds unquoted text; returns an error message when a dot leaves a segment empty.</summary>
    public string? AddUnquoted(string text)
    {
        foreach (var c in text)
        {
            if (c != '.')
            {
                _current.Append(c);
                _currentWritten = true;
                continue;
            }

            if (!_currentWritten)
            {
                return "a path element before '.' (use \"\" for an empty key)";
            }

            FinishSegment();
        }

        return null;
    }

    /// <summary>The segments; callers check <see cref="EndsWithElement"/> first.</summary>
    public IReadOnlyList<string> Build()
    {
        FinishSegment();
        return _segments;
    }

    private void FinishSegment()
    {
        _segments.Add(_current.ToString());
        _current.Clear();
        _currentWritten = false;
    }
}
