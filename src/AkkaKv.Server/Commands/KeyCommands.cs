using System.Globalization;
using AkkaKv.Server.PubSub;
using AkkaKv.Storage;
using static AkkaKv.Server.Commands.ArgParsing;

namespace AkkaKv.Server.Commands;

/// <summary>Generic keyspace commands (Redis's db.c and object.c): the table entries first, then the handlers.</summary>
public static class KeyCommands
{
    private const string Group = "generic";
    private const CommandFlags ReadFast = CommandFlags.ReadOnly | CommandFlags.Fast;

    internal static IEnumerable<CommandDefinition> Definitions =>
    [
        Define.Keyed("del", -2, CommandFlags.Write, 1, -1, 1, Group, "Deletes one or more keys.", Del, "1.0.0", "O(N)"),
        Define.Keyed("unlink", -2, CommandFlags.Write | CommandFlags.Fast, 1, -1, 1, Group, "Asynchronously deletes one or more keys.", Del, "4.0.0", "O(1) for each key removed regardless of its size."),
        Define.Keyed("exists", -2, ReadFast, 1, -1, 1, Group, "Determines whether one or more keys exist.", Exists, "1.0.0", "O(N)"),
        Define.Keyed("touch", -2, ReadFast, 1, -1, 1, Group, "Returns the number of existing keys out of those specified after updating the time they were last accessed.", Exists, "3.2.1", "O(N)"),
        Define.Keyed("type", 2, ReadFast, 1, 1, 1, Group, "Determines the type of value stored at a key.", Type),
        Define.Keyed("rename", 3, CommandFlags.Write, 1, 2, 1, Group, "Renames a key and overwrites the destination.", Rename),
        Define.Keyed("renamenx", 3, CommandFlags.Write | CommandFlags.Fast, 1, 2, 1, Group, "Renames a key only when the target key name doesn't exist.", RenameNx),
        Define.Keyed("copy", -3, CommandFlags.Write | CommandFlags.DenyOom, 1, 2, 1, Group, "Copies the value of a key to a new key.", Copy, "6.2.0", "O(N) worst case for collections, where N is the number of nested items. O(1) for string values.").Changing(ChangedKeys.AllButFirst),
        Define.Keyed("move", 3, CommandFlags.Write | CommandFlags.Fast, 1, 1, 1, Group, "Moves a key to another database.", Move),
        Define.AllShards("keys", 2, CommandFlags.ReadOnly, Group, "Returns all key names that match a pattern.", Keys),
        new CommandDefinition
        {
            Name = "scan", Arity = -2, Flags = CommandFlags.ReadOnly, Group = Group, Since = "2.8.0",
            Summary = "Iterates over the key names in the database.",
            Complexity = "O(1) for every call. O(N) for a complete iteration, including enough command calls for the cursor to return back to 0. N is the number of elements inside the collection.",
            Routing = CommandRouting.ChosenShard, Execute = Scan, ChooseShard = ShardOfScanCursor,
        },
        Define.AllShards("randomkey", 1, CommandFlags.ReadOnly, Group, "Returns a random key name from the database.", RandomKey, "1.0.0", "O(1)"),
        Define.Container("object", Group, "A container for object introspection commands.", "2.2.3",
            Define.Keyed("encoding", 3, CommandFlags.ReadOnly, 2, 2, 1, Group, "Returns the internal encoding of a Redis object.", ObjectEncoding, "2.2.3"),
            Define.Keyed("freq", 3, CommandFlags.ReadOnly, 2, 2, 1, Group, "Returns the logarithmic access frequency counter of a Redis object.", ObjectFreq, "4.0.0"),
            Define.Keyed("idletime", 3, CommandFlags.ReadOnly, 2, 2, 1, Group, "Returns the time since the last access to a Redis object.", ObjectIdleTime, "2.2.3"),
            Define.Keyed("refcount", 3, CommandFlags.ReadOnly, 2, 2, 1, Group, "Returns the reference count of a value of a key.", ObjectRefCount, "2.2.3"),
            Define.Session("help", 2, CommandFlags.Loading | CommandFlags.Stale, Group, "Returns helpful text about the different subcommands.", (s, a, r) => Help.Write(r, "OBJECT", ObjectHelp), "6.2.0")),
    ];

