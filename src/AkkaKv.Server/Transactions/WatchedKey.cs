namespace AkkaKv.Server.Transactions;

/// <summary>One key a client WATCHes, in its database.</summary>
public sealed class WatchedKey(int database, byte[] key, bool expiredAtWatch)
{
    public int Database { get; } = database;
    public byte[] Key { get; } = key;

    /// <summary>
    /// The key was already logically expired (but not yet removed) when watched. Its removal then changes nothing a
    /// client could see, so it does not spoil the transaction (Redis's watchedKey.expired).
    /// </summary>
    public bool ExpiredAtWatch { get; set; } = expiredAtWatch;
}
