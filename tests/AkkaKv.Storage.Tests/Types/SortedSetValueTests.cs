using System.Text;

namespace AkkaKv.Storage.Tests.Types;

/// <summary>
/// The sorted set in both encodings, checked against a simple model (a sorted list) through long random runs, plus
/// Redis's exact rules: ordering, ZADD's conditions, range parsing, conversions, digests, member deadlines.
/// </summary>
public sealed class SortedSetValueTests
{
    private static readonly CollectionLimits Small = new() { ZSetMaxListpackEntries = 128, ZSetMaxListpackValue = 64 };
    private static readonly CollectionLimits Tiny = new() { ZSetMaxListpackEntries = 0, ZSetMaxListpackValue = 0 };

    public static TheoryData<bool> Encodings => new() { false, true };

    // ---- order ----------------------------------------------------------------------------------------------------

    [Theory]
    [MemberData(nameof(Encodings))]
    public void Elements_are_ordered_by_score_then_by_member_bytes(bool big)
    {
        var set = NewSet(big);
        Add(set, 2, "b");
        Add(set, 1, "zz");
        Add(set, 2, "a");
        Add(set, 2, "ab");
        Add(set, 1, "\u00ff");
        Add(set, double.NegativeInfinity, "low");
        Add(set, double.PositiveInfinity, "high");
        Assert.Equal(["low", "zz", "\u00ff", "a", "ab", "b", "high"], Members(set));
        Assert.Equal(big ? "skiplist" : "listpack", Encoding.ASCII.GetString(set.Encoding));
    }

    [Fact]
    public void Member_bytes_compare_unsigned_and_a_prefix_sorts_first()
    {
        var set = NewSet(big: false);
        set.Add([0x80], 0, Small);
        set.Add([0x7f], 0, Small);
        set.Add([0x7f, 0x00], 0, Small);
        set.Add([], 0, Small);
        var order = set.Range(0, 4, reverse: false).ToList().Select(e => Convert.ToHexString(e.Member.Span)).ToArray();
        Assert.Equal(["", "7F", "7F00", "80"], order);
    }

    /// <summary>Redis's listpack stores an integral score as an integer, so -0 comes back as 0 there only.</summary>
    [Theory]
    [MemberData(nameof(Encodings))]
    public void Negative_zero_and_zero_are_the_same_score(bool big)
    {
        var set = NewSet(big);
        Add(set, -0.0, "b");
        Add(set, 0.0, "a");
        Assert.Equal(["a", "b"], Members(set));
        Assert.Equal(ZAddResult.Unchanged, set.Add("b"u8, 0.0, ZAddFlags.None, Small, out _));
        Assert.True(set.TryGetScore("b"u8, out var score));
        Assert.Equal(big, double.IsNegative(score));
    }

    // ---- ZADD's conditions ----------------------------------------------------------------------------------------

    [Theory]
    [MemberData(nameof(Encodings))]
    public void Add_follows_zadd_conditions(bool big)
    {
        var set = NewSet(big);
        Assert.Equal(ZAddResult.Added, set.Add("a"u8, 5, ZAddFlags.None, Small, out var score));
        Assert.Equal(5, score);
        Assert.Equal(ZAddResult.Skipped, set.Add("a"u8, 1, ZAddFlags.Nx, Small, out _));
        Assert.Equal(ZAddResult.Skipped, set.Add("b"u8, 1, ZAddFlags.Xx, Small, out _));
        Assert.False(set.Contains("b"u8));
        Assert.Equal(ZAddResult.Skipped, set.Add("a"u8, 4, ZAddFlags.Gt, Small, out _));
        Assert.Equal(ZAddResult.Skipped, set.Add("a"u8, 5, ZAddFlags.Gt, Small, out _));
        Assert.Equal(ZAddResult.Updated, set.Add("a"u8, 6, ZAddFlags.Gt | ZAddFlags.Xx, Small, out score));
        Assert.Equal(6, score);
        Assert.Equal(ZAddResult.Skipped, set.Add("a"u8, 7, ZAddFlags.Lt, Small, out _));
        Assert.Equal(ZAddResult.Updated, set.Add("a"u8, 2, ZAddFlags.Lt, Small, out _));
        Assert.Equal(ZAddResult.Added, set.Add("c"u8, 9, ZAddFlags.Gt, Small, out _));
        Assert.Equal(ZAddResult.Updated, set.Add("a"u8, 1.5, ZAddFlags.Incr, Small, out score));
        Assert.Equal(3.5, score);
        Assert.Equal(ZAddResult.Unchanged, set.Add("a"u8, 0, ZAddFlags.Incr, Small, out score));
        Assert.Equal(3.5, score);
        Assert.Equal(ZAddResult.Skipped, set.Add("a"u8, -1, ZAddFlags.Incr | ZAddFlags.Gt, Small, out _));
        Assert.Equal(ZAddResult.Added, set.Add("d"u8, 4, ZAddFlags.Incr, Small, out score));
        Assert.Equal(4, score);
        Assert.Equal(["a", "d", "c"], Members(set));
    }