    private static readonly string[] ObjectHelp =
    [
        "ENCODING <key>",
        "    Return the kind of internal representation used in order to store the value",
        "    associated with a <key>.",
        "FREQ <key>",
        "    Return the access frequency index of the <key>. The returned integer is",
        "    proportional to the logarithm of the recent access frequency of the key.",
        "IDLETIME <key>",
        "    Return the idle time of the <key>, that is the approximated number of",
        "    seconds elapsed since the last access to the key.",
        "REFCOUNT <key>",
        "    Return the number of references of the value associated with the specified",
        "    <key>.",
    ];

    private static void Del(CommandContext c)
    {
        var deleted = 0;
        for (var i = 1; i < c.ArgCount; i++)
        {
            var key = c.Arg(i);
            var db = c.Db(key);
            var entry = db.Lookup(key, c.NowMs, touch: false);
            if (entry is null) continue;
            db.Delete(entry);
            c.NotifyDel(key);
            deleted++;
        }
        c.Reply.WriteInteger(deleted);
        if (deleted > 0) c.Propagate();
    }

    /// <summary>EXISTS and TOUCH: counts existing keys (repeats count again); TOUCH's lookups update the access time.</summary>
    private static void Exists(CommandContext c)
    {
        var touch = c.Command.Name == "touch";
        var found = 0;
        for (var i = 1; i < c.ArgCount; i++)
        {
            if (c.LookupRead(c.Arg(i), touch) is not null) found++;
        }
        c.Reply.WriteInteger(found);
    }

    private static void Type(CommandContext c)
    {
        var key = c.Arg(1);
        var entry = c.LookupRead(key, touch: false);
        c.Reply.WriteSimpleString(entry is null ? "none"u8 : DataTypeNames.Of(entry.Type));
    }

    private static void Rename(CommandContext c) => RenameGeneric(c, onlyIfAbsent: false);

    private static void RenameNx(CommandContext c) => RenameGeneric(c, onlyIfAbsent: true);

    private static void RenameGeneric(CommandContext c, bool onlyIfAbsent)
    {
        var source = c.Arg(1);
        var target = c.Arg(2);
        var sourceDb = c.Db(source);
        var entry = sourceDb.Lookup(source, c.NowMs, touch: false);
        if (entry is null)
        {
            c.Error(ErrorReplies.NoSuchKey);
            return;
        }
        if (source.SequenceEqual(target))
        {
            if (onlyIfAbsent) c.Reply.WriteInteger(0);
            else c.Reply.WriteOk();
            return;
        }
        var targetDb = c.Db(target);
        if (onlyIfAbsent && targetDb.Lookup(target, c.NowMs, touch: false) is not null)
        {
            c.Reply.WriteInteger(0);
            return;
        }
        targetDb.Set(target, entry.Value, entry.ExpireAtMs, keepTtl: false, c.NowMs);
        // A list, sorted set or stream arriving under a waited-on name serves its waiters (Redis's dbAdd).
        c.SignalKeyReady(targetDb.Index, target);
        sourceDb.Delete(entry);
        if (onlyIfAbsent) c.Reply.WriteInteger(1);
        else c.Reply.WriteOk();
        c.Propagate();
        // Redis deletes an existing target and adds the key anew, so the target is always "new".
        c.NotifyNew(target);
        c.Notify(NotifyClass.Generic, "rename_from"u8, source);
        c.Notify(NotifyClass.Generic, "rename_to"u8, target);
    }

