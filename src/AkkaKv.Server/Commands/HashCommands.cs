using AkkaKv.Server.PubSub;
using AkkaKv.Storage;
using static AkkaKv.Server.Commands.ArgParsing;

namespace AkkaKv.Server.Commands;

/// <summary>Redis's t_hash.c commands: the table entries first, then the handlers.</summary>
public static partial class HashCommands
{
    private const string Group = "hash";
    private const CommandFlags ReadFast = CommandFlags.ReadOnly | CommandFlags.Fast;
    private const CommandFlags WriteFast = CommandFlags.Write | CommandFlags.Fast;
    private const CommandFlags WriteOomFast = CommandFlags.Write | CommandFlags.DenyOom | CommandFlags.Fast;
    private const string SizeOfHash = "O(N) where N is the size of the hash.";
    private const string PerField = "O(N) where N is the number of specified fields";

    internal static IEnumerable<CommandDefinition> Definitions =>
    [
        Define.Keyed("hset", -4, WriteOomFast, 1, 1, 1, Group, "Creates or modifies the value of a field in a hash.", HSet, "2.0.0", "O(1) for each field/value pair added, so O(N) to add N field/value pairs when the command is called with multiple field/value pairs."),
        Define.Keyed("hsetnx", 4, WriteOomFast, 1, 1, 1, Group, "Sets the value of a field in a hash only when the field doesn't exist.", HSetNx, "2.0.0"),
        Define.Keyed("hmset", -4, WriteOomFast, 1, 1, 1, Group, "Sets the values of multiple fields.", HMSet, "2.0.0", "O(N) where N is the number of fields being set."),
        Define.Keyed("hget", 3, ReadFast, 1, 1, 1, Group, "Returns the value of a field in a hash.", HGet, "2.0.0"),
        Define.Keyed("hmget", -3, ReadFast, 1, 1, 1, Group, "Returns the values of all fields in a hash.", HMGet, "2.0.0", "O(N) where N is the number of fields being requested."),
        Define.Keyed("hdel", -3, WriteFast, 1, 1, 1, Group, "Deletes one or more fields and their values from a hash. Deletes the hash if no fields remain.", HDel, "2.0.0", "O(N) where N is the number of fields to be removed."),
        Define.Keyed("hlen", 2, ReadFast, 1, 1, 1, Group, "Returns the number of fields in a hash.", HLen, "2.0.0"),
        Define.Keyed("hstrlen", 3, ReadFast, 1, 1, 1, Group, "Returns the length of the value of a field.", HStrLen, "3.2.0"),
        Define.Keyed("hexists", 3, ReadFast, 1, 1, 1, Group, "Determines whether a field exists in a hash.", HExists, "2.0.0"),
        Define.Keyed("hkeys", 2, CommandFlags.ReadOnly, 1, 1, 1, Group, "Returns all fields in a hash.", HKeys, "2.0.0", SizeOfHash),
        Define.Keyed("hvals", 2, CommandFlags.ReadOnly, 1, 1, 1, Group, "Returns all values in a hash.", HVals, "2.0.0", SizeOfHash),
        Define.Keyed("hgetall", 2, CommandFlags.ReadOnly, 1, 1, 1, Group, "Returns all fields and values in a hash.", HGetAll, "2.0.0", SizeOfHash),
        Define.Keyed("hincrby", 4, WriteOomFast, 1, 1, 1, Group, "Increments the integer value of a field in a hash by a number. Uses 0 as initial value if the field doesn't exist.", HIncrBy, "2.0.0"),
        Define.Keyed("hincrbyfloat", 4, WriteOomFast, 1, 1, 1, Group, "Increments the floating point value of a field by a number. Uses 0 as initial value if the field doesn't exist.", HIncrByFloat, "2.6.0"),
        Define.Keyed("hrandfield", -2, CommandFlags.ReadOnly, 1, 1, 1, Group, "Returns one or more random fields from a hash.", HRandField, "6.2.0", "O(N) where N is the number of fields returned"),
        Define.Keyed("hscan", -3, CommandFlags.ReadOnly, 1, 1, 1, Group, "Iterates over fields and values of a hash.", HScan, "2.8.0", "O(1) for every call. O(N) for a complete iteration, including enough command calls for the cursor to return back to 0. N is the number of elements inside the collection."),
        Define.Keyed("hexpire", -6, WriteOomFast, 1, 1, 1, Group, "Set expiry for hash field using relative time to expire (seconds)", HExpire, "7.4.0", PerField),
        Define.Keyed("hpexpire", -6, WriteOomFast, 1, 1, 1, Group, "Set expiry for hash field using relative time to expire (milliseconds)", HPExpire, "7.4.0", PerField),
        Define.Keyed("hexpireat", -6, WriteOomFast, 1, 1, 1, Group, "Set expiry for hash field using an absolute Unix timestamp (seconds)", HExpireAt, "7.4.0", PerField),
        Define.Keyed("hpexpireat", -6, WriteOomFast, 1, 1, 1, Group, "Set expiry for hash field using an absolute Unix timestamp (milliseconds)", HPExpireAt, "7.4.0", PerField),
        Define.Keyed("httl", -5, ReadFast, 1, 1, 1, Group, "Returns the TTL in seconds of a hash field.", HTtl, "7.4.0", PerField),
        Define.Keyed("hpttl", -5, ReadFast, 1, 1, 1, Group, "Returns the TTL in milliseconds of a hash field.", HPTtl, "7.4.0", PerField),
        Define.Keyed("hexpiretime", -5, ReadFast, 1, 1, 1, Group, "Returns the expiration time of a hash field as a Unix timestamp, in seconds.", HExpireTime, "7.4.0", PerField),
        Define.Keyed("hpexpiretime", -5, ReadFast, 1, 1, 1, Group, "Returns the expiration time of a hash field as a Unix timestamp, in msec.", HPExpireTime, "7.4.0", PerField),
        Define.Keyed("hpersist", -5, WriteFast, 1, 1, 1, Group, "Removes the expiration time for each specified field", HPersist, "7.4.0", PerField),
    ];