    [Theory]
    [MemberData(nameof(Encodings))]
    public void A_nan_score_or_increment_result_changes_nothing(bool big)
    {
        var set = NewSet(big);
        Add(set, double.PositiveInfinity, "a");
        Assert.Equal(ZAddResult.NotANumber, set.Add("b"u8, double.NaN, ZAddFlags.None, Small, out _));
        Assert.Equal(ZAddResult.NotANumber, set.Add("a"u8, double.NegativeInfinity, ZAddFlags.Incr, Small, out _));
        Assert.True(set.TryGetScore("a"u8, out var score));
        Assert.Equal(double.PositiveInfinity, score);
        Assert.Equal(1, set.Count);
    }

    // ---- encodings ------------------------------------------------------------------------------------------------

    [Fact]
    public void A_listpack_converts_once_too_many_or_too_long_members_and_never_back()
    {
        var limits = new CollectionLimits { ZSetMaxListpackEntries = 3, ZSetMaxListpackValue = 4 };
        var set = SortedSetValue.Create(1, 1, limits);
        set.Add("a"u8, 1, limits);
        set.Add("b"u8, 2, limits);
        set.Add("c"u8, 3, limits);
        Assert.True(set.IsListpack);
        set.Add("d"u8, 4, limits);
        Assert.False(set.IsListpack);
        set.Remove("d"u8);
        set.Remove("c"u8);
        Assert.False(set.IsListpack);

        var longMember = SortedSetValue.Create(1, 1, limits);
        longMember.Add("abcd"u8, 1, limits);
        Assert.True(longMember.IsListpack);
        longMember.Add("abcde"u8, 1, limits);
        Assert.False(longMember.IsListpack);
        Assert.Equal(["abcd", "abcde"], Members(longMember));
    }

    [Fact]
    public void Create_and_prepare_follow_the_size_hints_as_redis_does()
    {
        var limits = new CollectionLimits { ZSetMaxListpackEntries = 3, ZSetMaxListpackValue = 4 };
        Assert.True(SortedSetValue.Create(3, 4, limits).IsListpack);
        Assert.False(SortedSetValue.Create(4, 1, limits).IsListpack);
        Assert.False(SortedSetValue.Create(1, 5, limits).IsListpack);
        var set = SortedSetValue.Create(1, 1, limits);
        set.Add("a"u8, 1, limits);
        set.PrepareForAdding(3, limits);
        Assert.True(set.IsListpack);
        set.PrepareForAdding(4, limits);
        Assert.False(set.IsListpack);
        Assert.Equal(["a"], Members(set));
    }

    [Fact]
    public void From_members_sorts_and_picks_the_encoding_the_result_fits()
    {
        var limits = new CollectionLimits { ZSetMaxListpackEntries = 3, ZSetMaxListpackValue = 4 };
        var fits = SortedSetValue.FromMembers([Member("b", 2), Member("a", 2), Member("c", 1)], limits);
        Assert.True(fits.IsListpack);
        Assert.Equal(["c", "a", "b"], Members(fits));
        Assert.False(SortedSetValue.FromMembers([Member("a", 1), Member("b", 1), Member("c", 1), Member("d", 1)], limits).IsListpack);
        Assert.False(SortedSetValue.FromMembers([Member("abcde", 1)], limits).IsListpack);
    }

