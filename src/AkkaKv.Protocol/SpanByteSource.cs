namespace AkkaKv.Protocol;

internal readonly ref struct SpanByteSource(ReadOnlySpan<byte> bytes) : IByteSource
{
    private readonly ReadOnlySpan<byte> _bytes = bytes;

    public long Length => _bytes.Length;

    public byte this[long index] => _bytes[(int)index];

    public long IndexOfAny(byte first, byte second, long start, long end)
    {
        int found = _bytes.Slice((int)start, (int)(end - start)).IndexOfAny(first, second);
        return found < 0 ? -1 : start + found;
    }

    public ReadOnlySpan<byte> Read(long start, int length, Span<byte> scratch) => _bytes.Slice((int)start, length);
}
