namespace AkkaKv.Protocol;

/// <summary>
/// How large a request may grow before the framer refuses it. The defaults are Redis's:
/// proto-max-bulk-len (512 MB) and PROTO_INLINE_MAX_SIZE (64 KB, which also bounds header lines).
/// </summary>
public sealed record ProtocolLimits(
    long MaxBulkLength = 512L * 1024 * 1024,
    long MaxInlineLength = 64 * 1024,
    int MaxMultiBulkCount = int.MaxValue)
{
    public static ProtocolLimits Default { get; } = new();

    /// <summary>Before AUTH, Redis refuses a request of more arguments than this.</summary>
    public int UnauthenticatedMaxMultiBulkCount { get; init; } = 10;

    /// <summary>Before AUTH, Redis refuses an argument longer than this.</summary>
    public long UnauthenticatedMaxBulkLength { get; init; } = 16 * 1024;
}
