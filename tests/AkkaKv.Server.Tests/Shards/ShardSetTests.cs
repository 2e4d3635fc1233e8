using AkkaKv.Server.Shards;
using AkkaKv.Storage;

namespace AkkaKv.Server.Tests.Shards;

public sealed class ShardSetTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(8)]
    public void Shards_own_contiguous_slot_ranges_covering_every_slot(int count)
    {
        var shards = new ShardSet(count, 1);
        var previous = 0;
        var seen = new HashSet<int>();
        for (var slot = 0; slot < HashSlot.Count; slot++)
        {
            var shard = shards.ShardOfSlot(slot);
            Assert.InRange(shard, previous, Math.Min(previous + 1, count - 1));
            previous = shard;
            seen.Add(shard);
        }
        Assert.Equal(count, seen.Count);
    }

    [Fact]
    public void Keys_sharing_a_hash_tag_share_a_shard()
    {
        var shards = new ShardSet(4, 1);
        Assert.Equal(shards.ShardOf("{user1000}.following"u8), shards.ShardOf("{user1000}.followers"u8));
    }

    [Fact]
    public void A_transaction_visits_its_shards_in_ascending_order_once_each()
    {
        var transaction = new ShardTransaction(null!);
        foreach (var shard in new[] { 3, 1, 3, 0, 2, 1 }) transaction.Involve(shard);
        Assert.Equal([0, 1, 2, 3], transaction.Shards);
    }
}
