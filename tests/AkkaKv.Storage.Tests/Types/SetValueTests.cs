using System.Text;

namespace AkkaKv.Storage.Tests.Types;

/// <summary>
/// The set in its three forms against a model (a HashSet) through random runs, plus Redis 7.2's exact rules: which
/// form a set takes and when it converts, the algebra's result forms, random picks, SPOP's rebuild, SSCAN's
/// guarantee, digests recorded from redis-server, member deadlines. Runs in the memory collection (alone) because
/// it also measures bytes per member.
/// </summary>
[Collection(nameof(MemoryFootprintTests))]
public sealed class SetValueTests
{
    private const long Now = 1_700_000_000_000;

    private static readonly CollectionLimits Limits = CollectionLimits.Default;

    // ---- forms and conversions ------------------------------------------------------------------------------------

    [Fact]
    public void Integers_make_an_intset_that_enumerates_ascending()
    {
        var set = Build("5", "-3", "100000", "5000000000", "0", "-9223372036854775808", "9223372036854775807");

        Assert.Equal("intset", EncodingOf(set));
        Assert.Equal(7, set.Count);
        Assert.Equal(["-9223372036854775808", "-3", "0", "5", "100000", "5000000000", "9223372036854775807"], Members(set));
        Assert.True(set.Contains("5000000000"u8));
        Assert.False(set.Contains("6"u8));
        Assert.False(set.Add("5"u8, Limits));
        Assert.True(set.Remove("100000"u8));
        Assert.False(set.Remove("100000"u8));
        Assert.Equal(["-9223372036854775808", "-3", "0", "5", "5000000000", "9223372036854775807"], Members(set));
    }

    [Theory]
    [InlineData("01")]
    [InlineData("+1")]
    [InlineData("-0")]
    [InlineData(" 1")]
    [InlineData("1.0")]
    [InlineData("9223372036854775808")]
    [InlineData("")]
    public void A_non_canonical_integer_is_a_string_member(string member)
    {
        var set = Build("1", "2");

        Assert.False(set.Contains(Encoding.ASCII.GetBytes(member)));
        Assert.False(set.Remove(Encoding.ASCII.GetBytes(member)));
        Assert.True(set.Add(Encoding.ASCII.GetBytes(member), Limits));

        Assert.Equal("listpack", EncodingOf(set));
        Assert.Equal(["1", "2", member], Members(set));
        Assert.True(set.Contains(Encoding.ASCII.GetBytes(member)));
        Assert.True(set.Contains("1"u8));
    }

    [Fact]
    public void A_string_into_a_large_intset_makes_a_hashtable()
    {
        var set = SetValue.Create("0"u8, 1, Limits);
        for (var i = 0; i < 130; i++) set.Add(Bytes(i.ToString()), Limits);
        Assert.Equal("intset", EncodingOf(set));

        Assert.True(set.Add("a"u8, Limits));

        Assert.Equal("hashtable", EncodingOf(set));
        Assert.Equal(131, set.Count);
        Assert.True(set.Contains("129"u8));
    }

    [Fact]
    public void A_string_into_an_intset_of_long_integers_makes_a_hashtable_when_they_would_not_fit_a_listpack_entry()
    {
        var limits = Limits with { SetMaxListpackValue = 5 };
        var small = Build(limits, "12345", "-1234");
        small.Add("a"u8, limits);
        Assert.Equal("listpack", EncodingOf(small));

        var wide = Build(limits, "123456", "1");
        wide.Add("a"u8, limits);
        Assert.Equal("hashtable", EncodingOf(wide));

        var negative = Build(limits, "-12345", "1");
        negative.Add("a"u8, limits);
        Assert.Equal("hashtable", EncodingOf(negative));
    }

    [Fact]
    public void An_intset_past_set_max_intset_entries_becomes_a_hashtable()
    {
        var limits = Limits with { SetMaxIntsetEntries = 4 };
        var set = Build(limits, "1", "2", "3", "4");
        Assert.Equal("intset", EncodingOf(set));

        set.Add("5"u8, limits);

        Assert.Equal("hashtable", EncodingOf(set));
        Assert.Equal(["1", "2", "3", "4", "5"], Members(set).Order());
    }

