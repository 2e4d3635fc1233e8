namespace AkkaKv.Hocon.Parsing;

/// <summary>How an include names its target: <c>include "x"</c>, <c>file("x")</c> or <c>classpath("x")</c>.</summary>
internal enum IncludeKind
{
    Unspecified,
    File,
    Classpath,
    Url,
}
