namespace AkkaKv.Storage;

/// <summary>
/// When a collection leaves its compact encoding (Redis's *-max-listpack-*, set-max-intset-entries, hll-sparse-max-bytes). Values take
/// the limits on each growing call rather than keeping them, so a CONFIG SET applies from the next insertion on,
/// as in Redis, and values carry no extra reference.
/// </summary>
public sealed record CollectionLimits
{
    public static CollectionLimits Default { get; } = new();

    public int HashMaxListpackEntries { get; init; } = 128;
    public int HashMaxListpackValue { get; init; } = 64;
    public int SetMaxIntsetEntries { get; init; } = 512;
    public int SetMaxListpackEntries { get; init; } = 128;
    public int SetMaxListpackValue { get; init; } = 64;
    public int ZSetMaxListpackEntries { get; init; } = 128;
    public int ZSetMaxListpackValue { get; init; } = 64;

    /// <summary>Positive: most entries per list node; -1..-5: most bytes per node, 4, 8, 16, 32 or 64 KB (Redis: list-max-listpack-size).</summary>
    public int ListMaxListpackSize { get; init; } = -2;

    public int StreamNodeMaxBytes { get; init; } = 4096;
    public int StreamNodeMaxEntries { get; init; } = 100;

    /// <summary>Past this many bytes a sparse HyperLogLog becomes dense (Redis: hll-sparse-max-bytes).</summary>
    public int HllSparseMaxBytes { get; init; } = 3000;
}