    [Fact]
    public void A_listpack_past_its_entries_or_value_limits_becomes_a_hashtable()
    {
        var limits = Limits with { SetMaxListpackEntries = 3, SetMaxListpackValue = 4 };
        var full = Build(limits, "a", "b", "c");
        Assert.Equal("listpack", EncodingOf(full));
        full.Add("d"u8, limits);
        Assert.Equal("hashtable", EncodingOf(full));

        var longValue = Build(limits, "a");
        longValue.Add("abcd"u8, limits);
        Assert.Equal("listpack", EncodingOf(longValue));
        longValue.Add("abcde"u8, limits);
        Assert.Equal("hashtable", EncodingOf(longValue));
        Assert.Equal(["a", "abcd", "abcde"], Members(longValue).Order());
    }

    [Fact]
    public void Forms_never_go_back_when_members_are_removed()
    {
        var set = Build("a", "1");
        set.Remove("a"u8);
        Assert.Equal("listpack", EncodingOf(set));

        var limits = Limits with { SetMaxListpackEntries = 2 };
        var big = Build(limits, "a", "b", "c");
        big.Remove("a"u8);
        big.Remove("b"u8);
        Assert.Equal("hashtable", EncodingOf(big));
    }

    [Theory]
    [InlineData("1", 512, "intset")]
    [InlineData("1", 513, "hashtable")]
    [InlineData("a", 128, "listpack")]
    [InlineData("a", 129, "hashtable")]
    [InlineData("1", 129, "intset")]
    public void Create_picks_the_form_from_the_first_member_and_the_size_hint(string first, long hint, string encoding)
    {
        Assert.Equal(encoding, EncodingOf(SetValue.Create(Bytes(first), hint, Limits)));
    }

    [Theory]
    [InlineData("1", 512, "intset")]
    [InlineData("1", 513, "hashtable")]
    [InlineData("a", 128, "listpack")]
    [InlineData("a", 129, "hashtable")]
    public void Reserve_converts_before_adds_that_could_not_fit(string member, long hint, string encoding)
    {
        var set = Build(member);
        set.Reserve(hint, Limits);
        Assert.Equal(encoding, EncodingOf(set));
        Assert.True(set.Contains(Bytes(member)));
    }

    [Fact]
    public void Binary_and_long_members_survive_the_listpack()
    {
        var limits = Limits with { SetMaxListpackValue = 100_000 };
        byte[] binary = [0, 0x80, 0xFF, (byte)'\r', (byte)'\n'];
        var big = new byte[70_000];
        Array.Fill(big, (byte)'x');
        var set = SetValue.Create(binary, 2, limits);
        set.Add(binary, limits);
        set.Add(big, limits);
        set.Add([], limits);

        Assert.Equal("listpack", EncodingOf(set));
        Assert.True(set.Contains(binary));
        Assert.True(set.Contains(big));
        Assert.True(set.Contains([]));
        Assert.True(set.Remove(big));
        Assert.True(set.Contains([]));
        Assert.Equal(2, set.Count);
    }

    [Fact]
    public void Random_operations_agree_with_a_model_in_every_form()
    {
        var random = new Random(7);
        var limits = Limits with { SetMaxIntsetEntries = 40, SetMaxListpackEntries = 30, SetMaxListpackValue = 6 };
        for (var run = 0; run < 60; run++)
        {
            var model = new HashSet<string>();
            var set = SetValue.Create("0"u8, 1, limits);
            var textual = run % 3 != 0;
            for (var step = 0; step < 300; step++)
            {
                var member = RandomMember(random, textual && step > run);
                if (random.Next(3) == 0)
                {
                    Assert.Equal(model.Remove(member), set.Remove(Bytes(member)));
                }
                else
                {
                    Assert.Equal(model.Add(member), set.Add(Bytes(member), limits));
                }

                Assert.Equal(model.Count, set.Count);
            }

            Assert.Equal(model.Order(StringComparer.Ordinal), Members(set).Order(StringComparer.Ordinal));
            foreach (var member in model) Assert.True(set.Contains(Bytes(member)));
        }
    }

    // ---- digests (recorded from redis-server's DEBUG DIGEST-VALUE) -----------------------------------------------

    [Theory]
    [InlineData("593c2414786d75446e97f4ea5d4b731f3313da72", "a", "b", "c")]
    [InlineData("593c2414786d75446e97f4ea5d4b731f3313da72", "c", "a", "b")]
    [InlineData("1ed7e76f32098645c31d43488139d4a78cbebd28", "1", "2", "3", "-5", "100000")]
    [InlineData("96257d5cc29f1c46ff96a88360b5c99de66ae13f", "1", "x")]
    public void The_digest_matches_redis_in_any_form(string expected, params string[] members)
    {
        var forms = new[] { Limits, Limits with { SetMaxIntsetEntries = 0, SetMaxListpackEntries = 0 } };
        foreach (var limits in forms)
        {
            var db = new Database(0);
            var entry = db.Set("s"u8, Build(limits, members));
            Assert.Equal(expected, Convert.ToHexString(KeyDigest.OfValue(entry)).ToLowerInvariant());
        }
    }

