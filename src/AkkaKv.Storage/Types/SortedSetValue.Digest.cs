namespace AkkaKv.Storage;

/// <summary>DEBUG DIGEST-VALUE as Redis's xorObjectDigest computes it for a sorted set.</summary>
public sealed partial class SortedSetValue
{
    /// <summary>
    /// Each element's digest is its member then its score as fpconv_dtoa writes it, mixed into 20 zero bytes; the
    /// elements' digests are XORed together, so the order (and the encoding) does not matter.
    /// </summary>
    public void MixDigest(Span<byte> digest)
    {
        Span<byte> element = stackalloc byte[KeyDigest.Length];
        Span<byte> score = stackalloc byte[FpconvText.MaxLength];
        var size = Size;
        foreach (var entry in Range(0, size, reverse: false))
        {
            element.Clear();
            KeyDigest.Mix(element, entry.Member.Span);
            KeyDigest.Mix(element, score[..FpconvText.Format(entry.Score, score)]);
            KeyDigest.Xor(digest, element);
        }
    }
}
