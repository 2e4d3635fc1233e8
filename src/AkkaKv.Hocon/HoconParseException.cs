namespace AkkaKv.Hocon;

/// <summary>
/// A HOCON text is malformed. The message reads <c>file:line:column: expected X but found Y</c> with 1-based
/// line and column.
/// </summary>
public sealed class HoconParseException : Exception
{
    public HoconParseException(string fileName, int line, int column, string expected, string found)
        : base($"{fileName}:{line}:{column}: expected {expected} but found {found}")
    {
        FileName = fileName;
        Line = line;
        Column = column;
        Reason = $"expected {expected} but found {found}";
    }

    public string FileName { get; }

    public int Line { get; }

    public int Column { get; }

    /// <summary>The message without its location.</summary>
    public string Reason { get; }
}
