using System.Text;

namespace AkkaKv.Storage.Tests.Types;

public class HashValueTests
{
    private const long Now = 1_700_000_000_000;

    private static readonly CollectionLimits Limits = CollectionLimits.Default;

    [Fact]
    public void Set_get_and_remove_round_trip_in_the_compact_form()
    {
        var hash = new HashValue();

        Assert.True(hash.Set("a"u8, "1"u8, Limits));
        Assert.True(hash.Set("b"u8, ""u8, Limits));
        Assert.False(hash.Set("a"u8, "one"u8, Limits));

        Assert.Equal(2, hash.Count);
        Assert.Equal("one", Get(hash, "a"));
        Assert.Equal("", Get(hash, "b"));
        Assert.Null(Get(hash, "c"));
        Assert.True(hash.Remove("a"u8));
        Assert.False(hash.Remove("a"u8));
        Assert.Equal(1, hash.Count);
        Assert.Equal("listpack", EncodingOf(hash));
    }

    [Fact]
    public void Binary_and_long_entries_survive_the_compact_form()
    {
        var hash = new HashValue();
        var limits = Limits with { HashMaxListpackValue = 100_000 };
        byte[] binary = [0, 0x80, 0xFF, (byte)'\r', (byte)'\n'];
        var big = new string('x', 70_000);

        hash.Set(binary, Encoding.ASCII.GetBytes(big), limits);
        hash.Set("after"u8, binary, limits);

        Assert.True(hash.IsCompact);
        Assert.True(hash.TryGet(binary, out var value));
        Assert.Equal(big, Encoding.ASCII.GetString(value));
        Assert.True(hash.TryGet("after"u8, out var after));
        Assert.Equal(binary, after.ToArray());
    }

    [Fact]
    public void Overwrites_that_change_the_value_length_keep_the_other_entries_intact()
    {
        var hash = new HashValue();
        for (var i = 0; i < 50; i++)
        {
            hash.Set(Bytes("f" + i), Bytes("v" + i), Limits);
        }

        for (var i = 0; i < 50; i += 3)
        {
            hash.Set(Bytes("f" + i), Bytes(new string('z', i)), Limits);
        }

        for (var i = 1; i < 50; i += 7)
        {
            hash.Remove(Bytes("f" + i));
        }

        for (var i = 0; i < 50; i++)
        {
            var expected = i % 7 == 1 ? null : i % 3 == 0 ? new string('z', i) : "v" + i;
            Assert.Equal(expected, Get(hash, "f" + i));
        }

        Assert.True(hash.IsCompact);
    }

    [Fact]
    public void More_entries_than_the_limit_convert_to_a_hashtable_once()
    {
        var limits = Limits with { HashMaxListpackEntries = 4 };
        var hash = new HashValue();
        for (var i = 0; i < 4; i++)
        {
            hash.Set(Bytes("f" + i), Bytes("v" + i), limits);
        }

        Assert.Equal("listpack", EncodingOf(hash));

        hash.Set("f4"u8, "v4"u8, limits);

        Assert.Equal("hashtable", EncodingOf(hash));
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal("v" + i, Get(hash, "f" + i));
        }

        for (var i = 0; i < 5; i++)
        {
            hash.Remove(Bytes("f" + i));
        }

        hash.Set("x"u8, "y"u8, limits);
        Assert.Equal("hashtable", EncodingOf(hash));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_field_or_value_longer_than_the_limit_converts(bool longField)
    {
        var limits = Limits with { HashMaxListpackValue = 8 };
        var hash = new HashValue();
        hash.Set("short"u8, "12345678"u8, limits);
        Assert.True(hash.IsCompact);

        if (longField)
        {
            hash.Set("123456789"u8, "v"u8, limits);
        }
        else
        {
            hash.Set("f"u8, "123456789"u8, limits);
        }

        Assert.Equal("hashtable", EncodingOf(hash));
        Assert.Equal("12345678", Get(hash, "short"));
    }

