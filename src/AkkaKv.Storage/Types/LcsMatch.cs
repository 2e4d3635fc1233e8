namespace AkkaKv.Storage;

/// <summary>One matching run of LCS IDX: inclusive byte ranges in the first and second string.</summary>
public readonly record struct LcsMatch(long AStart, long AEnd, long BStart, long BEnd)
{
    public long Length => AEnd - AStart + 1;
}
