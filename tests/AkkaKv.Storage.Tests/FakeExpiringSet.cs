using System.Text;
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
        var name = System.Text.Encoding.ASCII.GetString(member);
        if (!_members.Contains(name)) return false;
        Deadlines ??= new MemberDeadlines();
        if (atMs < 0) Deadlines.Remove(member);
        else Deadlines.Set(member.ToArray(), atMs);
        return true;
    }

    public int RemoveDueMembers(long nowMs, int max, List<byte[]> removed)
    {
        var start = removed.Count;
        Deadlines?.TakeDue(nowMs, max, removed);
        for (var i = start; i < removed.Count; i++) _members.Remove(System.Text.Encoding.ASCII.GetString(removed[i]));
        return removed.Count - start;
    }
}
