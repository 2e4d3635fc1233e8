using System.Globalization;
using System.Text;
using AkkaKv.Hocon.Paths;

namespace AkkaKv.Hocon.Parsing;

/// <summary>
/// Splits HOCON text into tokens, tracking 1-based line and column. Comments are dropped (the newline that
/// ends them is kept); whitespace is kept because it matters inside value concatenations and keys.
/// </summary>
internal sealed class Tokenizer
{
    private const string ReservedHint = "a key, value or separator (quote text that contains reserved characters)";

    private readonly string _text;
    private readonly string _sourceName;
    private int _position;
    private int _line = 1;
    private int _column = 1;

    private Tokenizer(string text, string sourceName)
    {
        _text = text;
        _sourceName = sourceName;
    }

    public static List<Token> Tokenize(string text, string sourceName)
    {
        var tokenizer = new Tokenizer(text, sourceName);
        tokenizer.SkipByteOrderMark();
        var tokens = new List<Token>();
        Token token;
        do
        {
            token = tokenizer.Next();
            tokens.Add(token);
        }
        while (token.Kind != TokenKind.End);

        return tokens;
    }

    /// <summary>Reads a whole text as one path expression, e.g. <c>a."b.c".d</c>.</summary>
    public static IReadOnlyList<string> TokenizePath(string text, string sourceName) =>
        new Tokenizer(text, sourceName).ReadPathExpression(insideSubstitution: false, 1, 1);

    /// <summary>Characters the spec reserves: they end unquoted text and must be quoted to be used.</summary>
    public static bool IsReserved(char c) => c is '$' or '"' or '{' or '}' or '[' or ']' or ':' or '=' or ','
        or '+' or '#' or '`' or '^' or '?' or '!' or '@' or '*' or '&' or '\\';

    /// <summary>Whitespace other than the newline, which is a token of its own.</summary>
    public static bool IsSpace(char c) => c != '\n' && (char.IsWhiteSpace(c) || c == '\uFEFF');

    private Token Next()
    {
        while (true)
        {
            if (_position >= _text.Length)
            {
                return new Token(TokenKind.End, "", _line, _column);
            }

            var c = _text[_position];
            if (c == '#' || (c == '/' && PeekAt(1) == '/'))
            {
                SkipComment();
                continue;
            }

            var line = _line;
            var column = _column;
            if (c == '\n')
            {
                Advance();
                return new Token(TokenKind.Newline, "\n", line, column);
            }

            if (IsSpace(c))
            {
                return new Token(TokenKind.Whitespace, ReadWhile(IsSpace), line, column);
            }

            return c switch
            {
                '{' => Single(TokenKind.OpenBrace),
                '}' => Single(TokenKind.CloseBrace),
                '[' => Single(TokenKind.OpenBracket),
                ']' => Single(TokenKind.CloseBracket),
                ',' => Single(TokenKind.Comma),
                '=' => Single(TokenKind.Equals),
                ':' => Single(TokenKind.Colon),
                '+' when PeekAt(1) == '=' => Pair(TokenKind.PlusEquals),
                '"' when PeekAt(1) == '"' && PeekAt(2) == '"' => ReadTripleQuoted(),
                '"' => ReadQuotedToken(),
                '$' when PeekAt(1) == '{' => ReadSubstitution(),
                _ when IsReserved(c) => throw Error(ReservedHint, $"reserved character '{c}'"),
                _ => new Token(TokenKind.Unquoted, ReadUnquoted(), line, column),
            };
        }
    }

    private Token Single(TokenKind kind)
    {
        var token = new Token(kind, _text[_position].ToString(), _line, _column);
        Advance();
        return token;
    }

    private Token Pair(TokenKind kind)
    {
        var token = new Token(kind, _text.Substring(_position, 2), _line, _column);
        Advance();
        Advance();
        return token;
    }

    private void SkipComment()
    {
        while (_position < _text.Length && _text[_position] != '\n')
        {
            Advance();
        }
    }

    private string ReadUnquoted()
    {
        var start = _position;
        while (_position < _text.Length)
        {
            var c = _text[_position];
            if (c == '\n' || IsSpace(c) || (c == '/' && PeekAt(1) == '/'))
            {
                break;
            }

            // '+' is reserved, but a JSON number's exponent may carry one: 1e+5.
            if (IsReserved(c) && !(c == '+' && IsExponentSign(start)))
            {
                break;
            }

            Advance();
        }

        return _text[start.._position];
    }

    private bool IsExponentSign(int start) =>
        _position > start && _text[_position - 1] is 'e' or 'E' && (char.IsAsciiDigit(_text[start]) || _text[start] == '-');

    private Token ReadQuotedToken()
    {
        var line = _line;
        var column = _column;
        return new Token(TokenKind.Quoted, ReadQuoted(), line, column);
    }

    private string ReadQuoted()
    {
        var openLine = _line;
        var openColumn = _column;
        Advance();
        var builder = new StringBuilder();
        while (true)
        {
            if (_position >= _text.Length)
            {
                throw Error($"a closing '\"' for the string opened at {openLine}:{openColumn}", "end of file");
            }

            var c = _text[_position];
            if (c == '\n')
            {
                throw Error($"a closing '\"' for the string opened at {openLine}:{openColumn}", "end of line");
            }

            if (c == '"')
            {
                Advance();
                return builder.ToString();
            }

            if (c == '\\')
            {
                builder.Append(ReadEscape());
                continue;
            }

            builder.Append(c);
            Advance();
        }
    }

