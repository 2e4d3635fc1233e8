namespace AkkaKv.Storage;

/// <summary>The hash of a key for <see cref="KeyTable"/>: fast, non-cryptographic, seeded per process.</summary>
internal static class KeyHash
{
    public static int Of(ReadOnlySpan<byte> key)
    {
        // HashCode is randomly seeded per process, which keeps chains short against chosen keys.
        var hash = new HashCode();
        hash.AddBytes(key);
        return hash.ToHashCode();
    }
}
