using AkkaKv.Hocon.Model;
using AkkaKv.Hocon.Paths;

namespace AkkaKv.Hocon.Parsing;

/// <summary>
/// Recursive-descent parser from tokens to an unresolved tree. Paths it records (for <c>+=</c> and
/// substitutions in included files) are absolute, so an included document knows where it sits.
/// </summary>
internal sealed partial class Parser
{
    private readonly List<Token> _tokens;
    private readonly string _sourceName;
    private readonly IncludeSource _includeSource;
    private readonly IReadOnlyList<string> _includeChain;
    private readonly HoconPath _includePrefix;
    private int _index;

    private Parser(string text, string sourceName, IncludeSource includeSource, IReadOnlyList<string> includeChain, HoconPath includePrefix)
    {
        _tokens = Tokenizer.Tokenize(text, sourceName);
        _sourceName = sourceName;
        _includeSource = includeSource;
        _includeChain = includeChain;
        _includePrefix = includePrefix;
    }

    private Token Peek => _tokens[_index];

    /// <summary>Parses a whole document; its root braces are optional.</summary>
    public static ObjectNode ParseDocument(string text, string sourceName, IncludeSource includeSource, string identity) =>
        new Parser(text, sourceName, includeSource, [identity], HoconPath.Root).ParseRoot();

    /// <summary>Parses one value, as written to the right of '=' (for <see cref="Config.WithValue"/>).</summary>
    public static Node ParseSingleValue(string text, string sourceName, HoconPath fieldPath)
    {
        var parser = new Parser(text, sourceName, FileIncludeSource.CurrentDirectory, [], HoconPath.Root);
        parser.SkipBlank();
        var value = parser.ParseValue(fieldPath, "a value");
        parser.SkipBlank();
        if (parser.Peek.Kind != TokenKind.End)
        {
            throw parser.Expected("end of the value", parser.Peek);
        }

        return value;
    }

    private ObjectNode ParseRoot()
    {
        SkipBlank();
        ObjectNode root;
        if (Peek.Kind == TokenKind.OpenBrace)
        {
            root = ParseObjectBody(_includePrefix, Take());
        }
        else if (Peek.Kind == TokenKind.OpenBracket)
        {
            throw Expected("an object at the root of the document", Peek);
        }
        else
        {
            root = ParseObjectBody(_includePrefix, open: null);
        }

        SkipBlank();
        if (Peek.Kind != TokenKind.End)
        {
            throw Expected("end of file after the root object's closing '}'", Peek);
        }

        return root;
    }

    /// <summary>Fields up to the closing brace (consumed) or, for a brace-less root, to the end of the file.</summary>
    private ObjectNode ParseObjectBody(HoconPath objectPath, Token? open)
    {
        var target = new ObjectNode();
        while (true)
        {
            SkipBlank();
            var token = Peek;
            if (token.Kind == TokenKind.CloseBrace && open is not null)
            {
                Take();
                return target;
            }

            if (token.Kind == TokenKind.End)
            {
                return open is null
                    ? target
                    : throw Expected($"'}}' to close the object opened at {open.Value.Line}:{open.Value.Column}", token);
            }

            var key = ParseField(target, objectPath);
            SkipSpaces();
            token = Peek;
            if (token.Kind == TokenKind.Comma)
            {
                Take();
            }
            else if (token.Kind is not (TokenKind.Newline or TokenKind.End) && !(token.Kind == TokenKind.CloseBrace && open is not null))
            {
                var closer = open is null ? "" : " or '}'";
                throw Expected($"',' or a newline{closer} after the value of '{key}'", token);
            }
        }
    }

    /// <summary>Parses one field (or include) into <paramref name="target"/>; returns the key for messages.</summary>
    private string ParseField(ObjectNode target, HoconPath objectPath)
    {
        if (IsIncludeStatement())
        {
            ParseInclude(target, objectPath);
            return "include";
        }

        var keyStart = Peek;
        var key = ParseKey();
        var fieldPath = objectPath.Concat(key);
        SkipSpaces();
        var separator = Peek;
        Node value;
        switch (separator.Kind)
        {
            case TokenKind.Equals or TokenKind.Colon:
                Take();
                SkipBlank();
                value = ParseValue(fieldPath, $"a value for '{key.Render()}'");
                break;
            case TokenKind.PlusEquals:
                Take();
                SkipBlank();
                value = Append(fieldPath, ParseValue(fieldPath, $"a value for '{key.Render()}'"), keyStart);
                break;
            case TokenKind.OpenBrace:
                value = ParseValue(fieldPath, $"a value for '{key.Render()}'");
                break;
            default:
                throw Expected($"'=' or ':' or '{{' after key '{key.Render()}'", separator);
        }

        AddField(target, key.Segments, 0, value);
        return key.Render();
    }

    /// <summary><c>a += x</c> means <c>a = ${?a} [x]</c>.</summary>
    private ConcatenationNode Append(HoconPath fieldPath, Node element, Token keyStart)
    {
        var origin = Origin(keyStart);
        var previous = new SubstitutionNode(fieldPath, fieldPath, optional: true, origin);
        return new ConcatenationNode([previous, new ArrayNode([element])], origin);
    }

    /// <summary><c>a.b.c = v</c> is <c>a { b { c = v } }</c>, merged with what is already there.</summary>
    private static void AddField(ObjectNode target, IReadOnlyList<string> segments, int index, Node value)
    {
        var key = segments[index];
        if (index == segments.Count - 1)
        {
            NodeMerger.SetField(target, key, value);
            return;
        }

        if (target.Get(key) is ObjectNode existing)
        {
            AddField(existing, segments, index + 1, value);
            return;
        }

        var nested = new ObjectNode();
        AddField(nested, segments, index + 1, value);
        NodeMerger.SetField(target, key, nested);
    }

    private HoconPath ParseKey()
    {
        var builder = new PathBuilder();
        string? pendingSpace = null;
        while (true)
        {
            var token = Peek;
            if (token.Kind == TokenKind.Whitespace)
            {
                pendingSpace = Take().Text;
                continue;
            }

            if (token.Kind is not (TokenKind.Unquoted or TokenKind.Quoted))
            {
                break;
            }

            if (pendingSpace is not null)
            {
                builder.AddWhitespace(pendingSpace);
                pendingSpace = null;
            }

            Take();
            if (token.Kind == TokenKind.Quoted)
            {
                builder.AddQuoted(token.Text);
            }
            else if (builder.AddUnquoted(token.Text) is { } problem)
            {
                throw new HoconParseException(_sourceName, token.Line, token.Column, problem, "'.'");
            }
        }

        if (builder.IsEmpty)
        {
            throw Expected("a key", Peek);
        }

        if (!builder.EndsWithElement)
        {
            throw Expected("a path element after '.' in the key", Peek);
        }

        return HoconPath.Of(builder.Build());
    }

    private Token Take() => _tokens[_index++];

    /// <summary>Skips spaces and tabs, not newlines.</summary>
    private void SkipSpaces()
    {
        while (Peek.Kind == TokenKind.Whitespace)
        {
            _index++;
        }
    }

    /// <summary>Skips whitespace and newlines.</summary>
    private void SkipBlank()
    {
        while (Peek.Kind is TokenKind.Whitespace or TokenKind.Newline)
        {
            _index++;
        }
    }

    private string Origin(Token token) => $"{_sourceName}:{token.Line}";

    private HoconParseException Expected(string expected, Token found) =>
        new(_sourceName, found.Line, found.Column, expected, found.Describe());
}
