using AkkaKv.Hocon.Model;
using AkkaKv.Hocon.Paths;

namespace AkkaKv.Hocon.Parsing;

internal sealed partial class Parser
{
    private const string IncludeForms = "a quoted name, file(\"...\"), classpath(\"...\") or required(...) after include";

    /// <summary>
    /// <c>include</c> starts an include only when followed by a target; <c>include = 1</c> is an ordinary key.
    /// </summary>
    private bool IsIncludeStatement()
    {
        if (Peek is not { Kind: TokenKind.Unquoted, Text: "include" } || _index + 2 >= _tokens.Count)
        {
            return false;
        }

        var afterSpace = _tokens[_index + 2];
        return _tokens[_index + 1].Kind == TokenKind.Whitespace
            && (afterSpace.Kind == TokenKind.Quoted || (afterSpace.Kind == TokenKind.Unquoted && afterSpace.Text.EndsWith('(')));
    }

    private void ParseInclude(ObjectNode target, HoconPath objectPath)
    {
        var includeToken = Take();
        var (kind, required, nameToken) = ParseIncludeTarget();
        if (kind == IncludeKind.Url)
        {
            throw new HoconParseException(_sourceName, includeToken.Line, includeToken.Column, IncludeForms, "url(...), which is not supported");
        }

        var included = _includeSource.Load(kind, nameToken.Text);
        if (included is null)
        {
            if (required)
            {
                throw new HoconParseException(_sourceName, nameToken.Line, nameToken.Column, $"the required include '{nameToken.Text}' to exist", "no such file or resource");
            }

            return;
        }

        if (_includeChain.Contains(included.Identity))
        {
            throw new HoconParseException(_sourceName, nameToken.Line, nameToken.Column, "includes without a cycle", $"'{nameToken.Text}' including itself again");
        }

        var parser = new Parser(included.Text, included.SourceName, included.Source, [.. _includeChain, included.Identity], objectPath);
        NodeMerger.MergeInto(target, parser.ParseRoot());
    }

    /// <summary>Reads <c>"x"</c>, <c>file("x")</c>, <c>required(file("x"))</c> and the like.</summary>
    private (IncludeKind Kind, bool Required, Token Name) ParseIncludeTarget()
    {
        SkipSpaces();
        var opening = "";
        while (Peek.Kind is TokenKind.Unquoted or TokenKind.Whitespace)
        {
            opening += Take().Text.Trim();
        }

        if (Peek.Kind != TokenKind.Quoted)
        {
            throw Expected(IncludeForms, Peek);
        }

        var name = Take();
        var required = opening.StartsWith("required(", StringComparison.Ordinal);
        var inner = required ? opening["required(".Length..] : opening;
        var kind = inner switch
        {
            "" => IncludeKind.Unspecified,
            "file(" => IncludeKind.File,
            "classpath(" => IncludeKind.Classpath,
            "url(" => IncludeKind.Url,
            _ => throw new HoconParseException(_sourceName, name.Line, name.Column, IncludeForms, $"'{opening}'"),
        };

        var expectedClosing = new string(')', opening.Count(c => c == '('));
        var closing = "";
        SkipSpaces();
        var closingToken = Peek;
        while (Peek.Kind is TokenKind.Unquoted or TokenKind.Whitespace)
        {
            closing += Take().Text.Trim();
        }

        if (closing != expectedClosing)
        {
            var found = closing.Length > 0 ? closingToken : Peek;
            throw Expected(expectedClosing.Length > 0 ? $"'{expectedClosing}' after the include name" : "end of the include", found);
        }

        return (kind, required, name);
    }
}
