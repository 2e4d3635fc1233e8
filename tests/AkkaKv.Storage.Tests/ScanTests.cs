using System.Text;

namespace AkkaKv.Storage.Tests;

public class ScanTests
{
    [Fact]
    public void Scanning_an_empty_database_completes_at_once()
    {
        var into = new List<KeyEntry>();

        Assert.Equal(0, new Database(0).Scan(0, 10, into));
        Assert.Empty(into);
    }

    [Fact]
    public void A_full_scan_returns_every_key_exactly_once_when_nothing_changes()
    {
        var db = Filled(1_000);
        var seen = new List<string>();
        long cursor = 0;
        var calls = 0;
        do
        {
            var batch = new List<KeyEntry>();
            cursor = db.Scan(cursor, 10, batch);
            Assert.InRange(batch.Count, 1, 10);
            seen.AddRange(batch.Select(Name));
            calls++;
        }
        while (cursor != 0);

        Assert.Equal(100, calls);
        Assert.Equal(1_000, seen.Count);
        Assert.Equal(1_000, seen.Distinct().Count());
    }

    [Fact]
    public void Count_is_at_least_one()
    {
        var db = Filled(3);
        var batch = new List<KeyEntry>();

        var cursor = db.Scan(0, 0, batch);

        Assert.Single(batch);
        Assert.NotEqual(0, cursor);
    }

    [Fact]
    public void A_cursor_beyond_a_shrunken_database_still_finishes_the_scan()
    {
        var db = Filled(100);
        var batch = new List<KeyEntry>();
        var cursor = db.Scan(0, 5, batch);
        foreach (var entry in db.Entries.Take(90).ToList())
        {
            db.Delete(entry);
        }

        long guard = 0;
        while (cursor != 0 && guard++ < 100)
        {
            cursor = db.Scan(cursor, 5, batch);
        }

        Assert.Equal(0, cursor);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Every_key_present_for_the_whole_scan_is_returned_despite_growth_and_shrinkage(int seed)
    {
        var random = new Random(seed);
        var db = new Database(0);
        var next = 0;
        var present = new HashSet<string>();
        for (; next < 2_000; next++)
        {
            Add(db, present, next);
        }

        // Keys present at the start that are never deleted must all come back.
        var stable = present.Where(_ => random.Next(3) == 0).ToHashSet();
        var seen = new HashSet<string>();
        long cursor = 0;
        var calls = 0;
        do
        {
            var batch = new List<KeyEntry>();
            cursor = db.Scan(cursor, random.Next(1, 30), batch);
            seen.UnionWith(batch.Select(Name));
            calls++;

            // Between calls the database grows and shrinks heavily, resizing its tables both ways.
            var grow = random.Next(2) == 0;
            for (var i = 0; i < random.Next(0, 400); i++)
            {
                if (grow)
                {
                    Add(db, present, next++);
                }
                else
                {
                    var victim = present.ElementAt(random.Next(present.Count));
                    if (!stable.Contains(victim))
                    {
                        Assert.True(db.Delete(Encoding.ASCII.GetBytes(victim)));
                        present.Remove(victim);
                    }
                }
            }
        }
        while (cursor != 0 && calls < 100_000);

        Assert.Equal(0, cursor);
        Assert.Empty(stable.Except(seen));
    }

    private static void Add(Database db, HashSet<string> present, int i)
    {
        var name = "key:" + i;
        db.Set(Encoding.ASCII.GetBytes(name), "v"u8.ToArray());
        present.Add(name);
    }

    private static Database Filled(int count)
    {
        var db = new Database(0);
        for (var i = 0; i < count; i++)
        {
            db.Set(Encoding.ASCII.GetBytes("key:" + i), "v"u8.ToArray());
        }

        return db;
    }

    private static string Name(KeyEntry entry) => Encoding.ASCII.GetString(entry.Key);
}
