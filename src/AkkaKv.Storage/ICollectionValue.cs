namespace AkkaKv.Storage;

/// <summary>
/// A value that is not a plain string (list, set, sorted set, hash, stream). Strings are stored as
/// <c>byte[]</c> directly in <see cref="KeyEntry.Value"/> to keep the per-key overhead low; every other
/// type implements this interface.
/// </summary>
public interface ICollectionValue
{
    DataType Type { get; }

    /// <summary>What OBJECT ENCODING answers: Redis's name for the current representation ("listpack", "hashtable"...).</summary>
    ReadOnlySpan<byte> Encoding { get; }

    /// <summary>Number of elements (entries of a stream); a collection reaching 0 is deleted by its command, as in Redis.</summary>
    long Count { get; }

    /// <summary>A deep copy sharing no mutable state with this value (COPY).</summary>
    ICollectionValue Clone();

    /// <summary>
    /// Mixes the elements into a DEBUG DIGEST accumulator (20 bytes) the way Redis's xorObjectDigest does
    /// for this type, using <see cref="KeyDigest.Mix"/> and <see cref="KeyDigest.Xor"/>.
    /// </summary>
    void MixDigest(Span<byte> digest);
}
