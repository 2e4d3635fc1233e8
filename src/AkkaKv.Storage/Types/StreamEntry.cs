namespace AkkaKv.Storage;

/// <summary>
/// One stream entry as found by a scan: its ID and where its fields are. Valid until the stream changes.
/// </summary>
public readonly struct StreamEntry
{
    private readonly StreamNode _node;
    private readonly int _fieldsStart;
    private readonly bool _sameFields;

    internal StreamEntry(StreamNode node, StreamId id, bool isDeleted, bool sameFields, int fieldCount, int fieldsStart)
    {
        _node = node;
        Id = id;
        IsDeleted = isDeleted;
        _sameFields = sameFields;
        FieldCount = fieldCount;
        _fieldsStart = fieldsStart;
    }

    public StreamId Id { get; }

    /// <summary>Field/value pairs in the entry.</summary>
    public int FieldCount { get; }

    internal bool IsDeleted { get; }

    /// <summary>The field/value pairs in the order they were added.</summary>
    public StreamFieldReader GetFields() => new(_node, _sameFields, FieldCount, _fieldsStart);
}
