namespace AkkaKv.Storage;

/// <summary>A database's keys are the <see cref="KeyEntry.Key"/> of its entries.</summary>
internal readonly struct KeyEntryKey : IItemKey<KeyEntry>
{
    public static ReadOnlySpan<byte> KeyOf(in KeyEntry item) => item.Key;
}
