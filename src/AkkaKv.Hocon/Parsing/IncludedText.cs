namespace AkkaKv.Hocon.Parsing;

/// <summary>
/// The text of an included file or resource. <see cref="Identity"/> tells two includes of the same
/// target apart from two targets with the same name; <see cref="Source"/> resolves includes nested in it.
/// </summary>
internal sealed record IncludedText(string Text, string SourceName, string Identity, IncludeSource Source);