    private static void HSet(CommandContext c) => SetGeneric(c, replyOk: false);

    private static void HMSet(CommandContext c) => SetGeneric(c, replyOk: true);

    private static void SetGeneric(CommandContext c, bool replyOk)
    {
        if (c.ArgCount % 2 == 1)
        {
            c.Error(ErrorReplies.WrongArity(c.Command.FullName));
            return;
        }
        if (!TryWriteTarget(c, out var entry, out var hash)) return;
        hash.Reserve((c.ArgCount - 2) / 2, c.Limits);
        var added = 0;
        for (var i = 2; i < c.ArgCount; i += 2)
        {
            if (hash.Set(c.Arg(i), c.Arg(i + 1), c.Limits)) added++;
        }
        StoreIfNew(c, entry, hash);
        if (replyOk) c.Reply.WriteOk();
        else c.Reply.WriteInteger(added);
        c.Propagate();
        c.Notify(NotifyClass.Hash, "hset"u8, c.Arg(1));
    }

    private static void HSetNx(CommandContext c)
    {
        if (!TryWriteTarget(c, out var entry, out var hash)) return;
        if (hash.Contains(c.Arg(2)))
        {
            c.Reply.WriteInteger(0);
            return;
        }
        hash.Reserve(1, c.Limits);
        hash.Set(c.Arg(2), c.Arg(3), c.Limits);
        StoreIfNew(c, entry, hash);
        c.Reply.WriteInteger(1);
        c.Propagate();
        c.Notify(NotifyClass.Hash, "hset"u8, c.Arg(1));
    }

    private static void HGet(CommandContext c)
    {
        if (!TryRead(c, out var hash)) return;
        if (hash is not null && hash.TryGet(c.Arg(2), out var value)) c.Reply.WriteBulk(value);
        else c.Reply.WriteNull();
    }

    private static void HMGet(CommandContext c)
    {
        if (!TryRead(c, out var hash)) return;
        c.Reply.WriteArrayHeader(c.ArgCount - 2);
        for (var i = 2; i < c.ArgCount; i++)
        {
            if (hash is not null && hash.TryGet(c.Arg(i), out var value)) c.Reply.WriteBulk(value);
            else c.Reply.WriteNull();
        }
    }

    private static void HDel(CommandContext c)
    {
        var key = c.Arg(1);
        var entry = c.LookupWrite(key);
        if (entry is null)
        {
            c.Reply.WriteInteger(0);
            return;
        }
        if (entry.Value is not HashValue hash)
        {
            c.WrongType();
            return;
        }
        var deleted = 0;
        for (var i = 2; i < c.ArgCount && hash.Count > 0; i++)
        {
            if (hash.Remove(c.Arg(i))) deleted++;
        }
        c.Reply.WriteInteger(deleted);
        if (deleted == 0) return;
        c.Propagate();
        c.Notify(NotifyClass.Hash, "hdel"u8, key);
        if (hash.Count > 0) return;
        c.Db(key).Delete(entry);
        c.NotifyDel(key);
    }

    private static void HLen(CommandContext c)
    {
        if (TryRead(c, out var hash)) c.Reply.WriteInteger(hash?.Count ?? 0);
    }

    private static void HStrLen(CommandContext c)
    {
        if (!TryRead(c, out var hash)) return;
        c.Reply.WriteInteger(hash is not null && hash.TryGet(c.Arg(2), out var value) ? value.Length : 0);
    }

