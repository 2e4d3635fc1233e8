namespace AkkaKv.Storage.Tests;

public class DatabaseTests
{
    private const long Now = 1_700_000_000_000;

    [Fact]
    public void Set_then_lookup_returns_the_value()
    {
        var db = new Database(0);
        db.Set("foo"u8, "bar"u8.ToArray(), nowMs: Now);

        var entry = db.Lookup("foo"u8, Now);

        Assert.NotNull(entry);
        Assert.Equal("foo"u8.ToArray(), entry.Key);
        Assert.Equal("bar"u8.ToArray(), (byte[])entry.Value);
        Assert.Equal(DataType.String, entry.Type);
        Assert.Equal(-1, entry.ExpireAtMs);
        Assert.Equal(1, db.Count);
    }

    [Fact]
    public void Lookup_of_a_missing_key_is_null()
    {
        var db = new Database(0);
        db.Set("a"u8, "1"u8.ToArray());

        Assert.Null(db.Lookup("b"u8, Now));
        Assert.Null(db.Lookup(""u8, Now));
        Assert.Null(db.Peek("b"u8));
    }

    [Fact]
    public void Keys_are_binary_and_the_empty_key_is_a_key()
    {
        var db = new Database(0);
        db.Set([0, 255, 0], "x"u8.ToArray());
        db.Set(""u8, "empty"u8.ToArray());

        Assert.Equal("x"u8.ToArray(), (byte[])db.Lookup([0, 255, 0], Now)!.Value);
        Assert.Equal("empty"u8.ToArray(), (byte[])db.Lookup(""u8, Now)!.Value);
        Assert.Null(db.Lookup([0, 255], Now));
        Assert.Equal(2, db.Count);
    }

    [Fact]
    public void Set_copies_the_key_so_the_callers_buffer_may_be_reused()
    {
        var db = new Database(0);
        var buffer = "key"u8.ToArray();
        db.Set(buffer, "v"u8.ToArray());
        buffer[0] = (byte)'X';

        Assert.NotNull(db.Lookup("key"u8, Now));
        Assert.Null(db.Lookup("Xey"u8, Now));
    }

    [Fact]
    public void Overwriting_keeps_the_entry_and_replaces_the_value()
    {
        var db = new Database(0);
        var first = db.Set("k"u8, "1"u8.ToArray());
        var second = db.Set("k"u8, "2"u8.ToArray());

        Assert.Same(first, second);
        Assert.Equal("2"u8.ToArray(), (byte[])second.Value);
        Assert.Equal(1, db.Count);
    }

    [Fact]
    public void Set_string_overwrites_a_live_string_of_the_same_length_in_its_own_array()
    {
        var db = new Database(0);
        var entry = db.SetString("k"u8, "abc"u8, nowMs: Now);
        var array = (byte[])entry.Value;
        StringValue.Append(db, "k"u8, ""u8, Now, out _);
        db.SetExpire(entry, Now + 1000);

        Assert.Same(entry, db.SetString("k"u8, "123"u8, keepTtl: true, nowMs: Now));
        Assert.Same(array, entry.Value);
        Assert.Equal("123"u8.ToArray(), array);
        Assert.Equal(Now + 1000, entry.ExpireAtMs);
        // Stored like any new value: the encoding follows the content again ("raw" from APPEND is gone).
        Assert.Equal("int", System.Text.Encoding.ASCII.GetString(StringValue.Encoding(entry)));

        db.SetString("k"u8, "xyz"u8, nowMs: Now);
        Assert.Same(array, entry.Value);
        Assert.Equal(-1, entry.ExpireAtMs);
    }

    [Fact]
    public void Set_string_stores_a_new_array_for_another_length_another_type_or_an_expired_key()
    {
        var db = new Database(0);
        var first = (byte[])db.SetString("k"u8, "abc"u8, nowMs: Now).Value;
        var longer = (byte[])db.SetString("k"u8, "abcd"u8, nowMs: Now).Value;
        Assert.NotSame(first, longer);
        Assert.Equal("abc"u8.ToArray(), first);

        db.Set("list"u8, new ListValue(), nowMs: Now);
        Assert.Equal("abc"u8.ToArray(), (byte[])db.SetString("list"u8, "abc"u8, nowMs: Now).Value);

        var expiring = db.SetString("gone"u8, "old"u8, expireAtMs: Now + 10, nowMs: Now);
        var old = (byte[])expiring.Value;
        var renewed = db.SetString("gone"u8, "new"u8, keepTtl: true, nowMs: Now + 11);
        Assert.Equal("old"u8.ToArray(), old);
        Assert.Equal("new"u8.ToArray(), (byte[])renewed.Value);
        Assert.Equal(-1, renewed.ExpireAtMs);
    }