    // ---- against a model --------------------------------------------------------------------------------------------

    [Theory]
    [InlineData(false, 1)]
    [InlineData(true, 2)]
    [InlineData(true, 3)]
    public void Random_changes_agree_with_a_sorted_list(bool big, int seed)
    {
        var random = new Random(seed);
        var set = NewSet(big);
        var model = new Dictionary<string, double>();
        var members = big ? 3000 : 100;
        for (var step = 0; step < (big ? 40_000 : 4_000); step++)
        {
            var name = "m" + random.Next(members);
            switch (random.Next(10))
            {
                case < 5:
                    var score = random.Next(5) == 0 ? random.Next(3) : Math.Round(random.NextDouble() * 100, 1);
                    Add(set, score, name);
                    model[name] = score;
                    break;
                case < 7:
                    Assert.Equal(model.Remove(name), set.Remove(Encoding.ASCII.GetBytes(name)));
                    break;
                case 7:
                    var order = Sorted(model);
                    if (order.Count == 0) break;
                    var start = random.Next(order.Count);
                    var end = Math.Min(order.Count, start + random.Next(1, 40));
                    Assert.Equal(end - start, set.RemoveRange(start, end));
                    for (var i = start; i < end; i++) model.Remove(order[i].Name);
                    break;
                case 8:
                    var fromMax = random.Next(2) == 0;
                    var expected = Sorted(model);
                    if (fromMax) expected.Reverse();
                    var popped = set.Pop(random.Next(1, 5), fromMax);
                    Assert.Equal(expected.Take(popped.Count).Select(e => e.Name), popped.Select(p => Encoding.ASCII.GetString(p.Member)));
                    foreach (var p in popped) model.Remove(Encoding.ASCII.GetString(p.Member));
                    break;
                default:
                    CheckQueries(set, model, random);
                    break;
            }
        }

        set.ValidateStructure();
        Assert.Equal(Sorted(model).Select(e => e.Name), Members(set));
        CheckQueries(set, model, random);
    }

    [Fact]
    public void A_tree_built_in_order_keeps_full_leaves_and_stays_valid_when_emptied()
    {
        var set = NewSet(big: true);
        for (var i = 0; i < 10_000; i++) Add(set, i, "m" + i);
        for (var i = -1; i > -2000; i--) Add(set, i, "n" + i);
        set.ValidateStructure();
        Assert.Equal(12_000 - 1, set.Count);
        var random = new Random(5);
        while (set.Count > 0)
        {
            var rank = random.Next((int)set.Count);
            set.RemoveRange(rank, rank + random.Next(1, 300));
            if (set.Count % 7 == 0) set.ValidateStructure();
        }

        set.ValidateStructure();
        Add(set, 1, "again");
        Assert.Equal(["again"], Members(set));
    }

    [Theory]
    [MemberData(nameof(Encodings))]
    public void Ranges_read_forward_and_backward_from_any_rank(bool big)
    {
        var set = NewSet(big);
        for (var i = 0; i < 300; i++) Add(set, i / 3, "m" + i.ToString("D3", System.Globalization.CultureInfo.InvariantCulture));
        var all = Members(set);
        foreach (var start in new[] { 0, 1, 63, 64, 65, 150, 299 })
        {
            Assert.Equal(all.Skip(start).Take(70), set.Range(start, 70, reverse: false).ToList().Select(Text));
            var backwards = all.Take(start + 1).Reverse().Take(70);
            Assert.Equal(backwards, set.Range(start, 70, reverse: true).ToList().Select(Text));
            Assert.Equal(all[start], Text(set.At(start)));
        }
    }

    // ---- range parsing --------------------------------------------------------------------------------------------

