namespace AkkaKv.Storage.Tests;

/// <summary>Expected digests were read from DEBUG DIGEST / DIGEST-VALUE of Redis 7.0.15 holding the same data.</summary>
public class KeyDigestTests
{
    [Fact]
    public void Digest_value_of_a_string_matches_redis()
    {
        var db = new Database(0);
        var entry = db.Set("foo"u8, "bar"u8.ToArray());

        Assert.Equal("68467c70ae30376e7ce005bcc8827f5ba7fd67dc", Hex(KeyDigest.OfValue(entry)));
    }

    [Fact]
    public void Digest_value_includes_whether_there_is_a_ttl_but_not_the_time()
    {
        var db = new Database(0);
        var entry = db.Set("foo"u8, "bar"u8.ToArray(), expireAtMs: 99_999_999_999_999);
        Assert.Equal("8ec3828f7209dd3abdf6ee448de8b0c0bd53265f", Hex(KeyDigest.OfValue(entry)));

        db.SetExpire(entry, 5);
        Assert.Equal("8ec3828f7209dd3abdf6ee448de8b0c0bd53265f", Hex(KeyDigest.OfValue(entry)));
    }

    [Theory]
    [InlineData("12345", "e1cf90774e995ae03de66e8109dc5cb9d9c2dc83")]
    [InlineData("", "8b3447c33a834b810e3e181b6fd6a2ee1020921c")]
    public void Digest_value_is_of_the_decoded_string(string value, string expected)
    {
        var entry = new Database(0).Set("k"u8, System.Text.Encoding.ASCII.GetBytes(value));

        Assert.Equal(expected, Hex(KeyDigest.OfValue(entry)));
    }

    [Fact]
    public void An_empty_dataset_digests_to_zeros()
    {
        var digest = new byte[KeyDigest.Length];
        var keyspace = new Keyspace(16);

        DatasetDigest(digest, keyspace);

        Assert.Equal(new string('0', 40), Hex(digest));
    }

    [Fact]
    public void Dataset_digest_matches_redis()
    {
        var keyspace = new Keyspace(16);
        keyspace[0].Set("foo"u8, "bar"u8.ToArray());
        var digest = new byte[KeyDigest.Length];
        DatasetDigest(digest, keyspace);
        Assert.Equal("d2ab4820c1be0580ea28efbfe8bfa1dc05bb802a", Hex(digest));

        keyspace[0].SetExpire(keyspace[0].Peek("foo"u8)!, 99_999_999_999_999);
        digest = new byte[KeyDigest.Length];
        DatasetDigest(digest, keyspace);
        Assert.Equal("8b0c6d22108f15467022bc27c005787072eb4c4b", Hex(digest));
    }

    [Fact]
    public void Dataset_digest_over_several_databases_and_shards_matches_redis()
    {
        // Two shards each holding part of db 0 and db 3.
        var shardA = new Keyspace(16);
        var shardB = new Keyspace(16);
        shardA[0].Set("foo"u8, "bar"u8.ToArray());
        shardB[0].Set("num"u8, "12345"u8.ToArray());
        shardA[0].Set("empty"u8, ""u8.ToArray());
        shardB[3].Set("x"u8, new byte[] { 0x00, 0xFF });

        var digest = new byte[KeyDigest.Length];
        for (var db = 0; db < 16; db++)
        {
            if (shardA[db].Count + shardB[db].Count == 0)
            {
                continue;
            }

            var keys = KeyDigest.OfKeys(shardA[db]);
            var other = KeyDigest.OfKeys(shardB[db]);
            for (var i = 0; i < keys.Length; i++)
            {
                keys[i] ^= other[i];
            }

            KeyDigest.MixDatabase(digest, db, keys);
        }

        Assert.Equal("9060cd4e792d99ec7fac6a622d8bbf0db468aaa4", Hex(digest));
    }

    [Fact]
    public void The_key_digest_does_not_depend_on_insertion_order()
    {
        var first = new Database(0);
        var second = new Database(0);
        for (var i = 0; i < 100; i++)
        {
            first.Set(Key(i), Key(i * 7));
            second.Set(Key(99 - i), Key((99 - i) * 7));
        }

        Assert.Equal(KeyDigest.OfKeys(first), KeyDigest.OfKeys(second));
    }

    [Fact]
    public void Any_change_of_data_changes_the_digest()
    {
        var db = new Database(0);
        db.Set("a"u8, "1"u8.ToArray());
        db.Set("b"u8, "2"u8.ToArray());
        var before = KeyDigest.OfKeys(db);

        db.Set("b"u8, "3"u8.ToArray());
        Assert.NotEqual(before, KeyDigest.OfKeys(db));

        db.Set("b"u8, "2"u8.ToArray());
        Assert.Equal(before, KeyDigest.OfKeys(db));

        db.Delete("a"u8);
        db.Set("c"u8, "1"u8.ToArray());
        Assert.NotEqual(before, KeyDigest.OfKeys(db));
    }

    [Fact]
    public void The_same_data_in_another_database_digests_differently()
    {
        var a = new Keyspace(2);
        var b = new Keyspace(2);
        a[0].Set("k"u8, "v"u8.ToArray());
        b[1].Set("k"u8, "v"u8.ToArray());
        var digestA = new byte[KeyDigest.Length];
        var digestB = new byte[KeyDigest.Length];

        DatasetDigest(digestA, a);
        DatasetDigest(digestB, b);

        Assert.NotEqual(digestA, digestB);
    }

    [Fact]
    public void Collection_values_contribute_through_their_own_mix()
    {
        var db = new Database(0);
        var entry = db.Set("k"u8, new FakeCollection(DataType.List, "a"u8.ToArray(), "b"u8.ToArray()));
        var reordered = new Database(0).Set("k"u8, new FakeCollection(DataType.List, "b"u8.ToArray(), "a"u8.ToArray()));

        Assert.NotEqual(KeyDigest.OfValue(entry), KeyDigest.OfValue(reordered));
    }

    private static void DatasetDigest(Span<byte> digest, Keyspace keyspace)
    {
        for (var db = 0; db < keyspace.DatabaseCount; db++)
        {
            if (keyspace[db].Count > 0)
            {
                KeyDigest.MixDatabase(digest, db, KeyDigest.OfKeys(keyspace[db]));
            }
        }
    }

    private static byte[] Key(int i) => System.Text.Encoding.ASCII.GetBytes("key:" + i);

    private static string Hex(ReadOnlySpan<byte> digest) => Convert.ToHexString(digest).ToLowerInvariant();
}