    [Fact]
    public void Reserving_more_pairs_than_the_limit_converts_even_if_they_are_overwrites()
    {
        var limits = Limits with { HashMaxListpackEntries = 2 };
        var hash = new HashValue();
        hash.Reserve(2, limits);
        Assert.True(hash.IsCompact);

        hash.Reserve(3, limits);

        Assert.Equal("hashtable", EncodingOf(hash));
    }

    [Fact]
    public void Digest_matches_redis_in_both_encodings_and_in_any_order()
    {
        // Recorded from redis-server 7.0: HSET d1 a 1 b 2 / HSET d3 field hello empty "" num -42 (listpack and hashtable).
        Assert.Equal("6c8f22b3bf510fdcfd6122dd0f908a80e88243bf", Digest(Build(Limits, ("a", "1"), ("b", "2"))));
        Assert.Equal("6c8f22b3bf510fdcfd6122dd0f908a80e88243bf", Digest(Build(Limits, ("b", "2"), ("a", "1"))));
        var fields = new[] { ("field", "hello"), ("empty", ""), ("num", "-42") };
        Assert.Equal("e972aa5d3f139222fda23efb299c3bb7cc8a834b", Digest(Build(Limits, fields)));
        var table = Build(Limits with { HashMaxListpackEntries = 2 }, fields);
        Assert.False(table.IsCompact);
        Assert.Equal("e972aa5d3f139222fda23efb299c3bb7cc8a834b", Digest(table));
    }

    [Fact]
    public void Digest_value_of_a_hash_key_with_a_ttl_matches_redis()
    {
        var db = new Database(0);
        var entry = db.Set("d5"u8, Build(Limits, ("k", "v")), expireAtMs: Now + 100_000, nowMs: Now);

        Assert.Equal("6060febd36987039a6cafb342bdcb66a5eb0a059", Convert.ToHexStringLower(KeyDigest.OfValue(entry)));
    }

    [Theory]
    [InlineData(128)]
    [InlineData(0)]
    public void A_clone_shares_no_state_with_the_original(int maxEntries)
    {
        var limits = Limits with { HashMaxListpackEntries = maxEntries };
        var original = Build(limits, ("a", "1"), ("b", "2"));
        original.SetMemberDeadline("a"u8, Now + 10);
        var clone = (HashValue)original.Clone();

        original.Set("a"u8, "changed"u8, limits);
        original.Set("c"u8, "3"u8, limits);
        clone.Remove("b"u8);

        Assert.Equal("1", Get(clone, "a"));
        Assert.Null(Get(clone, "c"));
        Assert.Equal("2", Get(original, "b"));
        Assert.Equal(Now + 10, clone.DeadlineOf("a"u8));
        Assert.Equal(-1, original.DeadlineOf("a"u8));
        Assert.Equal(EncodingOf(original), EncodingOf(clone));
    }

    [Fact]
    public void Enumeration_yields_every_entry_once_in_both_forms()
    {
        foreach (var limits in new[] { Limits, Limits with { HashMaxListpackEntries = 0 } })
        {
            var hash = Build(limits, ("x", "1"), ("y", "2"), ("z", "3"));
            var seen = new List<string>();
            foreach (var entry in hash)
            {
                seen.Add(Encoding.ASCII.GetString(entry.Field) + "=" + Encoding.ASCII.GetString(entry.Value));
            }

            Assert.Equal(["x=1", "y=2", "z=3"], seen.Order());
        }
    }

