namespace AkkaKv.Storage;

/// <summary>Redis Cluster's key-to-slot mapping (keyHashSlot): CRC16-XMODEM of the key or of its hash tag.</summary>
public static class HashSlot
{
    public const int Count = 16384;

    private static readonly ushort[] Table = BuildTable();

    /// <summary>
    /// The slot of a key. When the key has a '{' followed later by a '}' with at least one byte between
    /// them, only the bytes between the first '{' and the first '}' after it are hashed.
    /// </summary>
    public static int Of(ReadOnlySpan<byte> key) => Crc16(HashTagOf(key)) & (Count - 1);

    /// <summary>The part of the key that decides its slot.</summary>
    public static ReadOnlySpan<byte> HashTagOf(ReadOnlySpan<byte> key)
    {
        var open = key.IndexOf((byte)'{');
        if (open < 0)
        {
            return key;
        }

        var afterOpen = key[(open + 1)..];
        var close = afterOpen.IndexOf((byte)'}');
        return close > 0 ? afterOpen[..close] : key;
    }

    /// <summary>CRC16-XMODEM (polynomial 0x1021, initial value 0, no reflection).</summary>
    public static ushort Crc16(ReadOnlySpan<byte> data)
    {
        var table = Table;
        ushort crc = 0;
        foreach (var b in data)
        {
            crc = (ushort)((crc << 8) ^ table[((crc >> 8) ^ b) & 0xFF]);
        }

        return crc;
    }

    private static ushort[] BuildTable()
    {
        var table = new ushort[256];
        for (var i = 0; i < 256; i++)
        {
            var crc = (ushort)(i << 8);
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 0x8000) != 0 ? (ushort)((crc << 1) ^ 0x1021) : (ushort)(crc << 1);
            }

            table[i] = crc;
        }

        return table;
    }
}