    [Theory]
    [InlineData("1", "2", 1.0, false, 2.0, false)]
    [InlineData("(1", "(2.5", 1.0, true, 2.5, true)]
    [InlineData("-inf", "+inf", double.NegativeInfinity, false, double.PositiveInfinity, false)]
    [InlineData("(-inf", "inf", double.NegativeInfinity, true, double.PositiveInfinity, false)]
    [InlineData(" 1", "\t2", 1.0, false, 2.0, false)]
    [InlineData("", "(", 0.0, false, 0.0, true)]
    [InlineData("1e400", "-1e400", double.PositiveInfinity, false, double.NegativeInfinity, false)]
    [InlineData("0x10", "1e-400", 16.0, false, 0.0, false)]
    public void Score_ranges_parse_as_redis_strtod_does(string min, string max, double minValue, bool minEx, double maxValue, bool maxEx)
    {
        Assert.True(ZScoreRange.TryParse(Encoding.ASCII.GetBytes(min), Encoding.ASCII.GetBytes(max), out var range));
        Assert.Equal(minValue, range.Min);
        Assert.Equal(minEx, range.MinExclusive);
        Assert.Equal(maxValue, range.Max);
        Assert.Equal(maxEx, range.MaxExclusive);
    }

    [Theory]
    [InlineData("nan", "1")]
    [InlineData("1", "(nan")]
    [InlineData("abc", "1")]
    [InlineData("1 ", "2")]
    [InlineData(" ", "2")]
    [InlineData("[1", "2")]
    [InlineData("((1", "2")]
    public void Bad_score_ranges_are_refused(string min, string max) =>
        Assert.False(ZScoreRange.TryParse(Encoding.ASCII.GetBytes(min), Encoding.ASCII.GetBytes(max), out _));

    [Theory]
    [InlineData("a", "[b")]
    [InlineData("[a", "")]
    [InlineData("+a", "[b")]
    [InlineData("[a", "-b")]
    [InlineData("1", "2")]
    public void Bad_lex_ranges_are_refused(string min, string max) =>
        Assert.False(ZLexRange.TryParse(Encoding.ASCII.GetBytes(min), Encoding.ASCII.GetBytes(max), out _));

    [Theory]
    [InlineData("-", "+", "a,b,c,d")]
    [InlineData("[b", "[c", "b,c")]
    [InlineData("(b", "[d", "c,d")]
    [InlineData("[b", "(d", "b,c")]
    [InlineData("(a", "(b", "")]
    [InlineData("[", "[b", "a,b")]
    [InlineData("+", "-", "")]
    [InlineData("-", "-", "")]
    [InlineData("[c", "[b", "")]
    [InlineData("[bb", "+", "c,d")]
    public void Lex_ranges_select_by_member(string min, string max, string expected)
    {
        foreach (var big in new[] { false, true })
        {
            var set = NewSet(big);
            foreach (var m in new[] { "d", "b", "a", "c" }) Add(set, 0, m);
            Assert.True(ZLexRange.TryParse(Encoding.ASCII.GetBytes(min), Encoding.ASCII.GetBytes(max), out var range));
            var (start, end) = set.RankSpan(range!);
            Assert.Equal(expected, string.Join(',', set.Range(start, end - start, reverse: false).ToList().Select(Text)));
        }
    }

    // ---- digest, clone, scan, random ------------------------------------------------------------------------------

    /// <summary>Expected values from DEBUG DIGEST-VALUE of Redis 7.0.15; these scores print the same in 7.2.</summary>
    [Theory]
    [MemberData(nameof(Encodings))]
    public void Digest_matches_redis_in_either_encoding(bool big)
    {
        var db = new Database(0);
        var small = NewSet(big);
        Add(small, 1, "a");
        Add(small, 2, "b");
        Add(small, 1.5, "c");
        Assert.Equal("289309e47a0fdffa6b0c13617bf09b88b90ebf0d", Hex(KeyDigest.OfValue(db.Set("z1"u8, small))));

        var special = NewSet(big);
        Add(special, double.NegativeInfinity, "x");
        Add(special, double.PositiveInfinity, "y");
        Add(special, 0, "z");
        Add(special, -3, "w");
        Add(special, 100, "v");
        Add(special, 0.25, "q");
        Add(special, 1e20, "big");
        Assert.Equal("d77df9fb70c87c74efe1694c0ecbb7d8e9d7e968", Hex(KeyDigest.OfValue(db.Set("z3"u8, special))));
    }

