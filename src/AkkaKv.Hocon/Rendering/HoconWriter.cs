using System.Text;
using AkkaKv.Hocon.Model;

namespace AkkaKv.Hocon.Rendering;

/// <summary>Writes a resolved tree as HOCON: nested objects indented, arrays and their contents on one line.</summary>
internal static class HoconWriter
{
    private const int IndentWidth = 4;

    public static string Render(ObjectNode root)
    {
        var builder = new StringBuilder();
        WriteFields(builder, root, 0);
        return builder.ToString();
    }

    /// <summary>A value on one line: what a field holds to the right of '='.</summary>
    public static string Inline(Node value)
    {
        var builder = new StringBuilder();
        WriteInline(builder, value);
        return builder.ToString();
    }

    public static string ScalarText(ScalarNode scalar) => scalar.Kind switch
    {
        ScalarKind.String => HoconQuoting.StringValue(scalar.Text),
        ScalarKind.Null => "null",
        _ => scalar.Text,
    };

    private static void WriteFields(StringBuilder builder, ObjectNode node, int depth)
    {
        foreach (var (key, value) in node.Fields)
        {
            builder.Append(' ', depth * IndentWidth).Append(HoconQuoting.KeySegment(key));
            if (value is ObjectNode { Count: > 0 } nested)
            {
                builder.Append(" {\n");
                WriteFields(builder, nested, depth + 1);
                builder.Append(' ', depth * IndentWidth).Append("}\n");
            }
            else if (value is ObjectNode)
            {
                builder.Append(" {}\n");
            }
            else
            {
                builder.Append(" = ");
                WriteInline(builder, value);
                builder.Append('\n');
            }
        }
    }

    private static void WriteInline(StringBuilder builder, Node value)
    {
        switch (value)
        {
            case ScalarNode scalar:
                builder.Append(ScalarText(scalar));
                break;
            case ArrayNode array:
                builder.Append('[');
                for (var i = 0; i < array.Elements.Count; i++)
                {
                    builder.Append(i == 0 ? "" : ", ");
                    WriteInline(builder, array.Elements[i]);
                }

                builder.Append(']');
                break;
            case ObjectNode { Count: 0 }:
                builder.Append("{}");
                break;
            case ObjectNode node:
                builder.Append("{ ");
                var first = true;
                foreach (var (key, field) in node.Fields)
                {
                    builder.Append(first ? "" : ", ").Append(HoconQuoting.KeySegment(key)).Append(" = ");
                    WriteInline(builder, field);
                    first = false;
                }

                builder.Append(" }");
                break;
            default:
                throw new InvalidOperationException($"Cannot render unresolved {value.GetType().Name}");
        }
    }
}