    private static void Copy(CommandContext c)
    {
        var targetIndex = c.DbIndex;
        var replace = false;
        for (var i = 3; i < c.ArgCount; i++)
        {
            var arg = c.Arg(i);
            if (Is(arg, "REPLACE"u8)) replace = true;
            else if (Is(arg, "DB"u8) && i + 1 < c.ArgCount)
            {
                if (!TryInteger(c.Arg(++i), out var index) || index is < int.MinValue or > int.MaxValue)
                {
                    c.NotInteger();
                    return;
                }
                if (index < 0 || index >= c.Node.Settings.Databases)
                {
                    c.Error(ErrorReplies.DbIndexOutOfRange);
                    return;
                }
                targetIndex = (int)index;
            }
            else
            {
                c.SyntaxError();
                return;
            }
        }
        var source = c.Arg(1);
        var target = c.Arg(2);
        if (targetIndex == c.DbIndex && source.SequenceEqual(target))
        {
            c.Error(ErrorReplies.SameObject);
            return;
        }
        // Redis reads the source with lookupKeyRead: a missing one is a miss.
        var entry = c.LookupRead(source, touch: false);
        var targetDb = c.Db(targetIndex, target);
        if (entry is null || (!replace && targetDb.Lookup(target, c.NowMs, touch: false) is not null))
        {
            c.Reply.WriteInteger(0);
            return;
        }
        targetDb.Set(target, ValueCopy.Of(entry.Value), entry.ExpireAtMs, keepTtl: false, c.NowMs);
        c.SignalKeyReady(targetDb.Index, target);
        // The command's own keys are signalled in its database once it is done; a copy to another is signalled here.
        if (targetIndex != c.DbIndex) c.SignalModifiedKey(targetIndex, target);
        c.Reply.WriteInteger(1);
        c.Propagate();
        // As RENAME, REPLACE deletes the old target first: the copy is always "new".
        c.NotifyNew(target, targetIndex);
        c.Notify(NotifyClass.Generic, "copy_to"u8, target, targetIndex);
    }

    private static void Move(CommandContext c)
    {
        if (!TryInteger(c.Arg(2), out var index) || index is < int.MinValue or > int.MaxValue)
        {
            c.NotInteger();
            return;
        }
        if (index < 0 || index >= c.Node.Settings.Databases)
        {
            c.Error(ErrorReplies.DbIndexOutOfRange);
            return;
        }
        if (index == c.DbIndex)
        {
            c.Error(ErrorReplies.SameObject);
            return;
        }
        var key = c.Arg(1);
        var sourceDb = c.Db(key);
        var targetDb = c.Db((int)index, key);
        var entry = sourceDb.Lookup(key, c.NowMs, touch: false);
        if (entry is null || targetDb.Lookup(key, c.NowMs, touch: false) is not null)
        {
            c.Reply.WriteInteger(0);
            return;
        }
        targetDb.Set(key, entry.Value, entry.ExpireAtMs, keepTtl: false, c.NowMs);
        c.SignalKeyReady(targetDb.Index, key);
        c.SignalModifiedKey(targetDb.Index, key);
        sourceDb.Delete(entry);
        c.Reply.WriteInteger(1);
        c.Propagate();
        c.NotifyNew(key, targetDb.Index);
        c.Notify(NotifyClass.Generic, "move_from"u8, key);
        c.Notify(NotifyClass.Generic, "move_to"u8, key, targetDb.Index);
    }

    private static void Keys(CommandContext c)
    {
        var pattern = c.Arg(1);
        var matchAll = pattern.SequenceEqual("*"u8);
        var found = new List<byte[]>();
        foreach (var keyspace in c.Keyspaces)
        {
            foreach (var entry in keyspace[c.DbIndex].Entries)
            {
                if (entry.IsExpiredAt(c.NowMs)) continue;
                if (matchAll || GlobPattern.IsMatch(pattern, entry.Key)) found.Add(entry.Key);
            }
        }
        c.Reply.WriteArrayHeader(found.Count);
        foreach (var key in found) c.Reply.WriteBulk(key);
    }

    /// <summary>
    /// SCAN's cursor = cursor within one shard's database * shard count + shard index: each call scans one shard and
    /// hands over to the next shard's start when that shard is done, so the cursor alone says where to go.
    /// </summary>
    private static int ShardOfScanCursor(AkkaKv.Protocol.RequestArgs args, int shards) =>
        ScanArguments.TryParseCursor(args[1], out var cursor) ? (int)(cursor % (ulong)shards) : 0;