    [Theory]
    [InlineData(0.1, "0.1")]
    [InlineData(1.5, "1.5")]
    [InlineData(100.0, "100")]
    [InlineData(-3.0, "-3")]
    [InlineData(-0.0, "-0")]
    [InlineData(double.NegativeInfinity, "-inf")]
    [InlineData(1e20, "1e+20")]
    [InlineData(1e16, "1e+16")]
    [InlineData(1.5e-7, "1.5e-7")]
    [InlineData(0.0001, "0.0001")]
    [InlineData(123456789012345680000.0, "123456789012345680000")]
    [InlineData(1.2345e14, "1.2345e+14")]
    [InlineData(-1.5e300, "-1.5e+300")]
    [InlineData(1234.5678, "1234.5678")]
    public void Digest_scores_are_written_as_fpconv_does(double value, string expected)
    {
        Span<byte> text = stackalloc byte[FpconvText.MaxLength];
        Assert.Equal(expected, Encoding.ASCII.GetString(text[..FpconvText.Format(value, text)]));
    }

    [Theory]
    [MemberData(nameof(Encodings))]
    public void A_clone_shares_no_state(bool big)
    {
        var set = NewSet(big);
        for (var i = 0; i < 200; i++) Add(set, i, "m" + i);
        set.SetMemberDeadline("m1"u8, 1000);
        var copy = (SortedSetValue)set.Clone();
        set.Remove("m2"u8);
        Add(set, -1, "m3");
        copy.Remove("m4"u8);
        Assert.Equal(copy.Encoding.ToArray(), set.Encoding.ToArray());
        Assert.True(copy.Contains("m2"u8));
        Assert.True(copy.TryGetScore("m3"u8, out var score) && score == 3);
        Assert.True(set.Contains("m4"u8));
        Assert.Equal(1000, copy.Deadlines!.Get("m1"u8));
        copy.ValidateStructure();
    }

    [Fact]
    public void Scan_returns_every_element_present_throughout_despite_churn()
    {
        var set = NewSet(big: true);
        for (var i = 0; i < 2000; i++) Add(set, i, "stable" + i);
        var random = new Random(11);
        var seen = new HashSet<string>();
        var found = new List<ZSetMember>();
        long cursor = 0;
        var calls = 0;
        do
        {
            found.Clear();
            cursor = set.Scan(cursor, 37, found);
            foreach (var item in found) seen.Add(Encoding.ASCII.GetString(item.Member));
            for (var i = 0; i < 20; i++)
            {
                var churn = "churn" + random.Next(3000);
                if (random.Next(2) == 0) Add(set, random.Next(100), churn);
                else set.Remove(Encoding.ASCII.GetBytes(churn));
            }
        }
        while (cursor != 0 && ++calls < 10_000);

        Assert.Equal(0, cursor);
        for (var i = 0; i < 2000; i++) Assert.Contains("stable" + i, seen);
    }

    [Fact]
    public void A_listpack_scans_whole_in_one_call()
    {
        var set = NewSet(big: false);
        for (var i = 0; i < 50; i++) Add(set, i, "m" + i);
        var found = new List<ZSetMember>();
        Assert.Equal(0, set.Scan(0, 1, found));
        Assert.Equal(50, found.Count);
    }

    [Theory]
    [InlineData(false, 3)]
    [InlineData(false, 10)]
    [InlineData(true, 10)]
    [InlineData(true, 150)]
    [InlineData(true, 400)]
    public void Random_distinct_picks_are_distinct_members(bool big, int count)
    {
        var set = NewSet(big);
        for (var i = 0; i < 300; i++) Add(set, i, "m" + i);
        var random = new Random(3);
        var picks = new List<ZSetEntry>();
        set.RandomDistinct(count, random, picks);
        var names = picks.Select(Text).ToList();
        Assert.Equal(Math.Min(count, 300), names.Distinct().Count());
        Assert.Equal(names.Count, names.Distinct().Count());
        foreach (var pick in picks) Assert.True(set.TryGetScore(pick.Member.Span, out var score) && score == pick.Score);
        if (count >= 300) Assert.Equal(Members(set).AsEnumerable().Reverse(), names);
    }

