namespace AkkaKv.Storage;

/// <summary>
/// One field of a hash in its "hashtable" encoding, stored by value in a <see cref="DenseTable{TItem, TKeyOf}"/>.
/// The field and its value share one array (length of the field, field, value): one array header per field
/// instead of two, about 24 bytes less. The array is never changed in place (an overwrite makes a new one), so
/// clones may share it.
/// </summary>
public readonly struct HashField
{
    private readonly byte[] _entry;

    public HashField(ReadOnlySpan<byte> field, ReadOnlySpan<byte> value)
    {
        var prefix = LengthPrefix.Size(field.Length);
        _entry = new byte[prefix + field.Length + value.Length];
        LengthPrefix.Write(_entry, field.Length);
        field.CopyTo(_entry.AsSpan(prefix));
        value.CopyTo(_entry.AsSpan(prefix + field.Length));
    }

    public ReadOnlySpan<byte> Field
    {
        get
        {
            var prefix = LengthPrefix.Read(_entry, out var length);
            return _entry.AsSpan(prefix, length);
        }
    }

    public ReadOnlySpan<byte> Value
    {
        get
        {
            var prefix = LengthPrefix.Read(_entry, out var length);
            return _entry.AsSpan(prefix + length);
        }
    }

    /// <summary>The same field with another value.</summary>
    public HashField WithValue(ReadOnlySpan<byte> value) => new(Field, value);
}
