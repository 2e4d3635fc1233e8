namespace AkkaKv.Hocon.Parsing;

/// <summary>
/// One lexical token with its 1-based position. <see cref="Text"/> is the decoded string for quoted tokens
/// and the raw text otherwise; a substitution carries its parsed path.
/// </summary>
internal readonly record struct Token(TokenKind Kind, string Text, int Line, int Column)
{
    public IReadOnlyList<string>? SubstitutionPath { get; init; }

    public bool OptionalSubstitution { get; init; }

    /// <summary>How the token reads in an error message ("found ...").</summary>
    public string Describe() => Kind switch
    {
        TokenKind.Newline => "end of line",
        TokenKind.End => "end of file",
        TokenKind.Whitespace => "whitespace",
        TokenKind.Quoted => $"string \"{Text}\"",
        TokenKind.TripleQuoted => "triple-quoted string",
        TokenKind.Substitution => (OptionalSubstitution ? "substitution ${?" : "substitution ${") + Text + "}",
        _ => $"'{Text}'",
    };
}
