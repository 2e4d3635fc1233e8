namespace AkkaKv.Storage;

/// <summary>Per-field deadlines (Redis 7.4's HEXPIRE family); the database removes due fields.</summary>
public sealed partial class HashValue
{
    private static readonly byte[] HDel = "HDEL"u8.ToArray();

    /// <summary>Null while no field has a deadline (it costs nothing then).</summary>
    public MemberDeadlines? Deadlines => _deadlines;

    public byte[] RemoveCommand => HDel;

    /// <summary>The field's deadline in unix ms, -1 when it has none (or does not exist).</summary>
    public long DeadlineOf(ReadOnlySpan<byte> field) => _deadlines?.Get(field) ?? -1;

    /// <summary>
    /// Marks the hash as using field expiry, which only changes what OBJECT ENCODING calls the compact form
    /// ("listpackex"): Redis converts on any HEXPIRE-family command against the key, whatever it then sets.
    /// </summary>
    public void UseFieldExpiry() => _fieldExpiryUsed = true;

    public bool SetMemberDeadline(ReadOnlySpan<byte> member, long atMs)
    {
        if (!Contains(member))
        {
            return false;
        }

        if (atMs >= 0) _fieldExpiryUsed = true;
        MemberDeadlines.Assign(ref _deadlines, member.ToArray(), atMs);
        return true;
    }

    public int RemoveDueMembers(long nowMs, int max, List<byte[]> removed) =>
        MemberDeadlines.RemoveDue(ref _deadlines, this, nowMs, max, removed);

    private void ClearDeadline(ReadOnlySpan<byte> field) => MemberDeadlines.Forget(ref _deadlines, field);
}