    [Fact]
    public void Overwriting_clears_the_ttl_unless_asked_to_keep_it()
    {
        var db = new Database(0);
        db.Set("k"u8, "1"u8.ToArray(), expireAtMs: Now + 10_000, nowMs: Now);
        Assert.Equal(1, db.ExpiresCount);

        var kept = db.Set("k"u8, "2"u8.ToArray(), keepTtl: true, nowMs: Now);
        Assert.Equal(Now + 10_000, kept.ExpireAtMs);
        Assert.Equal(1, db.ExpiresCount);

        var cleared = db.Set("k"u8, "3"u8.ToArray(), nowMs: Now);
        Assert.Equal(-1, cleared.ExpireAtMs);
        Assert.Equal(0, db.ExpiresCount);
    }

    [Fact]
    public void An_explicit_expiry_wins_over_keep_ttl()
    {
        var db = new Database(0);
        db.Set("k"u8, "1"u8.ToArray(), expireAtMs: Now + 10_000, nowMs: Now);

        var entry = db.Set("k"u8, "2"u8.ToArray(), expireAtMs: Now + 5, keepTtl: true, nowMs: Now);

        Assert.Equal(Now + 5, entry.ExpireAtMs);
    }

    [Fact]
    public void Setting_over_an_expired_key_reclaims_it_first_and_does_not_keep_its_ttl()
    {
        var db = new Database(0);
        var expired = new List<KeyEntry>();
        db.KeyExpired = (_, e) => expired.Add(e);
        var old = db.Set("k"u8, "1"u8.ToArray(), expireAtMs: Now - 1, nowMs: Now - 10);

        var fresh = db.Set("k"u8, "2"u8.ToArray(), keepTtl: true, nowMs: Now);

        Assert.NotSame(old, fresh);
        Assert.Equal(-1, fresh.ExpireAtMs);
        Assert.Equal([old], expired);
        Assert.Equal(1, db.Count);
        Assert.Equal(0, db.ExpiresCount);
    }

    [Fact]
    public void Delete_by_key_reports_whether_it_existed()
    {
        var db = new Database(0);
        db.Set("k"u8, "v"u8.ToArray(), expireAtMs: Now + 100);

        Assert.True(db.Delete("k"u8));
        Assert.False(db.Delete("k"u8));
        Assert.Equal(0, db.Count);
        Assert.Equal(0, db.ExpiresCount);
    }

    [Fact]
    public void Delete_does_not_check_expiry()
    {
        var db = new Database(0);
        var expiredCalls = 0;
        db.KeyExpired = (_, _) => expiredCalls++;
        db.Set("k"u8, "v"u8.ToArray(), expireAtMs: Now - 100);

        Assert.True(db.Delete("k"u8));
        Assert.Equal(0, expiredCalls);
    }

    [Fact]
    public void Deleting_an_entry_twice_is_harmless()
    {
        var db = new Database(0);
        var entry = db.Set("k"u8, "v"u8.ToArray(), expireAtMs: Now + 100);
        db.Set("other"u8, "v"u8.ToArray());

        db.Delete(entry);
        db.Delete(entry);

        Assert.Equal(1, db.Count);
        Assert.Equal(0, db.ExpiresCount);
        Assert.NotNull(db.Lookup("other"u8, Now));
    }

    [Fact]
    public void Lookup_touches_unless_told_not_to_and_peek_never_does()
    {
        var db = new Database(0);
        db.Set("k"u8, "v"u8.ToArray(), nowMs: Now);

        db.Lookup("k"u8, Now + 5_000, touch: false);
        Assert.Equal(Now, db.Peek("k"u8)!.LastAccessMs);

        db.Lookup("k"u8, Now + 7_000);
        Assert.Equal(Now + 7_000, db.Peek("k"u8)!.LastAccessMs);
    }

    [Fact]
    public void Last_access_has_one_second_resolution_like_the_redis_lru_clock()
    {
        var db = new Database(0);
        var entry = db.Set("k"u8, "v"u8.ToArray(), nowMs: 12_345);

        Assert.Equal(12_000, entry.LastAccessMs);
    }

