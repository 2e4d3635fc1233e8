namespace AkkaKv.Hocon.Model;

/// <summary>
/// An ordered set of fields. Mutated only by the parser while it builds a fresh tree; once a
/// <see cref="Config"/> holds it, it is never changed again (merges build new objects).
/// </summary>
internal sealed class ObjectNode : Node
{
    private readonly OrderedDictionary<string, Node> _fields;

    public ObjectNode()
        : this(new OrderedDictionary<string, Node>(StringComparer.Ordinal), ignoresFallbacks: false)
    {
    }

    private ObjectNode(OrderedDictionary<string, Node> fields, bool ignoresFallbacks)
    {
        _fields = fields;
        IgnoresFallbacks = ignoresFallbacks;
    }

    /// <summary>
    /// Set once this object has hidden a non-object value: per the spec, objects below that value must no
    /// longer merge into it.
    /// </summary>
    public bool IgnoresFallbacks { get; private set; }

    public int Count => _fields.Count;

    public IEnumerable<string> Keys => _fields.Keys;

    public IEnumerable<KeyValuePair<string, Node>> Fields => _fields;

    public override bool IsUnresolved => false;

    public Node? Get(string key) => _fields.TryGetValue(key, out var value) ? value : null;

    public void Set(string key, Node value) => _fields[key] = value;

    public void MarkIgnoresFallbacks() => IgnoresFallbacks = true;

    public ObjectNode CopyIgnoringFallbacks() =>
        new(new OrderedDictionary<string, Node>(_fields, StringComparer.Ordinal), ignoresFallbacks: true);
}
