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
    public void A_scan_returns_every_item_present_throughout_while_the_table_grows_and_shrinks()
    {
        var table = new DenseTable<byte[], WholeItemKey>();
        for (var i = 0; i < 1_000; i++) table.Add(Bytes("stable" + i));
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
        for (var i = 0; i < 1_000; i++) Assert.Contains("stable" + i, seen);
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

    private static byte[] Bytes(string text) => Encoding.ASCII.GetBytes(text);
}