    [Fact]
    public void Set_expire_adds_changes_and_removes_the_ttl()
    {
        var db = new Database(0);
        var entry = db.Set("k"u8, "v"u8.ToArray());

        db.SetExpire(entry, Now + 1);
        Assert.Equal(Now + 1, entry.ExpireAtMs);
        Assert.Equal(1, db.ExpiresCount);

        db.SetExpire(entry, Now + 2);
        Assert.Equal(Now + 2, entry.ExpireAtMs);
        Assert.Equal(1, db.ExpiresCount);

        db.SetExpire(entry, -1);
        Assert.Equal(-1, entry.ExpireAtMs);
        Assert.Equal(0, db.ExpiresCount);
    }

    [Fact]
    public void Clear_removes_everything()
    {
        var db = new Database(0);
        for (var i = 0; i < 100; i++)
        {
            db.Set(Key(i), "v"u8.ToArray(), expireAtMs: i % 2 == 0 ? Now + 1000 : -1);
        }

        db.Clear();

        Assert.Equal(0, db.Count);
        Assert.Equal(0, db.ExpiresCount);
        Assert.Equal(0, db.AverageTtlMs);
        Assert.Null(db.Lookup(Key(1), Now));
        db.Set(Key(1), "again"u8.ToArray());
        Assert.Equal(1, db.Count);
    }

    [Fact]
    public void Values_are_strings_or_collection_values_only()
    {
        var db = new Database(0);

        Assert.Throws<ArgumentException>(() => db.Set("k"u8, "a .NET string"));
        var entry = db.Set("k"u8, "v"u8.ToArray());
        Assert.Throws<ArgumentException>(() => entry.Value = 42);
    }

    [Fact]
    public void The_type_follows_the_value()
    {
        var db = new Database(0);
        var entry = db.Set("k"u8, new FakeCollection(DataType.ZSet));

        Assert.Equal(DataType.ZSet, entry.Type);
        entry.Value = "now a string"u8.ToArray();
        Assert.Equal(DataType.String, entry.Type);
    }

    [Theory]
    [InlineData(DataType.String, "string")]
    [InlineData(DataType.List, "list")]
    [InlineData(DataType.Set, "set")]
    [InlineData(DataType.ZSet, "zset")]
    [InlineData(DataType.Hash, "hash")]
    [InlineData(DataType.Stream, "stream")]
    public void Type_names_are_redis_names(DataType type, string name)
    {
        Assert.Equal(name, System.Text.Encoding.ASCII.GetString(DataTypeNames.Of(type)));
    }

    [Fact]
    public void Random_entry_is_null_on_an_empty_database()
    {
        Assert.Null(new Database(0).RandomEntry(new Random(1), Now));
    }

    [Fact]
    public void Random_entry_reaches_every_key_roughly_uniformly()
    {
        var db = new Database(0);
        for (var i = 0; i < 10; i++)
        {
            db.Set(Key(i), "v"u8.ToArray());
        }

        var random = new Random(42);
        var hits = new Dictionary<string, int>();
        for (var i = 0; i < 10_000; i++)
        {
            var key = System.Text.Encoding.ASCII.GetString(db.RandomEntry(random, Now)!.Key);
            hits[key] = hits.GetValueOrDefault(key) + 1;
        }

        Assert.Equal(10, hits.Count);
        Assert.All(hits.Values, count => Assert.InRange(count, 800, 1200));
    }

    [Fact]
    public void Random_entry_skips_and_reclaims_expired_keys()
    {
        var db = new Database(0);
        var expired = 0;
        db.KeyExpired = (_, _) => expired++;
        for (var i = 0; i < 50; i++)
        {
            db.Set(Key(i), "v"u8.ToArray(), expireAtMs: Now - 1);
        }

        db.Set("live"u8, "v"u8.ToArray());
        var random = new Random(7);

        for (var i = 0; i < 20; i++)
        {
            Assert.Equal("live"u8.ToArray(), db.RandomEntry(random, Now)!.Key);
        }

        Assert.True(expired > 0);
        Assert.Equal(51 - expired, db.Count);
    }

    [Fact]
    public void Random_entry_is_null_when_every_key_has_expired()
    {
        var db = new Database(0);
        for (var i = 0; i < 5; i++)
        {
            db.Set(Key(i), "v"u8.ToArray(), expireAtMs: Now - 1);
        }

        Assert.Null(db.RandomEntry(new Random(3), Now));
        Assert.Equal(0, db.Count);
    }