    [Theory]
    [MemberData(nameof(Encodings))]
    public void Random_picks_reach_every_member(bool big)
    {
        var set = NewSet(big);
        for (var i = 0; i < 20; i++) Add(set, i, "m" + i);
        var random = new Random(9);
        var seen = new HashSet<string>();
        for (var i = 0; i < 2000 && seen.Count < 20; i++) seen.Add(Text(set.RandomEntry(random)));
        Assert.Equal(20, seen.Count);
    }

    // ---- member deadlines -----------------------------------------------------------------------------------------

    [Theory]
    [MemberData(nameof(Encodings))]
    public void Due_members_are_removed_and_removal_forgets_deadlines(bool big)
    {
        var set = NewSet(big);
        foreach (var m in new[] { "a", "b", "c", "d" }) Add(set, 1, m);
        Assert.False(set.SetMemberDeadline("zz"u8, 10));
        Assert.Null(set.Deadlines);
        Assert.True(set.SetMemberDeadline("a"u8, 10));
        Assert.True(set.SetMemberDeadline("b"u8, 20));
        Assert.True(set.SetMemberDeadline("c"u8, 30));
        Add(set, 5, "a");
        Assert.Equal(10, set.Deadlines!.Get("a"u8));
        set.Remove("c"u8);
        Assert.Equal(-1, set.Deadlines.Get("c"u8));
        Assert.Equal("ZREM", Encoding.ASCII.GetString(set.RemoveCommand));

        var removed = new List<byte[]>();
        Assert.Equal(1, set.RemoveDueMembers(15, 10, removed));
        Assert.Equal(["a"], removed.Select(Encoding.ASCII.GetString));
        Assert.False(set.Contains("a"u8));
        Assert.Equal(1, set.RemoveDueMembers(100, 10, removed));
        Assert.Null(set.Deadlines);
        Assert.Equal(["d"], Members(set));

        Assert.True(set.SetMemberDeadline("d"u8, 50));
        Assert.True(set.SetMemberDeadline("d"u8, -1));
        Assert.Null(set.Deadlines);
    }

    [Theory]
    [MemberData(nameof(Encodings))]
    public void Range_removals_and_pops_forget_deadlines(bool big)
    {
        var set = NewSet(big);
        for (var i = 0; i < 10; i++) Add(set, i, "m" + i);
        set.SetMemberDeadline("m0"u8, 10);
        set.SetMemberDeadline("m5"u8, 10);
        set.SetMemberDeadline("m9"u8, 10);
        set.Pop(1, fromMax: false);
        set.RemoveRange(4, 5);
        Assert.Equal(1, set.Deadlines!.Count);
        set.Pop(1, fromMax: true);
        Assert.Null(set.Deadlines);
    }

    [Theory]
    [MemberData(nameof(Encodings))]
    public void A_database_expires_zset_members_lazily_and_deletes_the_emptied_key(bool big)
    {
        const long Now = 1_700_000_000_000;
        var db = new Database(0);
        var set = NewSet(big);
        Add(set, 1, "a");
        Add(set, 2, "b");
        var entry = db.Set("z"u8, set, nowMs: Now);
        set.SetMemberDeadline("a"u8, Now + 10);
        db.TrackMemberDeadlines(entry);
        var reported = new List<string>();
        db.MembersExpired = (_, _, members) => reported.AddRange(members.Select(m => Encoding.ASCII.GetString(m)));

        Assert.NotNull(db.Lookup("z"u8, Now + 9));
        Assert.Empty(reported);
        Assert.NotNull(db.Lookup("z"u8, Now + 10));
        Assert.Equal(["a"], reported);
        Assert.Equal(["b"], Members(set));

        set.SetMemberDeadline("b"u8, Now + 20);
        db.TrackMemberDeadlines(entry);
        Assert.Null(db.Lookup("z"u8, Now + 20));
        Assert.Equal(0, db.Count);
    }

