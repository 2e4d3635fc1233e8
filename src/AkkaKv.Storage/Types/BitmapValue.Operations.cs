using System.Runtime.InteropServices;

namespace AkkaKv.Storage;

public static partial class BitmapValue
{
    /// <summary>
    /// BITOP: combines the sources byte by byte into a string as long as the longest one, shorter sources (and
    /// missing keys, null) reading as zero bytes. NOT takes a single source. Empty when every source is empty.
    /// </summary>
    public static byte[] Combine(BitOperation operation, IReadOnlyList<byte[]?> sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        if (sources.Count == 0 || (operation == BitOperation.Not && sources.Count != 1))
        {
            throw new ArgumentException("BITOP takes one or more sources, NOT exactly one", nameof(sources));
        }

        var length = 0;
        foreach (var source in sources)
        {
            length = Math.Max(length, source?.Length ?? 0);
        }

        var result = new byte[length];
        sources[0]?.CopyTo(result, 0);
        if (operation == BitOperation.Not)
        {
            Apply(result, [], operation);
            return result;
        }

        for (var i = 1; i < sources.Count; i++)
        {
            var source = sources[i] ?? [];
            Apply(result.AsSpan(0, source.Length), source, operation);

            // AND with the zero padding of a shorter source clears the rest.
            if (operation == BitOperation.And)
            {
                result.AsSpan(source.Length).Clear();
            }
        }

        return result;
    }

    /// <summary>Stores BITOP's result as a new "raw" string, replacing whatever the key held and its TTL.</summary>
    public static void StoreResult(Database db, ReadOnlySpan<byte> key, byte[] value, long nowMs)
    {
        ArgumentNullException.ThrowIfNull(db);
        db.Set(key, value, nowMs: nowMs).StringEncoding = StringEncodingHint.Raw;
    }

    /// <summary>target = target op source over target's length (which source covers); NOT inverts target.</summary>
    private static void Apply(Span<byte> target, ReadOnlySpan<byte> source, BitOperation operation)
    {
        var words = MemoryMarshal.Cast<byte, ulong>(target);
        var sourceWords = MemoryMarshal.Cast<byte, ulong>(source);
        var done = words.Length * sizeof(ulong);
        switch (operation)
        {
            case BitOperation.And:
                for (var i = 0; i < words.Length; i++) words[i] &= sourceWords[i];
                for (var i = done; i < target.Length; i++) target[i] &= source[i];
                break;
            case BitOperation.Or:
                for (var i = 0; i < words.Length; i++) words[i] |= sourceWords[i];
                for (var i = done; i < target.Length; i++) target[i] |= source[i];
                break;
            case BitOperation.Xor:
                for (var i = 0; i < words.Length; i++) words[i] ^= sourceWords[i];
                for (var i = done; i < target.Length; i++) target[i] ^= source[i];
                break;
            default:
                for (var i = 0; i < words.Length; i++) words[i] = ~words[i];
                for (var i = done; i < target.Length; i++) target[i] = (byte)~target[i];
                break;
        }
    }
}
