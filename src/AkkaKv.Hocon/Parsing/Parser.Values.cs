using AkkaKv.Hocon.Model;
using AkkaKv.Hocon.Paths;

namespace AkkaKv.Hocon.Parsing;

internal sealed partial class Parser
{
    /// <summary>
    /// A value and whatever is concatenated to it on the same line: <c>hello world</c>, <c>${a} [b]</c>,
    /// <c>{ x = 1 } { y = 2 }</c>.
    /// </summary>
    private Node ParseValue(HoconPath fieldPath, string expected)
    {
        var parts = new List<(Node Node, Token Token)>();
        string? pendingSpace = null;
        while (true)
        {
            var token = Peek;
            if (token.Kind == TokenKind.Whitespace)
            {
                pendingSpace = Take().Text;
                continue;
            }

            var part = ParseValuePart(fieldPath, token);
            if (part is null)
            {
                break;
            }

            // Only whitespace between two parts counts; around the value it is trimmed.
            if (pendingSpace is not null && parts.Count > 0)
            {
                parts.Add((new SpacingNode(pendingSpace), token));
            }

            pendingSpace = null;
            parts.Add((part, token));
        }

        if (parts.Count == 0)
        {
            throw Expected(expected, Peek);
        }

        return parts.Count == 1 ? parts[0].Node : Concatenate(parts);
    }

    private Node? ParseValuePart(HoconPath fieldPath, Token token)
    {
        switch (token.Kind)
        {
            case TokenKind.Unquoted:
                Take();
                return Unquoted(token);
            case TokenKind.Quoted or TokenKind.TripleQuoted:
                Take();
                return ScalarNode.String(token.Text, Origin(token));
            case TokenKind.Substitution:
                Take();
                var written = HoconPath.Of(token.SubstitutionPath!);
                return new SubstitutionNode(_includePrefix.Concat(written), written, token.OptionalSubstitution, $"{_sourceName}:{token.Line}:{token.Column}");
            case TokenKind.OpenBrace:
                return ParseObjectBody(fieldPath, Take());
            case TokenKind.OpenBracket:
                return ParseArray(fieldPath, Take());
            default:
                return null;
        }
    }

    private ScalarNode Unquoted(Token token)
    {
        var kind = token.Text switch
        {
            "true" or "false" => ScalarKind.Boolean,
            "null" => ScalarKind.Null,
            _ when NumberSyntax.IsNumber(token.Text) => ScalarKind.Number,
            _ => ScalarKind.String,
        };
        return new ScalarNode(kind, token.Text, Origin(token));
    }

    private ArrayNode ParseArray(HoconPath fieldPath, Token open)
    {
        var elements = new List<Node>();
        while (true)
        {
            SkipBlank();
            var token = Peek;
            if (token.Kind == TokenKind.CloseBracket)
            {
                Take();
                return new ArrayNode(elements);
            }

            if (token.Kind == TokenKind.End)
            {
                throw Expected($"']' to close the array opened at {open.Line}:{open.Column}", token);
            }

            elements.Add(ParseValue(fieldPath, "an array element or ']'"));
            SkipSpaces();
            token = Peek;
            if (token.Kind == TokenKind.Comma)
            {
                Take();
            }
            else if (token.Kind is not (TokenKind.Newline or TokenKind.CloseBracket or TokenKind.End))
            {
                throw Expected("',' or a newline or ']' after an array element", token);
            }
        }
    }

    /// <summary>
    /// Joins parts written side by side. Without substitutions the result is known now: a string, one merged
    /// object or one array; with them it waits for the resolver.
    /// </summary>
    private Node Concatenate(List<(Node Node, Token Token)> parts)
    {
        var origin = Origin(parts[0].Token);
        if (parts.Any(p => p.Node is SubstitutionNode))
        {
            return new ConcatenationNode([.. parts.Select(p => p.Node)], origin);
        }

        var values = parts.Where(p => p.Node is not SpacingNode).ToList();
        var firstKind = KindName(values[0].Node);
        if (values.Find(p => KindName(p.Node) != firstKind) is { Node: not null } mismatch)
        {
            throw Expected($"only {firstKind}s in this concatenation (values on one line are joined)", mismatch.Token);
        }

        switch (values[0].Node)
        {
            case ObjectNode first:
                foreach (var (node, _) in values.Skip(1))
                {
                    NodeMerger.MergeInto(first, (ObjectNode)node);
                }

                return first;
            case ArrayNode:
                return new ArrayNode([.. values.SelectMany(p => ((ArrayNode)p.Node).Elements)]);
            default:
                var text = string.Concat(parts.Select(p => p.Node is SpacingNode s ? s.Text : ((ScalarNode)p.Node).Text));
                return ScalarNode.String(text, origin);
        }
    }

    private static string KindName(Node node) => node switch
    {
        ObjectNode => "object",
        ArrayNode => "array",
        _ => "simple value",
    };
}
