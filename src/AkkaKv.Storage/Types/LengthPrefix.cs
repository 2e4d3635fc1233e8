namespace AkkaKv.Storage;

/// <summary>The length in front of a byte string in packed storage: little-endian base 128, one byte below 128.</summary>
internal static class LengthPrefix
{
    public static int Size(int length)
    {
        var size = 1;
        for (var rest = (uint)length >> 7; rest != 0; rest >>= 7)
        {
            size++;
        }

        return size;
    }

    /// <summary>Writes the prefix at the start of <paramref name="target"/>; returns the bytes written.</summary>
    public static int Write(Span<byte> target, int length)
    {
        var written = 0;
        var rest = (uint)length;
        while (rest >= 0x80)
        {
            target[written++] = (byte)(rest | 0x80);
            rest >>= 7;
        }

        target[written++] = (byte)rest;
        return written;
    }

    /// <summary>Reads the prefix at the start of <paramref name="source"/>; returns the bytes it took.</summary>
    public static int Read(ReadOnlySpan<byte> source, out int length)
    {
        var value = 0;
        var shift = 0;
        var read = 0;
        byte b;
        do
        {
            b = source[read++];
            value |= (b & 0x7F) << shift;
            shift += 7;
        }
        while ((b & 0x80) != 0);

        length = value;
        return read;
    }
}
