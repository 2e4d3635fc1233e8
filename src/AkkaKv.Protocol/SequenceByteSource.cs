using System.Buffers;

namespace AkkaKv.Protocol;

internal readonly ref struct SequenceByteSource(ReadOnlySequence<byte> bytes) : IByteSource
{
    private readonly ReadOnlySequence<byte> _bytes = bytes;

    public long Length => _bytes.Length;

    public byte this[long index] => _bytes.Slice(index, 1).FirstSpan[0];

    public long IndexOfAny(byte first, byte second, long start, long end)
    {
        long offset = start;
        foreach (ReadOnlyMemory<byte> segment in _bytes.Slice(start, end - start))
        {
            int found = segment.Span.IndexOfAny(first, second);
            if (found >= 0)
            {
                return offset + found;
            }

            offset += segment.Length;
        }

        return -1;
    }

    public ReadOnlySpan<byte> Read(long start, int length, Span<byte> scratch)
    {
        ReadOnlySequence<byte> part = _bytes.Slice(start, length);
        if (part.IsSingleSegment)
        {
            return part.FirstSpan;
        }

        part.CopyTo(scratch);
        return scratch[..length];
    }
}
