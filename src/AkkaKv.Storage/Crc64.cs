using System.Buffers.Binary;

namespace AkkaKv.Storage;

/// <summary>
/// Redis's crc64 (crc64.c): the Jones polynomial 0xad93d23594c935a9, reflected, initial value 0, no final xor. It
/// checksums DUMP and FUNCTION DUMP payloads and RDB files, so it must agree with Redis bit for bit: crc64 of
/// "123456789" is 0xe9c6d914c4b8d9ca. Table-driven eight bytes at a time, as Redis's crcspeed does, since an RDB
/// file is checksummed whole.
/// </summary>
public static class Crc64
{
    /// <summary>The reflected form of 0xad93d23594c935a9.</summary>
    private const ulong ReflectedPolynomial = 0x95ac9329ac4bc9b5;

    private static readonly ulong[][] Tables = BuildTables();

    /// <summary>Continues <paramref name="crc"/> (0 to start) over <paramref name="data"/>.</summary>
    public static ulong Compute(ReadOnlySpan<byte> data, ulong crc = 0)
    {
        var t = Tables;
        while (data.Length >= 8)
        {
            crc ^= BinaryPrimitives.ReadUInt64LittleEndian(data);
            crc = t[7][crc & 0xff] ^ t[6][(crc >> 8) & 0xff] ^ t[5][(crc >> 16) & 0xff] ^ t[4][(crc >> 24) & 0xff]
                ^ t[3][(crc >> 32) & 0xff] ^ t[2][(crc >> 40) & 0xff] ^ t[1][(crc >> 48) & 0xff] ^ t[0][crc >> 56];
            data = data[8..];
        }
        foreach (var b in data) crc = t[0][(crc ^ b) & 0xff] ^ (crc >> 8);
        return crc;
    }

    /// <summary>Table k gives the effect of a byte followed by k zero bytes.</summary>
    private static ulong[][] BuildTables()
    {
        var tables = new ulong[8][];
        for (var k = 0; k < 8; k++) tables[k] = new ulong[256];
        for (var n = 0; n < 256; n++)
        {
            var crc = (ulong)n;
            for (var bit = 0; bit < 8; bit++) crc = (crc & 1) != 0 ? (crc >> 1) ^ ReflectedPolynomial : crc >> 1;
            tables[0][n] = crc;
        }
        for (var n = 0; n < 256; n++)
        {
            for (var k = 1; k < 8; k++) tables[k][n] = (tables[k - 1][n] >> 8) ^ tables[0][tables[k - 1][n] & 0xff];
        }
        return tables;
    }
}