    // ---- algebra --------------------------------------------------------------------------------------------------

    [Fact]
    public void Union_and_difference_grow_from_an_intset()
    {
        var ints = Build("1", "2", "3");
        var more = Build("3", "4");
        var strings = Build("a", "2");

        var union = SetValue.Union([ints, null, more], Limits);
        Assert.Equal("intset", EncodingOf(union));
        Assert.Equal(["1", "2", "3", "4"], Members(union));

        var mixed = SetValue.Union([ints, strings], Limits);
        Assert.Equal("listpack", EncodingOf(mixed));
        Assert.Equal(["1", "2", "3", "a"], Members(mixed).Order());

        var difference = SetValue.Difference([strings, ints], Limits);
        Assert.Equal(["a"], Members(difference));
        Assert.Equal("listpack", EncodingOf(difference));
        Assert.Equal(["1"], Members(SetValue.Difference([ints, null, strings, more], Limits)));
        Assert.Equal(0, SetValue.Difference([null, ints], Limits).Count);
    }

    [Fact]
    public void Difference_with_the_first_set_again_is_empty()
    {
        var set = Build("a", "b", "1");
        Assert.Equal(0, SetValue.Difference([set, Build("x"), set], Limits).Count);
    }

    [Fact]
    public void Both_difference_algorithms_agree()
    {
        var random = new Random(3);
        for (var run = 0; run < 100; run++)
        {
            var inputs = new List<SetValue?>();
            var models = new List<HashSet<string>>();
            for (var i = random.Next(1, 5); i > 0; i--)
            {
                var model = new HashSet<string>();
                for (var n = random.Next(random.Next(2) == 0 ? 3 : 60); n > 0; n--) model.Add(RandomMember(random, random.Next(2) == 0));
                models.Add(model);
                inputs.Add(model.Count == 0 ? null : Build(model.ToArray()));
            }

            var expected = new HashSet<string>(models[0]);
            foreach (var other in models.Skip(1)) expected.ExceptWith(other);
            Assert.Equal(expected.Order(StringComparer.Ordinal), Members(SetValue.Difference(inputs, Limits)).Order(StringComparer.Ordinal));
        }
    }

    [Fact]
    public void A_stored_intersection_of_integers_is_an_intset_whatever_the_inputs()
    {
        var first = Build("a", "b", "c", "1", "3", "6", "x");
        var second = Build("e", "f", "1", "2", "3", "u");
        Assert.Equal("listpack", EncodingOf(first));

        var listpacks = SetValue.Intersection([first, second], Limits);
        Assert.Equal("intset", EncodingOf(listpacks));
        Assert.Equal(["1", "3"], Members(listpacks));

        var bigFirst = Build(Enumerable.Range(1, 150).Select(i => i.ToString()).Append("a").ToArray());
        var bigSecond = Build(Enumerable.Range(1, 150).Select(i => i.ToString()).Append("b").ToArray());
        Assert.Equal("hashtable", EncodingOf(bigFirst));
        var tables = SetValue.Intersection([bigFirst, bigSecond], Limits);
        Assert.Equal("intset", EncodingOf(tables));
        Assert.Equal(150, tables.Count);

        var withString = SetValue.Intersection([first, Build("a", "1")], Limits);
        Assert.Equal("listpack", EncodingOf(withString));
        Assert.Equal(["1", "a"], Members(withString).Order());
    }

    [Fact]
    public void Intersection_visits_the_smallest_set_and_stops_when_asked()
    {
        var big = Build(Enumerable.Range(0, 100).Select(i => "m" + i).ToArray());
        var small = Build("m5", "m7", "zz");
        var visitor = new Collector(limit: 1);

        SetValue.VisitIntersection([big, small, big], visitor);

        Assert.Single(visitor.Members);
        Assert.Equal(["m5", "m7"], Members(SetValue.Intersection([big, small], Limits)));
    }

    // ---- random picks and pops ------------------------------------------------------------------------------------

