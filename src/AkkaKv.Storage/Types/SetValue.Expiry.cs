namespace AkkaKv.Storage;

/// <summary>
/// Per-member deadlines (KeyDB's EXPIREMEMBER); the database removes due members. Deadlines are keyed by the member's
/// bytes, which for an intset member is its canonical decimal text, so they survive every change of form.
/// </summary>
public sealed partial class SetValue
{
    private static readonly byte[] SRem = "SREM"u8.ToArray();

    /// <summary>Null while no member has a deadline (it costs nothing then).</summary>
    public MemberDeadlines? Deadlines => _deadlines;

    public byte[] RemoveCommand => SRem;

    /// <summary>The member's deadline in unix ms, -1 when it has none (or does not exist).</summary>
    public long DeadlineOf(ReadOnlySpan<byte> member) => _deadlines?.Get(member) ?? -1;

    public bool SetMemberDeadline(ReadOnlySpan<byte> member, long atMs)
    {
        byte[]? stored = null;
        if (_table is { } table)
        {
            var index = table.IndexOf(member);
            if (index < 0)
            {
                return false;
            }

            stored = table[index];
        }
        else if (!Contains(member))
        {
            return false;
        }

        MemberDeadlines.Assign(ref _deadlines, stored ?? member.ToArray(), atMs);
        return true;
    }

    public int RemoveDueMembers(long nowMs, int max, List<byte[]> removed) =>
        MemberDeadlines.RemoveDue(ref _deadlines, this, nowMs, max, removed);

    private void ForgetDeadline(ReadOnlySpan<byte> member) => MemberDeadlines.Forget(ref _deadlines, member);
}
