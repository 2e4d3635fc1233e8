namespace AkkaKv.Storage;

/// <summary>Orders byte strings as memcmp does, shorter first on a tie: the order of Redis's sorted structures (rax, ZRANGEBYLEX).</summary>
public sealed class BytewiseComparer : IComparer<byte[]>
{
    public static BytewiseComparer Instance { get; } = new();

    public int Compare(byte[]? x, byte[]? y) => x.AsSpan().SequenceCompareTo(y);
}
