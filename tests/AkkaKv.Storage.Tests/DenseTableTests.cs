using System.Text;
using AkkaKv.Storage;

namespace AkkaKv.Storage.Tests;

public sealed class DenseTableTests
{
    [Fact]
    public void Items_are_found_until_removed_whatever_the_removal_order()
    {
        var table = new DenseTable<byte[], WholeItemKey>();
        var random = new Random(7);
        var present = new HashSet<string>();
        for (var round = 0; round < 20_000; round++)
        {
            var key = "k" + random.Next(500);
            if (random.Next(3) == 0)
            {
                Assert.Equal(present.Remove(key), table.Remove(Bytes(key)));
            }
            else if (present.Add(key))
            {
                table.Add(Bytes(key));
            }
        }

        Assert.Equal(present.Count, table.Count);
        for (var i = 0; i < 500; i++)
        {
            var key = "k" + i;
            Assert.Equal(present.Contains(key), table.IndexOf(Bytes(key)) >= 0);
        }
    }

    [Fact]
    public void Item_with_hash_finds_the_item_a_lookup_of_that_key_will_compare()
    {
        var table = new DenseTable<byte[], WholeItemKey>();
        for (var i = 0; i < 10_000; i++) table.Add(Bytes("k" + i));
        for (var i = 0; i < 10_000; i += 7)
        {
            var key = Bytes("k" + i);
            table.PrefetchBucket(KeyHash.Of(key));
            table.PrefetchChainHead(KeyHash.Of(key));
            Assert.Equal(key, table.ItemWithHash(KeyHash.Of(key)));
        }

        // An absent key finds nothing, unless another key has the very same 32-bit hash (seeded per process, so rare
        // but possible): then that one, as the lookup would compare it.
        for (var i = 10_000; i < 10_100; i++)
        {
            var hash = KeyHash.Of(Bytes("k" + i));
            Assert.True(table.ItemWithHash(hash) is not { } found || KeyHash.Of(found) == hash);
        }
        Assert.Null(new DenseTable<byte[], WholeItemKey>().ItemWithHash(KeyHash.Of(Bytes("k1"))));
    }

    [Fact]
    public void Remove_at_keeps_every_other_item_reachable()
    {
        var table = new DenseTable<byte[], WholeItemKey>();
        for (var i = 0; i < 100; i++) table.Add(Bytes("m" + i));
        while (table.Count > 0)
        {
            var removed = Encoding.ASCII.GetString(table[table.Count / 2]);
            table.RemoveAt(table.Count / 2);
            Assert.Equal(-1, table.IndexOf(Bytes(removed)));
            for (var i = 0; i < table.Count; i++) Assert.Equal(i, table.IndexOf(table[i]));
        }
    }

    [Fact]
    public void Items_stay_reachable_while_the_table_grows_over_many_pages_and_shrinks_back()
    {
        // Well past one page of slots (4,096 for reference items), so items move between pages on removal.
        const int Items = 30_000;
        var table = new DenseTable<byte[], WholeItemKey>();
        for (var i = 0; i < Items; i++) Assert.Equal(i, table.Add(Bytes("p" + i)));
        for (var i = 0; i < Items; i++) Assert.Equal(Encoding.ASCII.GetString(table[table.IndexOf(Bytes("p" + i))]), "p" + i);

        var order = Enumerable.Range(0, Items).ToArray();
        new Random(11).Shuffle(order);
        for (var n = 0; n < Items; n++)
        {
            Assert.True(table.Remove(Bytes("p" + order[n])));
            if (n % 997 == 0)
            {
                for (var m = n + 1; m < Items; m += 13) Assert.True(table.IndexOf(Bytes("p" + order[m])) >= 0);
            }
        }

        Assert.Equal(0, table.Count);
        Assert.Equal(-1, table.IndexOf(Bytes("p0")));
        for (var i = 0; i < 5_000; i++) table.Add(Bytes("q" + i));
        for (var i = 0; i < 5_000; i++) Assert.True(table.IndexOf(Bytes("q" + i)) >= 0);
    }

    [Theory]
    [InlineData(1_000)]
    [InlineData(10_000)]
    public void A_scan_returns_every_item_present_throughout_while_the_table_grows_and_shrinks(int stable)
    {
        var table = new DenseTable<byte[], WholeItemKey>();
        for (var i = 0; i < stable; i++) table.Add(Bytes("stable" + i));
        for (var i = 0; i < 1_000; i++) table.Add(Bytes("churn" + i));
        var seen = new HashSet<string>();
        var batch = new List<byte[]>();
        var random = new Random(3);
        long cursor = 0;
        var calls = 0;
        do
        {
            batch.Clear();
            cursor = table.Scan(cursor, 10, batch);
            foreach (var item in batch) seen.Add(Encoding.ASCII.GetString(item));
            // Churn between calls: drop and add items that are not part of the guarantee.
            for (var j = 0; j < 15; j++)
            {
                var key = "churn" + random.Next(3_000);
                if (!table.Remove(Bytes(key))) table.Add(Bytes(key));
            }
        }
        while (cursor != 0 && ++calls < 10_000);

        Assert.Equal(0, cursor);
        for (var i = 0; i < stable; i++) Assert.Contains("stable" + i, seen);
    }

    [Fact]
    public void A_clone_changes_independently()
    {
        var table = new DenseTable<byte[], WholeItemKey>();
        table.Add(Bytes("a"));
        var copy = table.Clone();
        copy.Add(Bytes("b"));
        table.Remove(Bytes("a"));

        Assert.Equal(0, table.Count);
        Assert.Equal(2, copy.Count);
        Assert.True(copy.IndexOf(Bytes("a")) >= 0);
    }

    [Fact]
    public void A_clone_of_a_table_spanning_several_pages_changes_independently()
    {
        var table = new DenseTable<byte[], WholeItemKey>();
        for (var i = 0; i < 10_000; i++) table.Add(Bytes("c" + i));
        var copy = table.Clone();
        for (var i = 0; i < 10_000; i += 2) table.Remove(Bytes("c" + i));
        copy.Add(Bytes("extra"));

        Assert.Equal(5_000, table.Count);
        Assert.Equal(10_001, copy.Count);
        for (var i = 0; i < 10_000; i++)
        {
            Assert.Equal(i % 2 == 1, table.IndexOf(Bytes("c" + i)) >= 0);
            Assert.True(copy.IndexOf(Bytes("c" + i)) >= 0);
        }
    }

    private static byte[] Bytes(string text) => Encoding.ASCII.GetBytes(text);
}
