using AkkaKv.Storage;

namespace AkkaKv.Storage.Tests;

/// <summary>The smallest <see cref="IExpiringMembers"/>: a set of strings whose members can have deadlines.</summary>
internal sealed class FakeExpiringSet : IExpiringMembers
{
    private readonly HashSet<string> _members = [];

    public FakeExpiringSet(params string[] members) => _members.UnionWith(members);

    public DataType Type => DataType.Set;
    public ReadOnlySpan<byte> Encoding => "fake"u8;
    public long Count => _members.Count;
    public MemberDeadlines? Deadlines { get; private set; }
    public byte[] RemoveCommand => "SREM"u8.ToArray();

    public bool Contains(string member) => _members.Contains(member);

    public ICollectionValue Clone() => throw new NotSupportedException();

    public void MixDigest(Span<byte> digest)
    {
    }

    public bool SetMemberDeadline(ReadOnlySpan<byte> member, long atMs)
    {
        if (!_members.Contains(Name(member))) return false;
        var deadlines = Deadlines;
        MemberDeadlines.Assign(ref deadlines, member.ToArray(), atMs);
        Deadlines = deadlines;
        return true;
    }

    public bool Remove(ReadOnlySpan<byte> member)
    {
        var deadlines = Deadlines;
        MemberDeadlines.Forget(ref deadlines, member);
        Deadlines = deadlines;
        return _members.Remove(Name(member));
    }

    public int RemoveDueMembers(long nowMs, int max, List<byte[]> removed)
    {
        var deadlines = Deadlines;
        var count = MemberDeadlines.RemoveDue(ref deadlines, this, nowMs, max, removed);
        Deadlines = deadlines;
        return count;
    }

    private static string Name(ReadOnlySpan<byte> member) => System.Text.Encoding.ASCII.GetString(member);
}
