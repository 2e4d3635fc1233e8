namespace AkkaKv.Storage;

/// <summary>
/// A sorted-set member and its score, as the big encoding stores them (in its hash table and its ordered tree) and as
/// copies are handed out (ZSCAN, ZPOPMIN). The member array is never changed once stored, so copies may share it.
/// </summary>
public readonly struct ZSetMember(byte[] member, double score)
{
    public byte[] Member { get; } = member;

    public double Score { get; } = score;
}