    [Theory]
    [MemberData(nameof(Encodings))]
    public void The_active_cycle_expires_zset_members_nobody_reads(bool big)
    {
        const long Now = 1_700_000_000_000;
        var db = new Database(0);
        var removed = 0;
        db.MembersExpired = (_, _, members) => removed += members.Count;
        for (var i = 0; i < 50; i++)
        {
            var set = NewSet(big);
            Add(set, 1, "x");
            Add(set, 2, "y");
            var entry = db.Set(Encoding.ASCII.GetBytes("z" + i), set, nowMs: Now);
            set.SetMemberDeadline("x"u8, Now + 1);
            if (i % 2 == 0) set.SetMemberDeadline("y"u8, Now + 1);
            db.TrackMemberDeadlines(entry);
        }

        for (var round = 0; round < 100 && removed < 75; round++) db.ActiveExpireCycle(Now + 2, TimeSpan.FromSeconds(5));

        Assert.Equal(75, removed);
        Assert.Equal(25, db.Count);
    }

    // ---- helpers --------------------------------------------------------------------------------------------------

    private static void CheckQueries(SortedSetValue set, Dictionary<string, double> model, Random random)
    {
        var order = Sorted(model);
        Assert.Equal(order.Count, set.Count);
        if (order.Count == 0) return;
        var pick = order[random.Next(order.Count)];
        Assert.Equal(order.IndexOf(pick), set.RankOf(Encoding.ASCII.GetBytes(pick.Name), out var score));
        Assert.Equal(pick.Score, score);
        Assert.Equal(-1, set.RankOf("absent"u8, out _));
        var rank = random.Next(order.Count);
        Assert.Equal(order[rank].Name, Text(set.At(rank)));

        var min = Math.Round(random.NextDouble() * 100, 1);
        var max = min + Math.Round(random.NextDouble() * 30, 1);
        var minEx = random.Next(2) == 0;
        var maxEx = random.Next(2) == 0;
        var range = new ZScoreRange(min, minEx, max, maxEx);
        var expected = order.Where(e => (minEx ? e.Score > min : e.Score >= min) && (maxEx ? e.Score < max : e.Score <= max)).Select(e => e.Name).ToList();
        var (start, end) = set.RankSpan(range);
        Assert.Equal(expected, set.Range(start, end - start, reverse: false).ToList().Select(Text));
        if (end > start)
        {
            expected.Reverse();
            Assert.Equal(expected, set.Range(end - 1, end - start, reverse: true).ToList().Select(Text));
        }
    }

    private static List<(string Name, double Score)> Sorted(Dictionary<string, double> model) =>
        model.Select(kv => (kv.Key, kv.Value))
            .OrderBy(e => e.Value)
            .ThenBy(e => e.Key, StringComparer.Ordinal)
            .ToList();

    private static SortedSetValue NewSet(bool big) => SortedSetValue.Create(1, 1, big ? Tiny : Small);

    private static void Add(SortedSetValue set, double score, string member)
    {
        var limits = set.IsListpack ? Small : Tiny;
        Assert.NotEqual(ZAddResult.NotANumber, set.Add(Encoding.Latin1.GetBytes(member), score, ZAddFlags.None, limits, out _));
    }

    private static ZSetMember Member(string name, double score) => new(Encoding.ASCII.GetBytes(name), score);

    private static string[] Members(SortedSetValue set) =>
        set.Range(0, (int)set.Count, reverse: false).ToList().Select(Text).ToArray();

    private static string Text(ZSetEntry entry) => Encoding.Latin1.GetString(entry.Member.Span);

    private static string Hex(byte[] digest) => Convert.ToHexString(digest).ToLowerInvariant();
}

/// <summary>Reading a <see cref="ZSetRange"/> into a list, for assertions.</summary>
internal static class ZSetRangeExtensions
{
    public static List<ZSetEntry> ToList(this ZSetRange range)
    {
        var list = new List<ZSetEntry>();
        foreach (var entry in range) list.Add(entry);
        return list;
    }
}
