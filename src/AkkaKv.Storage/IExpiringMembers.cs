namespace AkkaKv.Storage;

/// <summary>
/// A collection whose members can expire one by one (hash fields, set and sorted-set members). The database
/// removes due members lazily on lookup and actively in its expiry cycle, and deletes the key once it is empty.
/// </summary>
public interface IExpiringMembers : ICollectionValue
{
    /// <summary>Null until a member first gets a deadline.</summary>
    MemberDeadlines? Deadlines { get; }

    /// <summary>How a removed member is journaled: HDEL, SREM or ZREM.</summary>
    byte[] RemoveCommand { get; }

    /// <summary>Sets (or with -1 clears) an existing member's deadline; false when the member is absent.</summary>
    bool SetMemberDeadline(ReadOnlySpan<byte> member, long atMs);

    /// <summary>Removes a member and its deadline; false when it was absent.</summary>
    bool Remove(ReadOnlySpan<byte> member);

    /// <summary>Removes up to <paramref name="max"/> members whose deadline passed, adding them to <paramref name="removed"/>.</summary>
    int RemoveDueMembers(long nowMs, int max, List<byte[]> removed);
}
