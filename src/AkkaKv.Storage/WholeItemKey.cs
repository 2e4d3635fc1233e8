namespace AkkaKv.Storage;

/// <summary>For tables of plain byte strings (set members): the item is its own key.</summary>
public readonly struct WholeItemKey : IItemKey<byte[]>
{
    public static ReadOnlySpan<byte> KeyOf(in byte[] item) => item;
}
