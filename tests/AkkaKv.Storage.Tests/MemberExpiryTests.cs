using System.Text;
using AkkaKv.Storage;

namespace AkkaKv.Storage.Tests;

public sealed class MemberExpiryTests
{
    private const long Now = 1_700_000_000_000;

    [Fact]
    public void Due_members_vanish_on_lookup_and_are_reported()
    {
        var db = new Database(0);
        var set = new FakeExpiringSet("a", "b", "c");
        var entry = db.Set("k"u8, set, nowMs: Now);
        set.SetMemberDeadline("a"u8, Now + 10);
        set.SetMemberDeadline("b"u8, Now + 20);
        db.TrackMemberDeadlines(entry);
        var reported = new List<string>();
        db.MembersExpired = (_, _, members) => reported.AddRange(members.Select(m => Encoding.ASCII.GetString(m)));

        Assert.NotNull(db.Lookup("k"u8, Now + 10));

        Assert.Equal(["a"], reported);
        Assert.False(set.Contains("a"));
        Assert.True(set.Contains("b"));
        Assert.Equal(Now + 20, set.Deadlines!.Next);
    }

    [Fact]
    public void A_collection_emptied_by_member_expiry_is_deleted()
    {
        var db = new Database(0);
        var set = new FakeExpiringSet("only");
        var entry = db.Set("k"u8, set, nowMs: Now);
        set.SetMemberDeadline("only"u8, Now + 5);
        db.TrackMemberDeadlines(entry);

        Assert.Null(db.Lookup("k"u8, Now + 5));
        Assert.Equal(0, db.Count);
    }

    [Fact]
    public void The_active_cycle_removes_due_members_nobody_reads()
    {
        var db = new Database(0);
        var reported = 0;
        db.MembersExpired = (_, _, members) => reported += members.Count;
        for (var i = 0; i < 200; i++)
        {
            var set = new FakeExpiringSet("x", "y");
            var entry = db.Set(Encoding.ASCII.GetBytes("k" + i), set, nowMs: Now);
            set.SetMemberDeadline("x"u8, Now + 1);
            if (i % 2 == 0) set.SetMemberDeadline("y"u8, Now + 1);
            db.TrackMemberDeadlines(entry);
        }

        for (var round = 0; round < 50 && reported < 300; round++)
        {
            db.ActiveExpireCycle(Now + 2, TimeSpan.FromSeconds(5));
        }

        Assert.Equal(300, reported);
        Assert.Equal(100, db.Count);
    }

    [Fact]
    public void A_value_stored_under_another_key_keeps_expiring_its_members()
    {
        var db = new Database(0);
        var set = new FakeExpiringSet("a", "b");
        set.SetMemberDeadline("a"u8, Now + 1);
        db.Set("renamed"u8, set, nowMs: Now);

        for (var round = 0; round < 10 && set.Contains("a"); round++)
        {
            db.ActiveExpireCycle(Now + 2, TimeSpan.FromSeconds(5));
        }

        Assert.False(set.Contains("a"));
    }

    [Fact]
    public void Rewriting_a_deadline_keeps_only_the_latest()
    {
        var deadlines = new MemberDeadlines();
        for (var i = 0; i < 1_000; i++) deadlines.Set("m"u8.ToArray(), Now + i);
        var due = new List<byte[]>();

        Assert.Equal(0, deadlines.TakeDue(Now + 998, 10, due));
        Assert.Equal(Now + 999, deadlines.Next);
        Assert.Equal(1, deadlines.TakeDue(Now + 999, 10, due));
        Assert.Equal(-1, deadlines.Next);
    }
}
