namespace AkkaKv.Storage;

/// <summary>Redis's sorted-set order: by score, then by member bytes as memcmp compares them (a prefix sorts first).</summary>
internal static class ZSetOrder
{
    public static int Compare(double scoreA, ReadOnlySpan<byte> memberA, double scoreB, ReadOnlySpan<byte> memberB)
    {
        // Operators rather than CompareTo: -0 and 0 are equal scores, as in Redis (NaN is never stored).
        if (scoreA < scoreB) return -1;
        if (scoreA > scoreB) return 1;
        return memberA.SequenceCompareTo(memberB);
    }

    public static int Compare(in ZSetMember a, in ZSetMember b) => Compare(a.Score, a.Member, b.Score, b.Member);
}
