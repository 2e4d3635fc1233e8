namespace AkkaKv.Hocon.Model;

/// <summary>Structural equality of resolved trees; field order does not matter, element order does.</summary>
internal static class NodeEquality
{
    public static bool Equal(Node left, Node right) => (left, right) switch
    {
        (ScalarNode a, ScalarNode b) => a.Kind == b.Kind && string.Equals(a.Text, b.Text, StringComparison.Ordinal),
        (ArrayNode a, ArrayNode b) => a.Elements.Count == b.Elements.Count
            && a.Elements.Zip(b.Elements).All(pair => Equal(pair.First, pair.Second)),
        (ObjectNode a, ObjectNode b) => a.Count == b.Count
            && a.Fields.All(field => b.Get(field.Key) is { } other && Equal(field.Value, other)),
        _ => false,
    };

    public static int Hash(Node node) => node switch
    {
        ScalarNode scalar => HashCode.Combine(scalar.Kind, StringComparer.Ordinal.GetHashCode(scalar.Text)),
        ArrayNode array => array.Elements.Aggregate(17, (hash, element) => HashCode.Combine(hash, Hash(element))),
        // XOR keeps the hash independent of field order, matching Equal.
        ObjectNode obj => obj.Fields.Aggregate(31, (hash, field) => hash ^ HashCode.Combine(StringComparer.Ordinal.GetHashCode(field.Key), Hash(field.Value))),
        _ => 0,
    };
}
