namespace AkkaKv.Storage;

/// <summary>
/// A value that is not a plain string (list, set, sorted set, hash, stream). Strings are stored as
/// <c>byte[]</c> directly in <see cref="KeyEntry.Value"/> to keep the per-key overhead low; every other
/// type implements this interface.
/// </summary>
public interface ICollectionValue
{
    DataType Type { get; }

    /// <summary>
    /// Mixes the elements into a DEBUG DIGEST accumulator (20 bytes) the way Redis's xorObjectDigest does
    /// for this type, using <see cref="KeyDigest.Mix"/> and <see cref="KeyDigest.Xor"/>.
    /// </summary>
    void MixDigest(Span<byte> digest);
}
