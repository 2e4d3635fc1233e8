namespace AkkaKv.Server.PubSub;

/// <summary>
/// The event names more than one command group publishes (Redis's spelling). Events of a single command are written
/// where that command publishes them.
/// </summary>
public static class KeyspaceEvents
{
    /// <summary>n: a key was created (Redis's dbAdd), published before the command's own event.</summary>
    public static ReadOnlySpan<byte> New => "new"u8;

    /// <summary>g: a key was deleted by a command, or a collection emptied by one (after the command's own event).</summary>
    public static ReadOnlySpan<byte> Del => "del"u8;

    /// <summary>x: a key's TTL passed and it was removed, lazily on access or by the active cycle.</summary>
    public static ReadOnlySpan<byte> Expired => "expired"u8;

    /// <summary>
    /// e: a key removed for maxmemory. AkkaKv does not evict yet; the name is here so eviction publishes Redis's event
    /// when it comes.
    /// </summary>
    public static ReadOnlySpan<byte> Evicted => "evicted"u8;

    /// <summary>m: a read found no key (Redis's lookupKeyRead miss).</summary>
    public static ReadOnlySpan<byte> KeyMiss => "keymiss"u8;
}
