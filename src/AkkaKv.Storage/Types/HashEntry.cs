namespace AkkaKv.Storage;

/// <summary>A field and its value as a hash hands them out: views valid until the hash next changes.</summary>
public readonly ref struct HashEntry(ReadOnlySpan<byte> field, ReadOnlySpan<byte> value)
{
    public ReadOnlySpan<byte> Field { get; } = field;

    public ReadOnlySpan<byte> Value { get; } = value;
}
