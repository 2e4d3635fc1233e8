namespace AkkaKv.Storage.Tests;

public class HashSlotTests
{
    [Fact]
    public void Crc16_is_xmodem()
    {
        Assert.Equal(0x31C3, HashSlot.Crc16("123456789"u8));
        Assert.Equal(0, HashSlot.Crc16(""u8));
    }

    [Theory]
    [InlineData("foo", 12182)]
    [InlineData("bar", 5061)]
    [InlineData("hello", 866)]
    [InlineData("", 0)]
    [InlineData("{user1000}.following", 3443)]
    [InlineData("foo{}{bar}", 8363)]
    [InlineData("foo{{bar}}zap", 4015)]
    public void Slots_match_redis_cluster_keyslot(string key, int slot)
    {
        Assert.Equal(slot, HashSlot.Of(System.Text.Encoding.ASCII.GetBytes(key)));
    }

    [Fact]
    public void Keys_sharing_a_hash_tag_share_a_slot()
    {
        Assert.Equal(HashSlot.Of("{user1000}.following"u8), HashSlot.Of("{user1000}.followers"u8));
        Assert.Equal(HashSlot.Of("user1000"u8), HashSlot.Of("{user1000}.following"u8));
    }

    [Fact]
    public void An_empty_tag_means_the_whole_key_is_hashed()
    {
        Assert.Equal(HashSlot.Crc16("foo{}{bar}"u8) & 16383, HashSlot.Of("foo{}{bar}"u8));
        Assert.Equal("foo{}{bar}"u8.ToArray(), HashSlot.HashTagOf("foo{}{bar}"u8).ToArray());
    }

    [Fact]
    public void The_tag_ends_at_the_first_closing_brace_after_the_first_opening_one()
    {
        Assert.Equal("{bar"u8.ToArray(), HashSlot.HashTagOf("foo{{bar}}zap"u8).ToArray());
        Assert.Equal(HashSlot.Of("{bar"u8), HashSlot.Of("foo{{bar}}zap"u8));
        Assert.Equal("bar"u8.ToArray(), HashSlot.HashTagOf("foo{bar}{zap}"u8).ToArray());
    }

    [Theory]
    [InlineData("foo{bar")]
    [InlineData("foo}bar{")]
    [InlineData("plain")]
    public void Without_a_complete_tag_the_whole_key_is_hashed(string key)
    {
        var bytes = System.Text.Encoding.ASCII.GetBytes(key);

        Assert.Equal(bytes, HashSlot.HashTagOf(bytes).ToArray());
    }

    [Fact]
    public void Slots_are_in_range()
    {
        var random = new Random(9);
        var key = new byte[12];
        for (var i = 0; i < 10_000; i++)
        {
            random.NextBytes(key);
            Assert.InRange(HashSlot.Of(key), 0, HashSlot.Count - 1);
        }
    }
}
