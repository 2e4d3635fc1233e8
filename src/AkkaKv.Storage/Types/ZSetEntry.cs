namespace AkkaKv.Storage;

/// <summary>
/// One element met while reading a sorted set in order. <see cref="Member"/> may point into the set's own storage:
/// it is valid until the set next changes, so copy it (<c>ToArray()</c>) to keep it.
/// </summary>
public readonly struct ZSetEntry(ReadOnlyMemory<byte> member, double score)
{
    public ReadOnlyMemory<byte> Member { get; } = member;

    public double Score { get; } = score;
}