    [Fact]
    public void Entries_is_a_snapshot_that_survives_deleting_while_enumerating()
    {
        var db = new Database(0);
        for (var i = 0; i < 100; i++)
        {
            db.Set(Key(i), "v"u8.ToArray());
        }

        var seen = new HashSet<string>();
        foreach (var entry in db.Entries)
        {
            seen.Add(System.Text.Encoding.ASCII.GetString(entry.Key));
            db.Delete(entry);
        }

        Assert.Equal(100, seen.Count);
        Assert.Equal(0, db.Count);
    }

    [Fact]
    public void Randomized_operations_agree_with_a_dictionary_model()
    {
        var db = new Database(0);
        var model = new Dictionary<string, (string Value, long ExpireAt)>();
        var random = new Random(1234);
        for (var step = 0; step < 200_000; step++)
        {
            var name = "k" + random.Next(5_000);
            var key = System.Text.Encoding.ASCII.GetBytes(name);
            switch (random.Next(6))
            {
                case 0 or 1:
                    var value = step.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    var expireAt = random.Next(4) == 0 ? Now + 1000 : -1;
                    db.Set(key, System.Text.Encoding.ASCII.GetBytes(value), expireAtMs: expireAt, nowMs: Now);
                    model[name] = (value, expireAt);
                    break;
                case 2 or 3:
                    var entry = db.Lookup(key, Now);
                    if (model.TryGetValue(name, out var expected))
                    {
                        Assert.NotNull(entry);
                        Assert.Equal(expected.Value, System.Text.Encoding.ASCII.GetString((byte[])entry.Value));
                        Assert.Equal(expected.ExpireAt, entry.ExpireAtMs);
                    }
                    else
                    {
                        Assert.Null(entry);
                    }

                    break;
                case 4:
                    Assert.Equal(model.Remove(name), db.Delete(key));
                    break;
                case 5:
                    var existing = db.Peek(key);
                    if (existing is not null)
                    {
                        var newExpiry = random.Next(2) == 0 ? -1 : Now + random.Next(1000);
                        db.SetExpire(existing, newExpiry);
                        model[name] = (model[name].Value, newExpiry);
                    }

                    break;
            }

            if (step % 10_000 == 0)
            {
                Assert.Equal(model.Count, db.Count);
                Assert.Equal(model.Values.Count(v => v.ExpireAt >= 0), db.ExpiresCount);
            }
        }

        Assert.Equal(model.Count, db.Count);
        Assert.Equal(model.Keys.Order(), db.Entries.Select(e => System.Text.Encoding.ASCII.GetString(e.Key)).Order());
    }

    [Fact]
    public void Growing_and_shrinking_a_lot_keeps_every_key_reachable()
    {
        var db = new Database(0);
        for (var round = 0; round < 3; round++)
        {
            for (var i = 0; i < 50_000; i++)
            {
                db.Set(Key(i), Key(i));
            }

            for (var i = 0; i < 50_000; i += 2)
            {
                Assert.True(db.Delete(Key(i)));
            }

            for (var i = 0; i < 50_000; i++)
            {
                Assert.Equal(i % 2 == 1, db.Lookup(Key(i), Now) is not null);
            }

            for (var i = 1; i < 49_990; i += 2)
            {
                Assert.True(db.Delete(Key(i)));
            }

            Assert.Equal(5, db.Count);
        }
    }

    [Fact]
    public void Prefetch_pays_from_a_few_thousand_keys_and_changes_nothing()
    {
        var db = new Database(0);
        for (var i = 0; i < 4095; i++) db.Set(Key(i), Key(i), nowMs: Now);
        Assert.False(db.PrefetchPays);
        db.Set("list"u8, new ListValue(), nowMs: Now);
        Assert.True(db.PrefetchPays);

        var hashes = new[] { Key(1), Key(2), "list"u8.ToArray(), Key(99_999), [] }.Select(key => Database.PrefetchHash(key)).ToArray();
        db.Prefetch(hashes);

        Assert.Equal(4096, db.Count);
        Assert.Equal(Key(1), (byte[])db.Lookup(Key(1), Now)!.Value);
        Assert.Equal(DataType.List, db.Lookup("list"u8, Now)!.Type);
        Assert.Null(db.Lookup(Key(99_999), Now));
    }

    private static byte[] Key(int i) => System.Text.Encoding.ASCII.GetBytes("key:" + i);
}
