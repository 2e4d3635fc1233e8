using System.Globalization;
using System.Text;

namespace AkkaKv.Hocon.Rendering;

/// <summary>Decides when text must be quoted to read back unchanged, and quotes it with JSON escapes.</summary>
internal static class HoconQuoting
{
    public static string KeySegment(string key) => NeedsQuotes(key, dotIsLiteral: false) ? Quote(key) : key;

    public static string StringValue(string text) => NeedsQuotes(text, dotIsLiteral: true) ? Quote(text) : text;

    public static string Quote(string text)
    {
        var builder = new StringBuilder(text.Length + 2);
        builder.Append('"');
        foreach (var c in text)
        {
            switch (c)
            {
                case '"':
                    builder.Append("\\\"");
                    break;
                case '\\':
                    builder.Append("\\\\");
                    break;
                case '\n':
                    builder.Append("\\n");
                    break;
                case '\r':
                    builder.Append("\\r");
                    break;
                case '\t':
                    builder.Append("\\t");
                    break;
                case '\b':
                    builder.Append("\\b");
                    break;
                case '\f':
                    builder.Append("\\f");
                    break;
                case < ' ':
                    builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    break;
                default:
                    builder.Append(c);
                    break;
            }
        }

        return builder.Append('"').ToString();
    }

    // Conservative: plain words stay bare; anything that could read back as another type or split differently is quoted.
    private static bool NeedsQuotes(string text, bool dotIsLiteral)
    {
        if (text.Length == 0 || text is "true" or "false" or "null" or "include" || text.Contains("//", StringComparison.Ordinal))
        {
            return true;
        }

        if (!(char.IsLetter(text[0]) || text[0] is '_' or '/'))
        {
            return true;
        }

        foreach (var c in text)
        {
            var safe = char.IsLetterOrDigit(c) || c is '_' or '-' or '/' || (c == '.' && dotIsLiteral);
            if (!safe)
            {
                return true;
            }
        }

        return false;
    }
}
