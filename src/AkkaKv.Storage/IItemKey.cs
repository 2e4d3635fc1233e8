namespace AkkaKv.Storage;

/// <summary>
/// Says which bytes of an item are its key in a <see cref="DenseTable{TItem, TKeyOf}"/>. Implemented by empty
/// structs so the JIT specialises the table per item type with the key access inlined.
/// </summary>
public interface IItemKey<TItem>
{
    static abstract ReadOnlySpan<byte> KeyOf(in TItem item);
}
