namespace AkkaKv.Storage.Tests;

public class KeyspaceTests
{
    [Fact]
    public void Databases_are_numbered_from_zero()
    {
        var keyspace = new Keyspace(16);

        Assert.Equal(16, keyspace.DatabaseCount);
        for (var i = 0; i < 16; i++)
        {
            Assert.Equal(i, keyspace[i].Index);
        }
    }

    [Fact]
    public void Swapping_exchanges_contents_and_keeps_indexes_in_place()
    {
        var keyspace = new Keyspace(3);
        keyspace[0].Set("in0"u8, "v"u8.ToArray());
        keyspace[2].Set("in2"u8, "v"u8.ToArray());
        var formerZero = keyspace[0];

        keyspace.SwapDatabases(0, 2);

        Assert.NotNull(keyspace[0].Peek("in2"u8));
        Assert.NotNull(keyspace[2].Peek("in0"u8));
        Assert.Equal(0, keyspace[0].Index);
        Assert.Equal(2, keyspace[2].Index);
        Assert.Same(formerZero, keyspace[2]);
    }

    [Fact]
    public void Swapping_a_database_with_itself_changes_nothing()
    {
        var keyspace = new Keyspace(2);
        keyspace[1].Set("k"u8, "v"u8.ToArray());

        keyspace.SwapDatabases(1, 1);

        Assert.Equal(1, keyspace[1].Index);
        Assert.NotNull(keyspace[1].Peek("k"u8));
    }

    [Fact]
    public void Expiry_reports_the_database_a_key_lives_in_after_a_swap()
    {
        var keyspace = new Keyspace(2);
        var reported = new List<int>();
        keyspace.KeyExpired = (db, _) => reported.Add(db.Index);
        keyspace[0].Set("k"u8, "v"u8.ToArray(), expireAtMs: 10);

        keyspace.SwapDatabases(0, 1);
        keyspace[1].Lookup("k"u8, 11);

        Assert.Equal([1], reported);
    }

    [Fact]
    public void Flush_all_empties_every_database()
    {
        var keyspace = new Keyspace(4);
        for (var i = 0; i < 4; i++)
        {
            keyspace[i].Set("k"u8, "v"u8.ToArray(), expireAtMs: 100);
        }

        keyspace.FlushAll();

        Assert.All(Enumerable.Range(0, 4), i => Assert.Equal(0, keyspace[i].Count));
        Assert.All(Enumerable.Range(0, 4), i => Assert.Equal(0, keyspace[i].ExpiresCount));
    }
}
