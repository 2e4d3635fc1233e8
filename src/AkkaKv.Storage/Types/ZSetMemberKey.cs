namespace AkkaKv.Storage;

/// <summary>A sorted set's members are keyed by their bytes in its <see cref="DenseTable{TItem, TKeyOf}"/>.</summary>
public readonly struct ZSetMemberKey : IItemKey<ZSetMember>
{
    public static ReadOnlySpan<byte> KeyOf(in ZSetMember item) => item.Member;
}