    private static void Scan(CommandContext c)
    {
        if (!ScanArguments.TryReadCursor(c, 1, out var cursor)) return;
        if (!ScanArguments.TryRead(c, 2, keyspace: true, hash: false, out var options)) return;
        var shards = (ulong)c.Keyspaces.Count;
        var shard = (int)(cursor % shards);
        var shardCursor = (long)(cursor / shards);
        var found = new List<KeyEntry>((int)Math.Min(options.Count, 1024));
        var next = c.Keyspaces[shard][c.DbIndex].Scan(shardCursor, options.Budget, found);
        ulong nextCursor;
        if (next != 0) nextCursor = (ulong)next * shards + (ulong)shard;
        else nextCursor = shard + 1 < (int)shards ? (ulong)(shard + 1) : 0;

        var upperType = options.Type is { } type ? UpperAscii(type) : null;
        var keys = new List<byte[]>(found.Count);
        foreach (var entry in found)
        {
            if (entry.IsExpiredAt(c.NowMs)) continue;
            if (upperType is not null && !Is(DataTypeNames.Of(entry.Type), upperType)) continue;
            if (!options.Matches(entry.Key)) continue;
            keys.Add(entry.Key);
        }
        c.Reply.WriteArrayHeader(2);
        c.Reply.WriteBulk(nextCursor.ToString(CultureInfo.InvariantCulture));
        c.Reply.WriteArrayHeader(keys.Count);
        foreach (var key in keys) c.Reply.WriteBulk(key);
    }

    private static byte[] UpperAscii(ReadOnlySpan<byte> text)
    {
        var upper = text.ToArray();
        for (var i = 0; i < upper.Length; i++)
        {
            if (upper[i] is >= (byte)'a' and <= (byte)'z') upper[i] -= 32;
        }
        return upper;
    }

    private static void RandomKey(CommandContext c)
    {
        var total = 0L;
        foreach (var keyspace in c.Keyspaces) total += keyspace[c.DbIndex].Count;
        var random = Random.Shared;
        // Weighted by shard size so every key is equally likely; expired keys met on the way are removed and we retry.
        for (var attempt = 0; total > 0 && attempt < 100; attempt++)
        {
            var pick = random.NextInt64(total);
            foreach (var keyspace in c.Keyspaces)
            {
                var db = keyspace[c.DbIndex];
                if (pick >= db.Count)
                {
                    pick -= db.Count;
                    continue;
                }
                var entry = db.RandomEntry(random, c.NowMs);
                if (entry is not null)
                {
                    c.Reply.WriteBulk(entry.Key);
                    return;
                }
                break;
            }
            total = 0;
            foreach (var keyspace in c.Keyspaces) total += keyspace[c.DbIndex].Count;
        }
        c.Reply.WriteNull();
    }

    private static void ObjectEncoding(CommandContext c)
    {
        var entry = LookupObject(c);
        if (entry is null) c.Reply.WriteNull();
        else c.Reply.WriteBulk(entry.Value is byte[] ? StringValue.Encoding(entry) : ((ICollectionValue)entry.Value).Encoding);
    }

    private static void ObjectFreq(CommandContext c)
    {
        var entry = LookupObject(c);
        if (entry is null) c.Reply.WriteNull();
        else if (!c.Node.Settings.LfuPolicy) c.Error(ErrorReplies.LfuNotSelected);
        else c.Reply.WriteInteger(0);
    }

    private static void ObjectIdleTime(CommandContext c)
    {
        var entry = LookupObject(c);
        if (entry is null) c.Reply.WriteNull();
        else if (c.Node.Settings.LfuPolicy) c.Error(ErrorReplies.LruNotSelected);
        else c.Reply.WriteInteger(Math.Max(0, (c.NowMs - entry.LastAccessMs) / 1000));
    }

    private static void ObjectRefCount(CommandContext c)
    {
        var entry = LookupObject(c);
        if (entry is null) c.Reply.WriteNull();
        // Redis shares the integers 0..9999 and reports them with the "shared" refcount INT_MAX.
        else if (entry.Value is byte[] value && StringValue.TryParseInteger(value, out var n) && n is >= 0 and < 10000) c.Reply.WriteInteger(int.MaxValue);
        else c.Reply.WriteInteger(1);
    }

    private static KeyEntry? LookupObject(CommandContext c)
    {
        var key = c.Arg(2);
        var entry = c.Db(key).Lookup(key, c.NowMs, touch: false);
        c.CountRead(key, entry is not null, notify: false);
        return entry;
    }
}