    private char ReadEscape()
    {
        // Errors point at the backslash, where the escape starts.
        var line = _line;
        var column = _column;
        Advance();
        if (_position >= _text.Length)
        {
            throw new HoconParseException(_sourceName, line, column, "an escape sequence after '\\'", "end of file");
        }

        var c = _text[_position];
        Advance();
        switch (c)
        {
            case '"' or '\\' or '/':
                return c;
            case 'b':
                return '\b';
            case 'f':
                return '\f';
            case 'n':
                return '\n';
            case 'r':
                return '\r';
            case 't':
                return '\t';
            case 'u':
                var hex = _position + 4 <= _text.Length ? _text.Substring(_position, 4) : _text[_position..];
                if (hex.Length != 4 || !ushort.TryParse(hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code))
                {
                    throw new HoconParseException(_sourceName, line, column, "four hex digits after '\\u'", $"'{hex}'");
                }

                for (var i = 0; i < 4; i++)
                {
                    Advance();
                }

                return (char)code;
            default:
                throw new HoconParseException(_sourceName, line, column, "an escape sequence (\\\" \\\\ \\/ \\b \\f \\n \\r \\t or \\uXXXX)", $"'\\{c}'");
        }
    }

    private Token ReadTripleQuoted()
    {
        var line = _line;
        var column = _column;
        Advance();
        Advance();
        Advance();
        var start = _position;
        while (_position < _text.Length)
        {
            if (_text[_position] == '"' && PeekAt(1) == '"' && PeekAt(2) == '"')
            {
                // Any run of three or more quotes closes the string; quotes beyond three belong to it.
                while (_position < _text.Length && _text[_position] == '"')
                {
                    Advance();
                }

                var content = _text[start..(_position - 3)];
                return new Token(TokenKind.TripleQuoted, content, line, column);
            }

            Advance();
        }

        throw Error($"a closing \"\"\" for the string opened at {line}:{column}", "end of file");
    }

    private Token ReadSubstitution()
    {
        var line = _line;
        var column = _column;
        Advance();
        Advance();
        var optional = PeekAt(0) == '?';
        if (optional)
        {
            Advance();
        }

        var textStart = _position;
        var path = ReadPathExpression(insideSubstitution: true, line, column);
        var text = _text[textStart..(_position - 1)].Trim();
        return new Token(TokenKind.Substitution, text, line, column) { SubstitutionPath = path, OptionalSubstitution = optional };
    }

    /// <summary>
    /// Reads a path expression up to the closing '}' of a substitution (consumed) or to the end of the text.
    /// </summary>
    private IReadOnlyList<string> ReadPathExpression(bool insideSubstitution, int openLine, int openColumn)
    {
        var builder = new PathBuilder();
        string? pendingSpace = null;
        var closer = insideSubstitution ? $"'}}' to close the substitution opened at {openLine}:{openColumn}" : "a path expression";
        while (true)
        {
            if (_position >= _text.Length)
            {
                if (insideSubstitution)
                {
                    throw Error(closer, "end of file");
                }

                if (!builder.EndsWithElement)
                {
                    throw Error("a path element", "end of path");
                }

                break;
            }

            var c = _text[_position];
            if (c == '}' && insideSubstitution)
            {
                if (!builder.EndsWithElement)
                {
                    throw Error("a path element", "'}'");
                }

                Advance();
                break;
            }

            if (c == '\n')
            {
                throw Error(closer, "end of line");
            }

            if (IsSpace(c))
            {
                pendingSpace = ReadWhile(IsSpace);
                continue;
            }

            if (pendingSpace is not null && !builder.IsEmpty)
            {
                builder.AddWhitespace(pendingSpace);
            }

            pendingSpace = null;
            if (c == '"')
            {
                builder.AddQuoted(ReadQuoted());
                continue;
            }

            if (IsReserved(c) || (c == '/' && PeekAt(1) == '/'))
            {
                throw Error("a path element or '.'", $"'{c}'");
            }

            var line = _line;
            var column = _column;
            if (builder.AddUnquoted(ReadUnquoted()) is { } problem)
            {
                throw new HoconParseException(_sourceName, line, column, problem, "'.'");
            }
        }

        return builder.Build();
    }

    private string ReadWhile(Func<char, bool> predicate)
    {
        var start = _position;
        while (_position < _text.Length && predicate(_text[_position]))
        {
            Advance();
        }

        return _text[start.._position];
    }

    private void SkipByteOrderMark()
    {
        if (_text.Length > 0 && _text[0] == '\uFEFF')
        {
            _position = 1;
        }
    }

    private char PeekAt(int offset) => _position + offset < _text.Length ? _text[_position + offset] : '\0';

    private void Advance()
    {
        if (_text[_position] == '\n')
        {
            _line++;
            _column = 1;
        }
        else
        {
            _column++;
        }

        _position++;
    }

    private HoconParseException Error(string expected, string found) =>
        new(_sourceName, _line, _column, expected, found);
}
