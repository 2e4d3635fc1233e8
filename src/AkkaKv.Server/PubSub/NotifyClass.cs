namespace AkkaKv.Server.PubSub;

/// <summary>
/// The classes of keyspace events (Redis's NOTIFY_* flags, with their bit values): which channels events go to
/// (<see cref="Keyspace"/>, <see cref="Keyevent"/>) and which kinds of event are published. The config string
/// notify-keyspace-events names them one character each (<see cref="NotifyClassNames"/>).
/// </summary>
[Flags]
public enum NotifyClass
{
    None = 0,
    /// <summary>K: publish on __keyspace@&lt;db&gt;__:&lt;key&gt; with the event as the message.</summary>
    Keyspace = 1 << 0,
    /// <summary>E: publish on __keyevent@&lt;db&gt;__:&lt;event&gt; with the key as the message.</summary>
    Keyevent = 1 << 1,
    /// <summary>g: type-independent commands (DEL, EXPIRE, RENAME...).</summary>
    Generic = 1 << 2,
    /// <summary>$: string commands.</summary>
    String = 1 << 3,
    /// <summary>l: list commands.</summary>
    List = 1 << 4,
    /// <summary>s: set commands.</summary>
    Set = 1 << 5,
    /// <summary>h: hash commands.</summary>
    Hash = 1 << 6,
    /// <summary>z: sorted set commands.</summary>
    SortedSet = 1 << 7,
    /// <summary>x: a key expired.</summary>
    Expired = 1 << 8,
    /// <summary>e: a key was evicted for maxmemory.</summary>
    Evicted = 1 << 9,
    /// <summary>t: stream commands.</summary>
    Stream = 1 << 10,
    /// <summary>m: a read found no key; not part of <see cref="All"/>, as in Redis.</summary>
    KeyMiss = 1 << 11,
    /// <summary>d: module events; accepted for compatibility, AkkaKv has no modules.</summary>
    Module = 1 << 13,
    /// <summary>n: a key was created; not part of <see cref="All"/>, as in Redis.</summary>
    New = 1 << 14,
    /// <summary>A: every class but <see cref="KeyMiss"/> and <see cref="New"/>.</summary>
    All = Generic | String | List | Set | Hash | SortedSet | Expired | Evicted | Stream | Module,
}
