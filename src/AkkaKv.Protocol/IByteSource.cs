namespace AkkaKv.Protocol;

/// <summary>
/// Random access to received bytes, so the framer and reader are written once and run over a
/// contiguous span (the common case, fast) or a segmented sequence alike.
/// </summary>
internal interface IByteSource
{
    long Length { get; }

    byte this[long index] { get; }

    /// <summary>Index of the first <paramref name="first"/> or <paramref name="second"/> in [start, end), or -1.</summary>
    long IndexOfAny(byte first, byte second, long start, long end);

    /// <summary>The bytes [start, start + length): a view when contiguous, else copied into scratch.</summary>
    ReadOnlySpan<byte> Read(long start, int length, Span<byte> scratch);
}
