namespace AkkaKv.Storage;

/// <summary>A hash table's items are keyed by their field name.</summary>
public readonly struct HashFieldKey : IItemKey<HashField>
{
    public static ReadOnlySpan<byte> KeyOf(in HashField item) => item.Field;
}
