using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using AkkaKv.Server.PubSub;
using AkkaKv.Storage;

namespace AkkaKv.Server.Commands;

/// <summary>
/// Keyspace notifications (Redis's notifyKeyspaceEvent): handlers report what they did to a key, and when
/// notify-keyspace-events enables the event's class it is published through the node's Pub/Sub registry, on
/// __keyspace@&lt;db&gt;__:&lt;key&gt; (K) and __keyevent@&lt;db&gt;__:&lt;event&gt; (E). Every write calls this, so with
/// notifications off it costs one flag test and allocates nothing.
/// </summary>
public sealed partial class CommandContext
{
    // One per shard thread: channel names are built here, and the registry copies them only for a delivery.
    private byte[] _channelBuffer = new byte[128];

    /// <summary>
    /// Whether events of <paramref name="cls"/> are published now; for handlers that would do extra work only to
    /// publish (finding out whether the key they write is new).
    /// </summary>
    public bool Notifies(NotifyClass cls) => (_node.Settings.NotifyKeyspaceEvents & cls) != 0;

    /// <summary>
    /// For a handler whose storage call creates <paramref name="key"/> when missing: whether it is missing now, so the
    /// write will publish "new". Looked up only while "new" events are published (false otherwise), so the common case
    /// pays nothing; the lookup expires the key first when due, keeping Redis's "expired" before "new".
    /// </summary>
    public bool WillCreate(ReadOnlySpan<byte> key) => Notifies(NotifyClass.New) && LookupWrite(key) is null;

    /// <summary>A key was created (Redis's dbAdd): "new", before the command's own event.</summary>
    public void NotifyNew(ReadOnlySpan<byte> key) => Notify(NotifyClass.New, KeyspaceEvents.New, key, DbIndex);

    /// <summary>A key was created in database <paramref name="dbIndex"/>.</summary>
    public void NotifyNew(ReadOnlySpan<byte> key, int dbIndex) => Notify(NotifyClass.New, KeyspaceEvents.New, key, dbIndex);

    /// <summary>A command deleted a key, or emptied and so deleted a collection: "del".</summary>
    public void NotifyDel(ReadOnlySpan<byte> key) => Notify(NotifyClass.Generic, KeyspaceEvents.Del, key, DbIndex);

    /// <summary>Publishes <paramref name="eventName"/> of class <paramref name="cls"/> for a key of the command's database.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Notify(NotifyClass cls, ReadOnlySpan<byte> eventName, ReadOnlySpan<byte> key) => Notify(cls, eventName, key, DbIndex);

    /// <summary>As <see cref="Notify(NotifyClass, ReadOnlySpan{byte}, ReadOnlySpan{byte})"/>, for a key of database <paramref name="dbIndex"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Notify(NotifyClass cls, ReadOnlySpan<byte> eventName, ReadOnlySpan<byte> key, int dbIndex)
    {
        var enabled = _node.Settings.NotifyKeyspaceEvents;
        if ((enabled & cls) != 0) Publish(enabled, eventName, key, dbIndex);
    }

    // Kept out of line so the inlined test above stays a few instructions.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Publish(NotifyClass enabled, ReadOnlySpan<byte> eventName, ReadOnlySpan<byte> key, int dbIndex)
    {
        var registry = _node.PubSub;
        if ((enabled & NotifyClass.Keyspace) != 0)
        {
            registry.Publish(PubSubKind.Channel, Channel("__keyspace@"u8, dbIndex, key), eventName);
        }
        if ((enabled & NotifyClass.Keyevent) != 0)
        {
            registry.Publish(PubSubKind.Channel, Channel("__keyevent@"u8, dbIndex, eventName), key);
        }
    }

    /// <summary>
    /// Members of <paramref name="entry"/> expired on their own: hash fields publish Redis 7.4's "hexpired", set and
    /// sorted-set members the removal KeyDB publishes for them ("srem", "zrem"). A collection they emptied is deleted
    /// next, so "del" follows, as after Redis's "hexpired" of a hash's last field.
    /// </summary>
    internal void NotifyMembersExpired(int dbIndex, KeyEntry entry)
    {
        switch (entry.Type)
        {
            case DataType.Hash: Notify(NotifyClass.Hash, "hexpired"u8, entry.Key, dbIndex); break;
            case DataType.Set: Notify(NotifyClass.Set, "srem"u8, entry.Key, dbIndex); break;
            case DataType.ZSet: Notify(NotifyClass.SortedSet, "zrem"u8, entry.Key, dbIndex); break;
        }
        if (((ICollectionValue)entry.Value).Count == 0) Notify(NotifyClass.Generic, KeyspaceEvents.Del, entry.Key, dbIndex);
    }

    /// <summary>prefix + db + "__:" + suffix, in the context's buffer (valid until the next call).</summary>
    private ReadOnlySpan<byte> Channel(ReadOnlySpan<byte> prefix, int dbIndex, ReadOnlySpan<byte> suffix)
    {
        const int MaxDbDigits = 11;
        var capacity = prefix.Length + MaxDbDigits + 3 + suffix.Length;
        if (_channelBuffer.Length < capacity) _channelBuffer = new byte[BitOperations.RoundUpToPowerOf2((uint)capacity)];
        var buffer = _channelBuffer.AsSpan();
        prefix.CopyTo(buffer);
        var length = prefix.Length;
        dbIndex.TryFormat(buffer[length..], out var digits, default, CultureInfo.InvariantCulture);
        length += digits;
        "__:"u8.CopyTo(buffer[length..]);
        length += 3;
        suffix.CopyTo(buffer[length..]);
        return buffer[..(length + suffix.Length)];
    }
}
