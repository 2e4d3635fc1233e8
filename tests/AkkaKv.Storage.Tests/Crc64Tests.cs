namespace AkkaKv.Storage.Tests;

public class Crc64Tests
{
    [Fact]
    public void Check_value_is_redis_crc64_jones()
    {
        // crc64.c's own test: crc64(0, "123456789", 9) == 0xe9c6d914c4b8d9ca.
        Assert.Equal(0xe9c6d914c4b8d9caUL, Crc64.Compute("123456789"u8));
        Assert.Equal(0UL, Crc64.Compute(""u8));
    }

    [Fact]
    public void Redis_function_dump_footer_matches()
    {
        // FUNCTION DUMP of redis-server 7.0.15 (two LZF-compressed libraries): everything but the last 8 bytes is
        // checksummed, and the checksum is stored little-endian in those 8 bytes.
        var payload = Convert.FromHexString(
            "f5c34058405f1f23216c7561206e616d653d706c61696e0a72656469732e72656769737465725f0966756e6374696f6e2827601e075f" +
            "6563686f272c20e00016116b6579732c2061726773292072657475726e600c075b315d20656e6429f5c340c141521f23216c7561206e" +
            "616d653d7061636b65640a72656469732e7265676973746572095f66756e6374696f6e7bc008005f602c0027802d0b5f676574272c20" +
            "63616c6c62203e003dc0240c286b657973292072657475726e2006405240240128278030401e1f5b315d2920656e642c20666c616773" +
            "3d7b276e6f2d777269746573277d2c206405657363726970407b083d2772656164732061403701277de026a20073e012a2042c206172" +
            "67e00da88036a0a88027e001b1e0049c80b3809d01277d0a00acb3b66710bbe568");
        Assert.Equal(0x68e5bb1067b6b3acUL, Crc64.Compute(payload.AsSpan(0, payload.Length - 8)));
        Assert.Equal(0x68e5bb1067b6b3acUL, System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(payload.AsSpan(payload.Length - 8)));
    }

    [Fact]
    public void Eight_bytes_at_a_time_agrees_with_one_at_a_time()
    {
        var random = new Random(11);
        var data = new byte[1000];
        random.NextBytes(data);
        for (var length = 0; length <= 40; length++)
        {
            var part = data.AsSpan(3, length);
            Assert.Equal(Bitwise(part), Crc64.Compute(part));
        }
        Assert.Equal(Bitwise(data), Crc64.Compute(data));
        // Continuing a checksum over a second part equals checksumming both at once.
        Assert.Equal(Crc64.Compute(data), Crc64.Compute(data.AsSpan(517), Crc64.Compute(data.AsSpan(0, 517))));
    }

    /// <summary>crc64.c's reference loop: one bit at a time over the reflected polynomial.</summary>
    private static ulong Bitwise(ReadOnlySpan<byte> data)
    {
        ulong crc = 0;
        foreach (var b in data)
        {
            crc ^= b;
            for (var bit = 0; bit < 8; bit++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0x95ac9329ac4bc9b5UL : crc >> 1;
        }
        return crc;
    }
}
