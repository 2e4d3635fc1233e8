using System.Globalization;
using System.Text;

namespace AkkaKv.Protocol;

/// <summary>One reply as a client sees it. Built by <see cref="RespReader"/>; meant for tests and tools, not hot paths.</summary>
public sealed class RespValue
{
    public static RespValue Nil { get; } = new() { Type = RespType.Null };

    public RespType Type { get; init; }

    /// <summary>
    /// Simple strings and errors; bulk strings, blob errors and verbatim text decoded as UTF-8;
    /// a double or big number as it was sent.
    /// </summary>
    public string? Text { get; init; }

    /// <summary>The payload of bulk strings, blob errors and verbatim strings (without the "txt:" prefix).</summary>
    public byte[]? Bytes { get; init; }

    public long Integer { get; init; }

    public double Double { get; init; }

    public bool Boolean { get; init; }

    /// <summary>Elements of arrays, sets and pushes; maps and attributes as a flat key, value, key, value list.</summary>
    public IReadOnlyList<RespValue>? Items { get; init; }

    /// <summary>The three-letter format of a verbatim string ("txt", "mkd").</summary>
    public string? Format { get; init; }

    /// <summary>A RESP3 attribute that preceded this reply, if any.</summary>
    public RespValue? Attributes { get; init; }

    public bool IsNull => Type == RespType.Null;

    public bool IsError => Type is RespType.Error or RespType.BlobError;

    public static RespValue SimpleString(string text) => new() { Type = RespType.SimpleString, Text = text };

    public static RespValue Error(string text) => new() { Type = RespType.Error, Text = text };

    public static RespValue FromInteger(long value) => new() { Type = RespType.Integer, Integer = value };

    public static RespValue Bulk(string text) => Bulk(Encoding.UTF8.GetBytes(text));

    public static RespValue Bulk(byte[] bytes) =>
        new() { Type = RespType.BulkString, Bytes = bytes, Text = Encoding.UTF8.GetString(bytes) };

    public static RespValue Array(params RespValue[] items) => new() { Type = RespType.Array, Items = items };

    /// <summary>
    /// Compact text for assertions and logs: <c>OK</c>, <c>(error) ERR x</c>, <c>(integer) 1</c>, <c>value</c>,
    /// <c>(nil)</c>, <c>[a, b]</c>, <c>{k: v}</c>, <c>~[a]</c> for sets, <c>&gt;[a]</c> for pushes.
    /// </summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        Append(text);
        return text.ToString();
    }

    private void Append(StringBuilder text)
    {
        switch (Type)
        {
            case RespType.Error or RespType.BlobError:
                text.Append("(error) ").Append(Text);
                break;
            case RespType.Integer:
                text.Append("(integer) ").Append(Integer.ToString(CultureInfo.InvariantCulture));
                break;
            case RespType.Null:
                text.Append("(nil)");
                break;
            case RespType.Boolean:
                text.Append(Boolean ? "(true)" : "(false)");
                break;
            case RespType.Array:
                AppendItems(text, "[", ", ", "]");
                break;
            case RespType.Set:
                AppendItems(text, "~[", ", ", "]");
                break;
            case RespType.Push:
                AppendItems(text, ">[", ", ", "]");
                break;
            case RespType.Map or RespType.Attribute:
                AppendPairs(text, Type == RespType.Map ? "{" : "|{");
                break;
            default:
                text.Append(Text);
                break;
        }
    }

    private void AppendItems(StringBuilder text, string open, string separator, string close)
    {
        text.Append(open);
        IReadOnlyList<RespValue> items = Items ?? [];
        for (int i = 0; i < items.Count; i++)
        {
            text.Append(i == 0 ? "" : separator);
            items[i].Append(text);
        }

        text.Append(close);
    }

    private void AppendPairs(StringBuilder text, string open)
    {
        text.Append(open);
        IReadOnlyList<RespValue> items = Items ?? [];
        for (int i = 0; i + 1 < items.Count; i += 2)
        {
            text.Append(i == 0 ? "" : ", ");
            items[i].Append(text);
            text.Append(": ");
            items[i + 1].Append(text);
        }

        text.Append('}');
    }
}
