namespace AkkaKv.Storage;

/// <summary>Walks the field/value pairs of a <see cref="StreamEntry"/>: call <see cref="MoveNext"/>, then read <see cref="Field"/> and <see cref="Value"/>.</summary>
public ref struct StreamFieldReader
{
    private readonly byte[] _data;
    private readonly bool _sameFields;
    private int _remaining;
    private int _at;
    private int _masterAt;

    internal StreamFieldReader(StreamNode node, bool sameFields, int fieldCount, int fieldsStart)
    {
        _data = node.Data;
        _sameFields = sameFields;
        _remaining = fieldCount;
        _at = fieldsStart;
        // The master fields follow the master field count at the start of the node.
        _masterAt = sameFields ? StreamNode.ReadVarint(_data, 0, out _) : 0;
        Field = default;
        Value = default;
    }

    public ReadOnlySpan<byte> Field { get; private set; }

    public ReadOnlySpan<byte> Value { get; private set; }

    public bool MoveNext()
    {
        if (_remaining == 0) return false;
        _remaining--;
        Field = _sameFields ? Read(_data, ref _masterAt) : Read(_data, ref _at);
        Value = Read(_data, ref _at);
        return true;
    }

    private static ReadOnlySpan<byte> Read(byte[] data, scoped ref int at)
    {
        at = StreamNode.ReadVarint(data, at, out var length);
        var bytes = data.AsSpan(at, (int)length);
        at += (int)length;
        return bytes;
    }
}