    [Theory]
    [InlineData("1", "2", "3", "4", "5", "6", "7", "8", "9", "10")]
    [InlineData("a", "b", "c", "d", "e", "f", "g", "h", "i", "j")]
    public void Random_picks_are_uniform_with_and_without_repeats(params string[] members)
    {
        foreach (var limits in new[] { Limits, Limits with { SetMaxIntsetEntries = 0, SetMaxListpackEntries = 0 } })
        {
            var set = Build(limits, members);
            var random = new Random(11);
            var repeats = new Collector();
            set.VisitRandom(random, 20_000, distinct: false, repeats);
            Assert.Equal(20_000, repeats.Members.Count);
            Assert.All(repeats.Members.GroupBy(m => m), g => Assert.InRange(g.Count(), 1_600, 2_400));

            var distinct = new Collector();
            for (var i = 0; i < 2_000; i++)
            {
                var one = new Collector();
                set.VisitRandom(random, i % 2 == 0 ? 3 : 8, distinct: true, one);
                Assert.Equal(one.Members.Count, one.Members.Distinct().Count());
                distinct.Members.AddRange(one.Members);
            }

            Assert.All(distinct.Members.GroupBy(m => m), g => Assert.InRange(g.Count(), 900, 1_300));
            var all = new Collector();
            set.VisitRandom(random, 50, distinct: true, all);
            Assert.Equal(members.Order(StringComparer.Ordinal), all.Members.Order(StringComparer.Ordinal));
        }
    }

    [Theory]
    [InlineData(false, 2)]
    [InlineData(false, 18)]
    [InlineData(true, 2)]
    [InlineData(true, 18)]
    public void Pops_remove_distinct_members_in_every_form(bool textual, int count)
    {
        foreach (var limits in new[] { Limits, Limits with { SetMaxIntsetEntries = 0, SetMaxListpackEntries = 0 } })
        {
            var members = Enumerable.Range(1, 20).Select(i => textual ? "m" + i : i.ToString()).ToArray();
            var set = Build(limits, members);
            set.SetMemberDeadline(Bytes(members[0]), Now);
            set.SetMemberDeadline(Bytes(members[1]), Now);

            var popped = set.PopRandom(new Random(5), count, limits).Select(m => Encoding.ASCII.GetString(m)).ToList();

            Assert.Equal(count, popped.Distinct().Count());
            Assert.Equal(20 - count, set.Count);
            Assert.Equal(members.Order(), popped.Concat(Members(set)).Order());
            foreach (var member in popped) Assert.Equal(-1, set.DeadlineOf(Bytes(member)));
            foreach (var member in Members(set).Where(m => m == members[0] || m == members[1])) Assert.Equal(Now, set.DeadlineOf(Bytes(member)));
        }
    }

    [Fact]
    public void Popping_most_of_a_set_rebuilds_it_as_redis_does()
    {
        var noIntsets = Limits with { SetMaxIntsetEntries = 0 };
        var table = Build(noIntsets, Enumerable.Range(0, 200).Select(i => i.ToString()).ToArray());
        Assert.Equal("hashtable", EncodingOf(table));
        table.PopRandom(new Random(1), 190, noIntsets);
        Assert.Equal("listpack", EncodingOf(table));
        Assert.Equal(10, table.Count);

        var intset = Build(Enumerable.Range(0, 20).Select(i => i.ToString()).ToArray());
        intset.PopRandom(new Random(1), 18, Limits);
        Assert.Equal("intset", EncodingOf(intset));

        var kept = Build(Enumerable.Range(0, 200).Select(i => "m" + i).ToArray());
        kept.PopRandom(new Random(1), 100, Limits);
        Assert.Equal("hashtable", EncodingOf(kept));
    }

    [Fact]
    public void A_single_pop_takes_each_member_once()
    {
        var set = Build("a", "b", "c");
        var popped = new[] { set.PopRandom(Random.Shared), set.PopRandom(Random.Shared), set.PopRandom(Random.Shared) };
        Assert.Equal(["a", "b", "c"], popped.Select(m => Encoding.ASCII.GetString(m)).Order());
        Assert.Equal(0, set.Count);
    }

    // ---- scan -----------------------------------------------------------------------------------------------------

    [Fact]
    public void A_compact_set_scans_whole_in_one_call()
    {
        var set = Build("a", "b", "1");
        var visitor = new Collector();
        Assert.Equal(0, set.Scan(12345, 1, visitor));
        Assert.Equal(["1", "a", "b"], visitor.Members.Order());
    }

