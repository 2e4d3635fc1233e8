using System.Text;

namespace AkkaKv.Scripting;

/// <summary>How Redis splits a script's shebang line or a library's metadata line into words.</summary>
public static class ShebangWords
{
    /// <summary>sdssplitargs: blank-separated words, double quotes with escapes, single quotes verbatim; null when unbalanced.</summary>
    public static List<string>? Split(string line)
    {
        var parts = new List<string>();
        var i = 0;
        while (true)
        {
            while (i < line.Length && char.IsWhiteSpace(line[i])) i++;
            if (i == line.Length) return parts;
            var word = new StringBuilder();
            var quote = '\0';
            while (i < line.Length)
            {
                var ch = line[i];
                if (quote == '\0')
                {
                    if (char.IsWhiteSpace(ch)) break;
                    if (ch is '"' or '\'') quote = ch;
                    else word.Append(ch);
                    i++;
                    continue;
                }
                if (quote == '"' && ch == '\\' && i + 1 < line.Length)
                {
                    word.Append(line[i + 1] switch { 'n' => '\n', 'r' => '\r', 't' => '\t', 'b' => '\b', 'a' => '\a', var c => c });
                    i += 2;
                    continue;
                }
                if (ch == quote)
                {
                    // A closing quote must be followed by a blank or the end.
                    if (i + 1 < line.Length && !char.IsWhiteSpace(line[i + 1])) return null;
                    quote = '\0';
                    i++;
                    break;
                }
                word.Append(ch);
                i++;
            }
            if (quote != '\0') return null;
            parts.Add(word.ToString());
        }
    }
}
