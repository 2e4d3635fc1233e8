using AkkaKv.Protocol;
using AkkaKv.Server.Tracking;

namespace AkkaKv.Server.Commands;

// What a command's keys mean to the rest of the node once it ran: a changed key fails the transactions watching it and
// invalidates what tracking clients cache of it (Redis's signalModifiedKey); a key a tracking client read is remembered.
public sealed partial class CommandContext
{
    private readonly BroadcastInvalidations _broadcasts = new();
    private readonly List<int> _signalledKeys = new(4);

    /// <summary>The tracking client whose request runs, null when it does not track; nested script commands keep the caller's.</summary>
    internal TrackingClient? Tracking { get; private set; }

    /// <summary>Whether the keys read by this request are remembered for <see cref="Tracking"/> (its mode and CLIENT CACHING decide).</summary>
    internal bool TracksReads { get; private set; }

    /// <summary>
    /// A key was changed: transactions watching it will fail, and clients caching it are told. A key that expired
    /// (<paramref name="byCommand"/> false) was changed by nobody, so even a BCAST NOLOOP reader hears of it; a reader of
    /// its key in default mode is still spared when its own command found the key expired, as Redis compares the
    /// client being served.
    /// </summary>
    public void SignalModifiedKey(int dbIndex, ReadOnlySpan<byte> key, bool byCommand = true)
    {
        TouchWatchedKey(dbIndex, key);
        var tracking = _node.Tracking;
        if (!tracking.InUse) return;
        var current = Tracking?.ClientId ?? 0;
        tracking.Invalidate(_node.Shards.ShardOf(key), key, current);
        var prefixes = tracking.Prefixes.All;
        if (prefixes.Length > 0) _broadcasts.Add(prefixes, key, byCommand ? current : 0);
    }

    /// <summary>
    /// After a command ran. One that changed data (journaled something) signals each key it changes: Redis signals each
    /// key a command modifies, and a changed command's own keys, less the sources it only read, are that set (MOVE and
    /// COPY ... DB signal their key in the other database themselves). A read-only one run for a tracking client remembers its keys, except a read-only
    /// script, whose keys are those of the commands it calls (as in Redis).
    /// </summary>
    internal void AfterCommand(CommandDefinition command, RequestArgs args, int db, bool changed)
    {
        var remember = !changed && TracksReads && (command.Flags & CommandFlags.ReadOnly) != 0 && command.Group != "scripting";
        if (!remember && !(changed && (_node.Shards.AnyWatches || _node.Tracking.InUse))) return;
        _signalledKeys.Clear();
        command.CollectKeys(args, 0, _signalledKeys);
        for (var position = 0; position < _signalledKeys.Count; position++)
        {
            var key = args[_signalledKeys[position]];
            if (!changed) _node.Tracking.Remember(_node.Shards.ShardOf(key), key, Tracking!.ClientId);
            else if (command.Changes(position)) SignalModifiedKey(db, key);
        }
    }

    /// <summary>FLUSHDB and FLUSHALL: every tracking client is told all keys changed, as Redis does for either.</summary>
    public void InvalidateAllTrackedKeys() => _node.Tracking.InvalidateAll();
}