    [Fact]
    public void A_compact_hash_is_scanned_whole_in_one_call()
    {
        var hash = Build(Limits, ("a", "1"), ("b", "2"), ("c", "3"));
        var visitor = new Collector();

        Assert.Equal(0, hash.Scan(0, 1, visitor));
        Assert.Equal(["a", "b", "c"], visitor.Fields);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Every_field_present_for_the_whole_scan_is_returned_despite_growth_and_shrinkage(int seed)
    {
        var random = new Random(seed);
        var hash = new HashValue();
        var present = new HashSet<string>();
        var next = 0;
        for (; next < 2_000; next++)
        {
            Add(hash, present, next);
        }

        var stable = present.Where(_ => random.Next(3) == 0).ToHashSet();
        var seen = new HashSet<string>();
        long cursor = 0;
        var calls = 0;
        do
        {
            var visitor = new Collector();
            cursor = hash.Scan(cursor, random.Next(1, 30), visitor);
            seen.UnionWith(visitor.Fields);
            calls++;
            var grow = random.Next(2) == 0;
            for (var i = 0; i < random.Next(0, 400); i++)
            {
                if (grow)
                {
                    Add(hash, present, next++);
                }
                else
                {
                    var victim = present.ElementAt(random.Next(present.Count));
                    if (!stable.Contains(victim))
                    {
                        Assert.True(hash.Remove(Bytes(victim)));
                        present.Remove(victim);
                    }
                }
            }
        }
        while (cursor != 0 && calls < 100_000);

        Assert.Equal(0, cursor);
        Assert.Empty(stable.Except(seen));
    }

    [Theory]
    [InlineData(128)]
    [InlineData(0)]
    public void Distinct_random_picks_are_distinct_and_capped_at_the_size(int maxEntries)
    {
        var limits = Limits with { HashMaxListpackEntries = maxEntries };
        var hash = new HashValue();
        for (var i = 0; i < 30; i++)
        {
            hash.Set(Bytes("f" + i), Bytes("v" + i), limits);
        }

        foreach (var count in new[] { 1, 5, 10, 11, 29, 30, 100 })
        {
            var visitor = new Collector();
            hash.VisitRandom(new Random(count), count, distinct: true, visitor);

            Assert.Equal(Math.Min(count, 30), visitor.Fields.Count);
            Assert.Equal(visitor.Fields.Count, visitor.Fields.Distinct().Count());
            Assert.All(visitor.Pairs, p => Assert.Equal("v" + p.Field[1..], p.Value));
        }
    }

    [Theory]
    [InlineData(128)]
    [InlineData(0)]
    public void Random_picks_with_repeats_are_roughly_uniform(int maxEntries)
    {
        var limits = Limits with { HashMaxListpackEntries = maxEntries };
        var hash = new HashValue();
        for (var i = 0; i < 10; i++)
        {
            hash.Set(Bytes("f" + i), Bytes("v" + i), limits);
        }

        var visitor = new Collector();
        hash.VisitRandom(new Random(7), 20_000, distinct: false, visitor);
        var single = new Random(8);
        for (var i = 0; i < 10_000; i++)
        {
            visitor.Fields.Add(Encoding.ASCII.GetString(hash.RandomEntry(single).Field));
        }

        Assert.Equal(30_000, visitor.Fields.Count);
        Assert.All(visitor.Fields.GroupBy(f => f), g => Assert.InRange(g.Count(), 2_400, 3_600));
        Assert.Equal(10, visitor.Fields.Distinct().Count());
    }

    [Fact]
    public void A_visitor_returning_false_stops_the_walk()
    {
        var hash = Build(Limits, ("a", "1"), ("b", "2"));
        var visitor = new Collector { Limit = 3 };

        hash.VisitRandom(new Random(1), 1_000_000, distinct: false, visitor);

        Assert.Equal(3, visitor.Fields.Count);
    }

    [Fact]
    public void IncrBy_counts_from_zero_checks_the_value_and_overflow()
    {
        var hash = new HashValue();
        hash.Set("text"u8, "abc"u8, Limits);
        hash.Set("max"u8, "9223372036854775807"u8, Limits);

        Assert.Equal(HashStatus.Ok, hash.IncrBy("n"u8, 5, Limits, out var five));
        Assert.Equal(HashStatus.Ok, hash.IncrBy("n"u8, -7, Limits, out var minusTwo));
        Assert.Equal(HashStatus.ValueNotInteger, hash.IncrBy("text"u8, 1, Limits, out _));
        Assert.Equal(HashStatus.Overflow, hash.IncrBy("max"u8, 1, Limits, out _));

        Assert.Equal(5, five);
        Assert.Equal(-2, minusTwo);
        Assert.Equal("-2", Get(hash, "n"));
        Assert.Equal("9223372036854775807", Get(hash, "max"));
    }

    [Theory]
    [InlineData("10.50", "0.1", "10.6")]
    [InlineData("5.0e3", "2.0e2", "5200")]
    [InlineData(null, "1e400", "10000000000000000000281880683947586514586453433629052038625910693539685534008629862039363994848324160522094053927317616200295822777259255734023828976593340661017797447434546173917862448116674971723778943824391593338047470675026246684401359237513603830343735485505244955964979021825038280091068414947402456898653040951017512658092615827588920183472511643316591362664138176309734806343732497430221946880")]
    [InlineData("17179869184", "1.5", "17179869185.5")]
    public void IncrByFloat_adds_in_long_double_and_formats_like_redis(string? stored, string increment, string expected)
    {
        var hash = new HashValue();
        if (stored is not null)
        {
            hash.Set("f"u8, Bytes(stored), Limits);
        }

        Assert.Equal(HashStatus.Ok, hash.IncrByFloat("f"u8, Bytes(increment), Limits, out var formatted));
        Assert.Equal(expected, Encoding.ASCII.GetString(formatted));
        Assert.Equal(expected, Get(hash, "f"));
    }

    [Theory]
    [InlineData("abc", "1", HashStatus.ValueNotFloat)]
    [InlineData("1", "abc", HashStatus.IncrementNotFloat)]
    [InlineData("1", "inf", HashStatus.IncrementNotFinite)]
    [InlineData("inf", "1", HashStatus.ResultNotFinite)]
    [InlineData("1e4932", "1e4932", HashStatus.ResultNotFinite)]
    public void IncrByFloat_refuses_what_redis_refuses(string stored, string increment, HashStatus status)
    {
        var hash = Build(Limits, ("f", stored));

        Assert.Equal(status, hash.IncrByFloat("f"u8, Bytes(increment), Limits, out _));
        Assert.Equal(stored, Get(hash, "f"));
    }

    [Fact]
    public void Field_deadlines_are_set_cleared_by_hset_and_hdel_but_kept_by_increments()
    {
        var hash = Build(Limits, ("a", "1"), ("b", "2"), ("c", "3"));
        Assert.Null(hash.Deadlines);
        Assert.False(hash.SetMemberDeadline("missing"u8, Now));

        Assert.True(hash.SetMemberDeadline("a"u8, Now + 1));
        Assert.True(hash.SetMemberDeadline("b"u8, Now + 2));
        Assert.True(hash.SetMemberDeadline("c"u8, Now + 3));
        Assert.Equal("listpackex", EncodingOf(hash));

        hash.IncrBy("a"u8, 1, Limits, out _);
        hash.IncrByFloat("b"u8, "0.5"u8, Limits, out _);
        hash.Set("c"u8, "new"u8, Limits);

        Assert.Equal(Now + 1, hash.DeadlineOf("a"u8));
        Assert.Equal(Now + 2, hash.DeadlineOf("b"u8));
        Assert.Equal(-1, hash.DeadlineOf("c"u8));

        hash.Remove("a"u8);
        Assert.Equal(-1, hash.DeadlineOf("a"u8));
        Assert.True(hash.SetMemberDeadline("b"u8, -1));
        Assert.Null(hash.Deadlines);
        Assert.Equal("listpackex", EncodingOf(hash));
    }

    [Theory]
    [InlineData(128)]
    [InlineData(0)]
    public void Due_fields_are_removed_and_reported_with_hdel(int maxEntries)
    {
        var hash = Build(Limits with { HashMaxListpackEntries = maxEntries }, ("a", "1"), ("b", "2"), ("c", "3"));
        hash.SetMemberDeadline("a"u8, Now + 1);
        hash.SetMemberDeadline("b"u8, Now + 5);
        var removed = new List<byte[]>();

        Assert.Equal(1, hash.RemoveDueMembers(Now + 1, 100, removed));

        Assert.Equal(["a"], removed.Select(r => Encoding.ASCII.GetString(r)));
        Assert.Null(Get(hash, "a"));
        Assert.Equal(2, hash.Count);
        Assert.Equal(Now + 5, hash.Deadlines!.Next);
        Assert.Equal("HDEL"u8.ToArray(), hash.RemoveCommand);
    }

    [Fact]
    public void The_database_expires_fields_lazily_and_deletes_the_emptied_hash()
    {
        var db = new Database(0);
        var hash = Build(Limits, ("a", "1"), ("b", "2"));
        var entry = db.Set("h"u8, hash, nowMs: Now);
        hash.SetMemberDeadline("a"u8, Now + 10);
        hash.SetMemberDeadline("b"u8, Now + 20);
        db.TrackMemberDeadlines(entry);

        Assert.Same(entry, db.Lookup("h"u8, Now + 10));
        Assert.Equal(1, hash.Count);
        Assert.Null(db.Lookup("h"u8, Now + 20));
        Assert.Equal(0, db.Count);
    }

    [Fact]
    public void Deadlines_survive_the_conversion_to_a_hashtable()
    {
        var limits = Limits with { HashMaxListpackEntries = 2 };
        var hash = Build(limits, ("a", "1"), ("b", "2"));
        hash.SetMemberDeadline("a"u8, Now + 10);

        hash.Set("c"u8, "3"u8, limits);

        Assert.Equal("hashtable", EncodingOf(hash));
        Assert.Equal(Now + 10, hash.DeadlineOf("a"u8));
        var removed = new List<byte[]>();
        Assert.Equal(1, hash.RemoveDueMembers(Now + 10, 10, removed));
        Assert.Null(Get(hash, "a"));
    }

    private static HashValue Build(CollectionLimits limits, params (string Field, string Value)[] pairs)
    {
        var hash = new HashValue();
        hash.Reserve(pairs.Length, limits);
        foreach (var (field, value) in pairs)
        {
            hash.Set(Bytes(field), Bytes(value), limits);
        }

        return hash;
    }

    private static void Add(HashValue hash, HashSet<string> present, int i)
    {
        var name = "field:" + i;
        hash.Set(Bytes(name), "v"u8, Limits);
        present.Add(name);
    }

    private static string? Get(HashValue hash, string field) =>
        hash.TryGet(Bytes(field), out var value) ? Encoding.ASCII.GetString(value) : null;

    private static string EncodingOf(HashValue hash) => Encoding.ASCII.GetString(hash.Encoding);

    /// <summary>DEBUG DIGEST-VALUE of a key holding the hash.</summary>
    private static string Digest(HashValue hash) =>
        Convert.ToHexStringLower(KeyDigest.OfValue(new Database(0).Set("k"u8, hash)));

    private static byte[] Bytes(string text) => Encoding.ASCII.GetBytes(text);

    private sealed class Collector : IHashEntryVisitor
    {
        public int Limit { get; init; } = int.MaxValue;

        public List<string> Fields { get; } = [];

        public List<(string Field, string Value)> Pairs { get; } = [];

        public bool Visit(ReadOnlySpan<byte> field, ReadOnlySpan<byte> value)
        {
            Fields.Add(Encoding.ASCII.GetString(field));
            Pairs.Add((Fields[^1], Encoding.ASCII.GetString(value)));
            return Fields.Count < Limit;
        }
    }
}
