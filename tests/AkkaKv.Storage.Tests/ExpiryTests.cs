using System.Diagnostics;

namespace AkkaKv.Storage.Tests;

public class ExpiryTests
{
    private const long Now = 1_700_000_000_000;

    [Fact]
    public void A_key_is_live_up_to_and_including_its_expiry_time()
    {
        // Redis: expired when now > when.
        var db = new Database(0);
        db.Set("k"u8, "v"u8.ToArray(), expireAtMs: Now);

        Assert.NotNull(db.Lookup("k"u8, Now));
        Assert.Null(db.Lookup("k"u8, Now + 1));
    }

    [Fact]
    public void Lazy_expiry_deletes_on_lookup_and_reports_it_after_removal()
    {
        var db = new Database(3);
        var reported = new List<(Database Db, KeyEntry Entry, int CountAtCallback)>();
        db.KeyExpired = (d, e) => reported.Add((d, e, d.Count));
        var entry = db.Set("k"u8, "v"u8.ToArray(), expireAtMs: Now + 10);

        Assert.Null(db.Lookup("k"u8, Now + 11));

        var (reportedDb, reportedEntry, count) = Assert.Single(reported);
        Assert.Same(db, reportedDb);
        Assert.Same(entry, reportedEntry);
        Assert.Equal(0, count);
        Assert.Equal(0, db.Count);
        Assert.Equal(0, db.ExpiresCount);
        Assert.Null(db.Peek("k"u8));
    }

    [Fact]
    public void Peek_sees_an_expired_key_without_deleting_it()
    {
        var db = new Database(0);
        db.Set("k"u8, "v"u8.ToArray(), expireAtMs: Now - 1);

        Assert.NotNull(db.Peek("k"u8));
        Assert.Equal(1, db.Count);
    }

    [Fact]
    public void Active_expiry_reclaims_keys_that_are_never_read_again()
    {
        var db = new Database(0);
        var expired = 0;
        db.KeyExpired = (_, _) => expired++;
        for (var i = 0; i < 10_000; i++)
        {
            db.Set(Key(i), new byte[100], expireAtMs: Now + 1_000, nowMs: Now);
        }

        for (var i = 0; i < 100; i++)
        {
            db.Set(Key(-i - 1), "persistent"u8.ToArray(), nowMs: Now);
        }

        var result = db.ActiveExpireCycle(Now + 2_000, TimeSpan.FromSeconds(10));

        Assert.False(result.TimedOut);
        Assert.Equal(10_000, result.Expired);
        Assert.Equal(10_000, expired);
        Assert.Equal(100, db.Count);
        Assert.Equal(0, db.ExpiresCount);
        Assert.Equal(0, db.AverageTtlMs);
    }

    [Fact]
    public void Active_expiry_releases_the_memory_of_reclaimed_keys()
    {
        // Weak references, not heap totals: other test classes allocate in parallel.
        var db = new Database(0);
        var values = StoreExpiringValues(db, 20_000);

        db.ActiveExpireCycle(Now + 2_000, TimeSpan.FromSeconds(10));
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        Assert.Equal(0, db.Count);
        Assert.Equal(0, values.Count(value => value.IsAlive));
    }

    [Fact]
    public void Active_expiry_stops_once_few_sampled_keys_are_stale()
    {
        var db = new Database(0) { ExpirySampler = new Random(1) };
        for (var i = 0; i < 10_000; i++)
        {
            db.Set(Key(i), "v"u8.ToArray(), expireAtMs: i < 100 ? Now - 1 : Now + 60_000, nowMs: Now);
        }

        // 1% stale: one round of 20 samples and done, as Redis accepts up to 10% stale keys.
        var result = db.ActiveExpireCycle(Now, TimeSpan.FromSeconds(10));

        Assert.False(result.TimedOut);
        Assert.Equal(Database.ActiveExpireSampleSize, result.Sampled);
        Assert.True(result.Expired <= 5);
    }