    private static void HExists(CommandContext c)
    {
        if (TryRead(c, out var hash)) c.Reply.WriteInteger(hash is not null && hash.Contains(c.Arg(2)) ? 1 : 0);
    }

    private static void HKeys(CommandContext c) => GetAllGeneric(c, fields: true, values: false);

    private static void HVals(CommandContext c) => GetAllGeneric(c, fields: false, values: true);

    private static void HGetAll(CommandContext c) => GetAllGeneric(c, fields: true, values: true);

    /// <summary>HKEYS and HVALS reply an array, HGETALL a map (a flat array under RESP2), as Redis does.</summary>
    private static void GetAllGeneric(CommandContext c, bool fields, bool values)
    {
        if (!TryRead(c, out var hash)) return;
        var count = (int)(hash?.Count ?? 0);
        if (fields && values) c.Reply.WriteMapHeader(count);
        else c.Reply.WriteArrayHeader(count);
        if (hash is null) return;
        foreach (var entry in hash)
        {
            if (fields) c.Reply.WriteBulk(entry.Field);
            if (values) c.Reply.WriteBulk(entry.Value);
        }
    }

    private static void HIncrBy(CommandContext c)
    {
        if (!TryInteger(c.Arg(3), out var delta))
        {
            c.NotInteger();
            return;
        }
        if (!TryWriteTarget(c, out var entry, out var hash)) return;
        var status = hash.IncrBy(c.Arg(2), delta, c.Limits, out var result);
        if (ReplyError(c, status)) return;
        StoreIfNew(c, entry, hash);
        c.Reply.WriteInteger(result);
        c.Propagate();
        c.Notify(NotifyClass.Hash, "hincrby"u8, c.Arg(1));
    }

    private static void HIncrByFloat(CommandContext c)
    {
        // The increment is judged before the key is even looked at, as in Redis.
        if (ReplyError(c, HashValue.CheckFloatIncrement(c.Arg(3)))) return;
        if (!TryWriteTarget(c, out var entry, out var hash)) return;
        var status = hash.IncrByFloat(c.Arg(2), c.Arg(3), c.Limits, out var formatted);
        if (ReplyError(c, status)) return;
        StoreIfNew(c, entry, hash);
        c.Reply.WriteBulk(formatted);
        // Journaled as the HSET of the result, so a replay cannot round differently.
        c.Propagate(HSetName, c.Args.Memory(1), c.Args.Memory(2), formatted);
        c.Notify(NotifyClass.Hash, "hincrbyfloat"u8, c.Arg(1));
    }

    /// <summary>Writes the error of a failed increment; false when it succeeded.</summary>
    private static bool ReplyError(CommandContext c, HashStatus status)
    {
        switch (status)
        {
            case HashStatus.Ok: return false;
            case HashStatus.ValueNotInteger: c.Error(ErrorReplies.HashValueNotInteger); break;
            case HashStatus.ValueNotFloat: c.Error(ErrorReplies.HashValueNotFloat); break;
            case HashStatus.Overflow: c.Error(ErrorReplies.Overflow); break;
            case HashStatus.ResultNotFinite: c.Error(ErrorReplies.NaNOrInfinity); break;
            case HashStatus.IncrementNotFloat: c.Error(ErrorReplies.NotFloat); break;
            default: c.Error(ErrorReplies.HashIncrementNotFinite); break;
        }
        return true;
    }

    /// <summary>Looks the hash up for reading: false (WRONGTYPE replied) for another type; null when missing.</summary>
    private static bool TryRead(CommandContext c, out HashValue? hash) => c.TryRead(c.Arg(1), out hash);

    /// <summary>
    /// The hash a write goes to: the stored one, or a new one that <see cref="StoreIfNew"/> stores once the command
    /// succeeded (so a failing command leaves no empty key). False (WRONGTYPE replied) for another type.
    /// </summary>
    private static bool TryWriteTarget(CommandContext c, out KeyEntry? entry, out HashValue hash)
    {
        entry = c.LookupWrite(c.Arg(1));
        if (entry is null)
        {
            hash = new HashValue();
            return true;
        }
        if (entry.Value is HashValue existing)
        {
            hash = existing;
            return true;
        }
        hash = null!;
        c.WrongType();
        return false;
    }

    private static void StoreIfNew(CommandContext c, KeyEntry? entry, HashValue hash)
    {
        if (entry is not null) return;
        c.Db(c.Arg(1)).Set(c.Arg(1), hash, nowMs: c.NowMs);
        c.NotifyNew(c.Arg(1));
    }

    private static readonly byte[] HSetName = "HSET"u8.ToArray();
}
