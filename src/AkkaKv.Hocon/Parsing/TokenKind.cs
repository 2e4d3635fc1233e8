namespace AkkaKv.Hocon.Parsing;

internal enum TokenKind
{
    OpenBrace,
    CloseBrace,
    OpenBracket,
    CloseBracket,
    Comma,
    Equals,
    Colon,
    PlusEquals,
    Newline,
    Whitespace,
    Unquoted,
    Quoted,
    TripleQuoted,
    Substitution,
    End,
}