    [Fact]
    public void Active_expiry_keeps_going_while_many_sampled_keys_are_stale()
    {
        var db = new Database(0) { ExpirySampler = new Random(1) };
        for (var i = 0; i < 10_000; i++)
        {
            db.Set(Key(i), "v"u8.ToArray(), expireAtMs: i % 2 == 0 ? Now - 1 : Now + 60_000, nowMs: Now);
        }

        var result = db.ActiveExpireCycle(Now, TimeSpan.FromSeconds(10));

        // Half stale at first: rounds continue until a sample happens to be at most 10% stale.
        Assert.True(result.Sampled > 10 * Database.ActiveExpireSampleSize, $"sampled {result.Sampled}");
        Assert.True(result.Expired > 4 * Database.ActiveExpireSampleSize, $"expired {result.Expired}");
        Assert.Equal(10_000 - result.Expired, db.Count);
    }

    [Fact]
    public void Active_expiry_honours_its_time_budget()
    {
        var db = new Database(0);
        for (var i = 0; i < 300_000; i++)
        {
            db.Set(Key(i), "v"u8.ToArray(), expireAtMs: Now - 1, nowMs: Now);
        }

        var stopwatch = Stopwatch.StartNew();
        var result = db.ActiveExpireCycle(Now, TimeSpan.FromMilliseconds(2));
        stopwatch.Stop();

        // Reclaiming all would take far longer than 2 ms; the bound on the wall clock is loose because
        // a loaded test machine may deschedule the thread.
        Assert.True(result.TimedOut);
        Assert.InRange(result.Expired, 1, 299_999);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(2), $"took {stopwatch.Elapsed}");
        Assert.Equal(300_000 - result.Expired, db.Count);
    }

    [Fact]
    public void Active_expiry_on_a_database_without_ttls_does_nothing()
    {
        var db = new Database(0);
        db.Set("k"u8, "v"u8.ToArray());

        Assert.Equal(new ActiveExpireResult(0, 0, false), db.ActiveExpireCycle(Now, TimeSpan.FromSeconds(1)));
        Assert.Equal(1, db.Count);
    }

    [Fact]
    public void Average_ttl_is_estimated_from_the_samples()
    {
        var db = new Database(0);
        for (var i = 0; i < 1_000; i++)
        {
            db.Set(Key(i), "v"u8.ToArray(), expireAtMs: Now + 100_000, nowMs: Now);
        }

        db.ActiveExpireCycle(Now, TimeSpan.FromSeconds(1));

        // First estimate: the sample mean, then folded in at 2%, as Redis does.
        Assert.Equal(100_000 / 50 * 49 + 100_000 / 50, db.AverageTtlMs);
    }

    [Fact]
    public void Keyspace_cycle_covers_every_database_and_shares_the_budget()
    {
        var keyspace = new Keyspace(4);
        var expired = new List<int>();
        keyspace.KeyExpired = (db, _) => expired.Add(db.Index);
        for (var db = 0; db < 4; db++)
        {
            keyspace[db].Set(Key(db), "v"u8.ToArray(), expireAtMs: Now - 1, nowMs: Now);
        }

        var result = keyspace.ActiveExpireCycle(Now, TimeSpan.FromSeconds(1));

        Assert.Equal(4, result.Expired);
        Assert.Equal([0, 1, 2, 3], expired.Order());
    }

    [Fact]
    public void Keyspace_cycle_resumes_where_a_timed_out_cycle_stopped()
    {
        var keyspace = new Keyspace(3);
        for (var i = 0; i < 200_000; i++)
        {
            keyspace[0].Set(Key(i), "v"u8.ToArray(), expireAtMs: Now - 1, nowMs: Now);
        }

        keyspace[2].Set("late"u8, "v"u8.ToArray(), expireAtMs: Now - 1, nowMs: Now);

        var first = keyspace.ActiveExpireCycle(Now, TimeSpan.FromMilliseconds(1));
        Assert.True(first.TimedOut);
        while (keyspace[0].Count > 0)
        {
            keyspace.ActiveExpireCycle(Now, TimeSpan.FromSeconds(5));
        }

        keyspace.ActiveExpireCycle(Now, TimeSpan.FromSeconds(5));
        Assert.Equal(0, keyspace[2].Count);
    }

    private static byte[] Key(int i) => System.Text.Encoding.ASCII.GetBytes("key:" + i);

    private static List<WeakReference> StoreExpiringValues(Database db, int count)
    {
        var values = new List<WeakReference>(count);
        for (var i = 0; i < count; i++)
        {
            var value = new byte[1_000];
            values.Add(new WeakReference(value));
            db.Set(Key(i), value, expireAtMs: Now + 1_000, nowMs: Now);
        }

        return values;
    }
}
