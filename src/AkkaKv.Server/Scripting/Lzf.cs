namespace AkkaKv.Server.Scripting;

/// <summary>
/// LZF decompression (liblzf's lzf_d.c, which Redis uses for compressed RDB strings): a control byte below 32 starts
/// a run of that many plus one literal bytes; any other is a back-reference of (control >> 5) + 2 bytes, plus a length
/// byte when that field is 7, at a distance of ((control &amp; 31) &lt;&lt; 8) + the next byte + 1.
/// </summary>
internal static class Lzf
{
    // The most one input byte can yield: a back-reference of 264 bytes is 3 bytes long (88 each); literals yield less.
    private const int MaxExpansion = 88;

    /// <summary>
    /// Decompresses <paramref name="input"/> into exactly <paramref name="length"/> bytes; null when malformed. A length
    /// no LZF input of this size can produce is refused before anything is allocated: a crafted payload must not make
    /// the server allocate gigabytes.
    /// </summary>
    public static byte[]? Decompress(ReadOnlySpan<byte> input, int length)
    {
        if (length < 0 || length > (long)input.Length * MaxExpansion) return null;
        var output = new byte[length];
        int i = 0, o = 0;
        while (i < input.Length)
        {
            int control = input[i++];
            if (control < 32)
            {
                var run = control + 1;
                if (i + run > input.Length || o + run > length) return null;
                input.Slice(i, run).CopyTo(output.AsSpan(o));
                i += run;
                o += run;
                continue;
            }
            var count = control >> 5;
            if (count == 7)
            {
                if (i >= input.Length) return null;
                count += input[i++];
            }
            if (i >= input.Length) return null;
            var from = o - ((control & 0x1f) << 8) - input[i++] - 1;
            count += 2;
            if (from < 0 || o + count > length) return null;
            // Byte by byte: the reference may overlap what it produces (a repeated run).
            for (var k = 0; k < count; k++) output[o++] = output[from++];
        }
        return o == length ? output : null;
    }
}
