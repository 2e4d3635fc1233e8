namespace AkkaKv.Storage;

/// <summary>Member deadlines (<see cref="IExpiringMembers"/>): kept only while some member has one.</summary>
public sealed partial class SortedSetValue
{
    public bool SetMemberDeadline(ReadOnlySpan<byte> member, long atMs)
    {
        if (!Contains(member)) return false;
        var slot = _tree is null ? -1 : _table!.IndexOf(member);
        MemberDeadlines.Assign(ref _deadlines, slot >= 0 ? _table![slot].Member : member.ToArray(), atMs);
        return true;
    }

    public int RemoveDueMembers(long nowMs, int max, List<byte[]> removed) =>
        MemberDeadlines.RemoveDue(ref _deadlines, this, nowMs, max, removed);

    private void ForgetDeadline(ReadOnlySpan<byte> member) => MemberDeadlines.Forget(ref _deadlines, member);
}