    [Fact]
    public void A_scan_returns_every_member_present_throughout_while_the_set_grows_and_shrinks()
    {
        var set = Build(Enumerable.Range(0, 500).Select(i => "stable" + i).ToArray());
        var random = new Random(9);
        var seen = new HashSet<string>();
        long cursor = 0;
        var calls = 0;
        var added = 0;
        do
        {
            var visitor = new Collector();
            cursor = set.Scan(cursor, 10, visitor);
            seen.UnionWith(visitor.Members);
            for (var i = 0; i < 30; i++) set.Add(Bytes("churn" + added++), Limits);
            for (var i = 0; i < 25; i++) set.Remove(Bytes("churn" + random.Next(added)));
            calls++;
        }
        while (cursor != 0 && calls < 10_000);

        Assert.Equal(0, cursor);
        for (var i = 0; i < 500; i++) Assert.Contains("stable" + i, seen);
    }

    // ---- copies and deadlines -------------------------------------------------------------------------------------

    [Fact]
    public void A_clone_shares_nothing()
    {
        foreach (var members in new[] { new[] { "1", "2" }, ["a", "b"], Enumerable.Range(0, 200).Select(i => "m" + i).ToArray() })
        {
            var set = Build(members);
            set.SetMemberDeadline(Bytes(members[0]), Now);
            var copy = (SetValue)set.Clone();

            copy.Add("new"u8, Limits);
            copy.Remove(Bytes(members[1]));
            copy.SetMemberDeadline(Bytes(members[0]), -1);

            Assert.False(set.Contains("new"u8));
            Assert.True(set.Contains(Bytes(members[1])));
            Assert.Equal(Now, set.DeadlineOf(Bytes(members[0])));
            Assert.Equal(set.Encoding.ToArray(), ((SetValue)set.Clone()).Encoding.ToArray());
        }
    }

    [Fact]
    public void Deadlines_follow_members_across_every_form()
    {
        var limits = Limits with { SetMaxListpackEntries = 3 };
        var set = Build(limits, "1", "2");
        Assert.True(set.SetMemberDeadline("2"u8, Now + 5));
        Assert.False(set.SetMemberDeadline("02"u8, Now));
        Assert.False(set.SetMemberDeadline("9"u8, Now));
        Assert.Equal(SRemBytes, set.RemoveCommand);

        set.Add("a"u8, limits);
        Assert.Equal("listpack", EncodingOf(set));
        Assert.Equal(Now + 5, set.DeadlineOf("2"u8));
        set.Add("b"u8, limits);
        Assert.Equal("hashtable", EncodingOf(set));
        Assert.Equal(Now + 5, set.DeadlineOf("2"u8));
        Assert.False(set.Add("2"u8, limits));
        Assert.Equal(Now + 5, set.DeadlineOf("2"u8));

        var removed = new List<byte[]>();
        Assert.Equal(0, set.RemoveDueMembers(Now + 4, 10, removed));
        Assert.Equal(1, set.RemoveDueMembers(Now + 5, 10, removed));
        Assert.Equal("2", Encoding.ASCII.GetString(removed[0]));
        Assert.False(set.Contains("2"u8));
        Assert.Null(set.Deadlines);
    }

    [Fact]
    public void Removing_a_member_forgets_its_deadline_and_clearing_keeps_the_member()
    {
        var set = Build("1", "2");
        set.SetMemberDeadline("1"u8, Now);
        set.SetMemberDeadline("2"u8, Now);
        set.Remove("1"u8);
        set.Add("1"u8, Limits);
        Assert.Equal(-1, set.DeadlineOf("1"u8));
        Assert.True(set.SetMemberDeadline("2"u8, -1));
        Assert.Null(set.Deadlines);
        Assert.Equal(0, set.RemoveDueMembers(Now + 1, 10, []));
        Assert.Equal(2, set.Count);
    }

    [Theory]
    [InlineData("1", "2")]
    [InlineData("a", "b")]
    public void A_database_expires_set_members_lazily_and_deletes_the_emptied_key(params string[] members)
    {
        var db = new Database(0);
        var set = Build(members);
        var entry = db.Set("s"u8, set, nowMs: Now);
        set.SetMemberDeadline(Bytes(members[0]), Now + 10);
        db.TrackMemberDeadlines(entry);
        var reported = new List<string>();
        db.MembersExpired = (_, _, expired) => reported.AddRange(expired.Select(m => Encoding.ASCII.GetString(m)));

        Assert.NotNull(db.Lookup("s"u8, Now + 9));
        Assert.Empty(reported);
        Assert.NotNull(db.Lookup("s"u8, Now + 10));
        Assert.Equal([members[0]], reported);
        Assert.Equal([members[1]], Members(set));

        set.SetMemberDeadline(Bytes(members[1]), Now + 20);
        db.TrackMemberDeadlines(entry);
        Assert.Null(db.Lookup("s"u8, Now + 20));
        Assert.Equal(0, db.Count);
    }

