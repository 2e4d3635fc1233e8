namespace AkkaKv.Storage;

/// <summary>
/// The longest common subsequence and its matching runs, listed as Redis's LCS IDX lists them: from
/// the end of the strings backwards.
/// </summary>
public sealed record LcsResult(byte[] Sequence, IReadOnlyList<LcsMatch> Matches)
{
    public long Length => Sequence.LongLength;
}