    [Fact]
    public void The_active_cycle_expires_set_members_nobody_reads()
    {
        var db = new Database(0);
        var removed = 0;
        db.MembersExpired = (_, _, members) => removed += members.Count;
        for (var i = 0; i < 50; i++)
        {
            var set = Build(i % 3 == 0 ? ["1", "2"] : ["x", "y"]);
            var entry = db.Set(Bytes("s" + i), set, nowMs: Now);
            var members = Members(set);
            set.SetMemberDeadline(Bytes(members[0]), Now + 1);
            if (i % 2 == 0) set.SetMemberDeadline(Bytes(members[1]), Now + 1);
            db.TrackMemberDeadlines(entry);
        }

        for (var round = 0; round < 100 && removed < 75; round++) db.ActiveExpireCycle(Now + 2, TimeSpan.FromSeconds(5));

        Assert.Equal(75, removed);
        Assert.Equal(25, db.Count);
    }

    // ---- memory ---------------------------------------------------------------------------------------------------

    [Theory]
    [InlineData("intset", 1_000, 10, 9, 14)]
    [InlineData("listpack", 1_000, 10, 14, 23)]
    public void Small_sets_cost_few_bytes_per_member(string encoding, int sets, int membersEach, double low, double high)
    {
        var members = new byte[sets * membersEach][];
        for (var i = 0; i < members.Length; i++) members[i] = Bytes(encoding == "intset" ? (i % 1000).ToString() : "m:" + (i % 100_000).ToString("D5"));
        var before = LiveBytes();
        var all = new SetValue[sets];
        for (var s = 0; s < sets; s++)
        {
            all[s] = SetValue.Create(members[s * membersEach], membersEach, Limits);
            for (var m = 0; m < membersEach; m++) all[s].Add(members[s * membersEach + m], Limits);
        }

        var perMember = (LiveBytes() - before) / (double)(sets * membersEach);
        GC.KeepAlive(members);
        Assert.Equal(encoding, EncodingOf(all[0]));
        Assert.InRange(perMember, low, high);
    }

    [Fact]
    public void A_hashtable_member_costs_about_its_array_plus_an_index_slot()
    {
        const int Count = 1_000_000;
        var before = LiveBytes();
        var set = SetValue.Create("m:0000000"u8, 1, Limits);
        for (var i = 0; i < Count; i++) set.Add(Bytes("m:" + i.ToString("D7")), Limits);

        var perMember = (LiveBytes() - before) / (double)Count;
        Assert.Equal("hashtable", EncodingOf(set));
        // 32 (9-byte member array) + 16 (slot) + 4 (bucket), with the index between half and fully used.
        Assert.InRange(perMember, 50, 75);
    }

    // ---- helpers --------------------------------------------------------------------------------------------------

    private static readonly byte[] SRemBytes = "SREM"u8.ToArray();

    private static SetValue Build(params string[] members) => Build(Limits, members);

    private static SetValue Build(CollectionLimits limits, params string[] members)
    {
        var set = SetValue.Create(Bytes(members[0]), members.Length, limits);
        foreach (var member in members) set.Add(Bytes(member), limits);
        return set;
    }

    private static string[] Members(SetValue set)
    {
        var members = new List<string>();
        foreach (var member in set) members.Add(Encoding.ASCII.GetString(member));
        return members.ToArray();
    }

    private static string EncodingOf(SetValue set) => Encoding.ASCII.GetString(set.Encoding);

    private static byte[] Bytes(string text) => Encoding.ASCII.GetBytes(text);

    private static string RandomMember(Random random, bool textual) =>
        textual && random.Next(4) == 0 ? new string((char)('a' + random.Next(26)), random.Next(1, 9)) : (random.Next(200) - 100).ToString();

    private static long LiveBytes()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(true);
    }

    private sealed class Collector(int limit = int.MaxValue) : ISetMemberVisitor
    {
        public List<string> Members { get; } = [];

        public bool Visit(ReadOnlySpan<byte> member)
        {
            Members.Add(Encoding.ASCII.GetString(member));
            return Members.Count < limit;
        }
    }
}
