using AkkaKv.Server.PubSub;
using AkkaKv.Storage;
using static AkkaKv.Server.Commands.ArgParsing;

namespace AkkaKv.Server.Commands;

/// <summary>String commands (Redis's t_string.c): the table entries first, then the handlers.</summary>
public static class StringCommands
{
    private const string Group = "string";
    private const CommandFlags ReadFast = CommandFlags.ReadOnly | CommandFlags.Fast;
    private const CommandFlags WriteOom = CommandFlags.Write | CommandFlags.DenyOom;
    private const CommandFlags WriteOomFast = CommandFlags.Write | CommandFlags.DenyOom | CommandFlags.Fast;

    internal static IEnumerable<CommandDefinition> Definitions =>
    [
        Define.Keyed("get", 2, ReadFast, 1, 1, 1, Group, "Returns the string value of a key.", Get),
        Define.Keyed("set", -3, WriteOom, 1, 1, 1, Group, "Sets the string value of a key, ignoring its type. The key is created if it doesn't exist.", Set),
        Define.Keyed("setnx", 3, WriteOomFast, 1, 1, 1, Group, "Set the string value of a key only when the key doesn't exist.", SetNx),
        Define.Keyed("setex", 4, WriteOom, 1, 1, 1, Group, "Sets the string value and expiration time of a key. Creates the key if it doesn't exist.", SetEx, "2.0.0"),
        Define.Keyed("psetex", 4, WriteOom, 1, 1, 1, Group, "Sets both string value and expiration time in milliseconds of a key. The key is created if it doesn't exist.", PSetEx, "2.6.0"),
        Define.Keyed("getset", 3, WriteOomFast, 1, 1, 1, Group, "Returns the previous string value of a key after setting it to a new value.", GetSet),
        Define.Keyed("getex", -2, CommandFlags.Write | CommandFlags.Fast, 1, 1, 1, Group, "Returns the string value of a key after setting its expiration time.", GetEx, "6.2.0"),
        Define.Keyed("getdel", 2, CommandFlags.Write | CommandFlags.Fast, 1, 1, 1, Group, "Returns the string value of a key after deleting the key.", GetDel, "6.2.0"),
        Define.Keyed("mset", -3, WriteOom, 1, -1, 2, Group, "Atomically creates or modifies the string values of one or more keys.", MSet, "1.0.1", "O(N)"),
        Define.Keyed("msetnx", -3, WriteOom, 1, -1, 2, Group, "Atomically modifies the string values of one or more keys only when all keys don't exist.", MSetNx, "1.0.1", "O(N)"),
        Define.Keyed("mget", -2, ReadFast, 1, -1, 1, Group, "Atomically returns the string values of one or more keys.", MGet, "1.0.0", "O(N)"),
        Define.Keyed("append", 3, WriteOomFast, 1, 1, 1, Group, "Appends a string to the value of a key. Creates the key if it doesn't exist.", Append, "2.0.0"),
        Define.Keyed("strlen", 2, ReadFast, 1, 1, 1, Group, "Returns the length of a string value.", StrLen, "2.2.0"),
        Define.Keyed("getrange", 4, CommandFlags.ReadOnly, 1, 1, 1, Group, "Returns a substring of the string stored at a key.", GetRange, "2.4.0", "O(N)"),
        Define.Keyed("substr", 4, CommandFlags.ReadOnly, 1, 1, 1, Group, "Returns a substring from a string value.", GetRange, "1.0.0", "O(N)"),
        Define.Keyed("setrange", 4, WriteOom, 1, 1, 1, Group, "Overwrites a part of a string value with another by an offset. Creates the key if it doesn't exist.", SetRange, "2.2.0"),
        Define.Keyed("incr", 2, WriteOomFast, 1, 1, 1, Group, "Increments the integer value of a key by one. Uses 0 as initial value if the key doesn't exist.", Incr),
        Define.Keyed("decr", 2, WriteOomFast, 1, 1, 1, Group, "Decrements the integer value of a key by one. Uses 0 as initial value if the key doesn't exist.", Decr),
        Define.Keyed("incrby", 3, WriteOomFast, 1, 1, 1, Group, "Increments the integer value of a key by a number. Uses 0 as initial value if the key doesn't exist.", IncrBy),
        Define.Keyed("decrby", 3, WriteOomFast, 1, 1, 1, Group, "Decrements a number from the integer value of a key. Uses 0 as initial value if the key doesn't exist.", DecrBy),
        Define.Keyed("incrbyfloat", 3, WriteOomFast, 1, 1, 1, Group, "Increment the floating point value of a key by a number. Uses 0 as initial value if the key doesn't exist.", IncrByFloat, "2.6.0"),
        Define.Keyed("lcs", -3, CommandFlags.ReadOnly, 1, 2, 1, Group, "Finds the longest common substring.", Lcs, "7.0.0", "O(N*M)"),
    ];

    private enum SetReply { Ok, Integer, OldValue }

    private static void Get(CommandContext c)
    {
        var entry = c.LookupRead(c.Arg(1));
        if (entry is null) c.Reply.WriteNull();
        else if (entry.Value is byte[] value) c.Reply.WriteBulk(value);
        else c.WrongType();
    }

    private static void Set(CommandContext c)
    {
        bool nx = false, xx = false, get = false;
        var expiry = default(ExpiryArguments);
        for (var i = 3; i < c.ArgCount; i++)
        {
            var arg = c.Arg(i);
            if (Is(arg, "NX"u8) && !xx) nx = true;
            else if (Is(arg, "XX"u8) && !nx) xx = true;
            else if (Is(arg, "GET"u8)) get = true;
            else
            {
                var used = ExpiryArguments.TryRead(c, i, ref expiry, allowKeepTtl: true, allowPersist: false, "set");
                if (used < 0) return;
                if (used == 0)
                {
                    c.SyntaxError();
                    return;
                }
                i += used - 1;
            }
        }
        SetGeneric(c, nx, xx, expiry, get ? SetReply.OldValue : SetReply.Ok);
    }

    private static void SetNx(CommandContext c) => SetGeneric(c, nx: true, xx: false, default, SetReply.Integer);

    private static void GetSet(CommandContext c) => SetGeneric(c, nx: false, xx: false, default, SetReply.OldValue);

    private static void SetEx(CommandContext c) => SetWithExpire(c, 1000, "setex");

    private static void PSetEx(CommandContext c) => SetWithExpire(c, 1, "psetex");

    /// <summary>SETEX/PSETEX: SET key value EX|PX with the time as the second argument.</summary>
    private static void SetWithExpire(CommandContext c, long unit, string name)
    {
        if (!TryInteger(c.Arg(2), out var value))
        {
            c.NotInteger();
            return;
        }
        if (value <= 0 || value > long.MaxValue / unit || value * unit > long.MaxValue - c.NowMs)
        {
            c.Error(ErrorReplies.InvalidExpireTime(name));
            return;
        }
        SetGeneric(c, nx: false, xx: false, new ExpiryArguments(ExpiryKind.Relative, c.NowMs + value * unit), SetReply.Ok, valueIndex: 3);
    }

    private static void SetGeneric(CommandContext c, bool nx, bool xx, ExpiryArguments expiry, SetReply reply, int valueIndex = 2)
    {
        var key = c.Arg(1);
        var db = c.Db(key);
        // A plain SET overwrites whatever is there: only the conditional and GET forms need to look first, and a SET
        // publishing "new" events. The GET forms read the old value as GET does (a miss counts, "keymiss").
        var looked = nx || xx || reply != SetReply.Ok || c.Notifies(NotifyClass.New);
        var existing = reply == SetReply.OldValue ? c.LookupRead(key) : looked ? db.Lookup(key, c.NowMs) : null;
        var old = existing?.Value;
        if (reply == SetReply.OldValue && old is not null and not byte[])
        {
            c.WrongType();
            return;
        }
        if ((nx && existing is not null) || (xx && existing is null))
        {
            switch (reply)
            {
                case SetReply.Integer: c.Reply.WriteInteger(0); break;
                case SetReply.OldValue: WriteValueOrNull(c, old); break;
                default: c.Reply.WriteNull(); break;
            }
            return;
        }
        var keepTtl = expiry.Kind == ExpiryKind.KeepTtl;
        var expireAtMs = expiry.HasTime ? expiry.AtMs : -1;
        // The GET forms still reply with the old value, so it must not be overwritten in place.
        var stored = reply == SetReply.OldValue
            ? db.Set(key, c.Args.ToArray(valueIndex), expireAtMs, keepTtl, c.NowMs)
            : db.SetString(key, c.Arg(valueIndex), expireAtMs, keepTtl, c.NowMs);
        var value = (byte[])stored.Value;
        if (looked && existing is null) c.NotifyNew(key);
        c.Notify(NotifyClass.String, "set"u8, key);
        if (expiry.HasTime) c.Notify(NotifyClass.Generic, "expire"u8, key);
        switch (reply)
        {
            case SetReply.Ok: c.Reply.WriteOk(); break;
            case SetReply.Integer: c.Reply.WriteInteger(1); break;
            default: WriteValueOrNull(c, old); break;
        }
        // Journal the effect: SET with an absolute time, so a replay later sets the same deadline.
        var keyArg = c.Args.Memory(1);
        if (expiry.HasTime) c.Propagate(Set_, keyArg, value, Pxat, expiry.AtMs);
        else if (keepTtl) c.Propagate(Set_, keyArg, value, KeepTtl);
        else c.Propagate(Set_, keyArg, value);
    }

    private static void WriteValueOrNull(CommandContext c, object? value)
    {
        if (value is byte[] bytes) c.Reply.WriteBulk(bytes);
        else c.Reply.WriteNull();
    }

    private static void GetEx(CommandContext c)
    {
        var expiry = default(ExpiryArguments);
        for (var i = 2; i < c.ArgCount; i++)
        {
            var used = ExpiryArguments.TryRead(c, i, ref expiry, allowKeepTtl: false, allowPersist: true, "getex");
            if (used < 0) return;
            if (used == 0)
            {
                c.SyntaxError();
                return;
            }
            i += used - 1;
        }
        var key = c.Arg(1);
        var db = c.Db(key);
        var entry = c.LookupRead(key);
        if (entry is null)
        {
            c.Reply.WriteNull();
            return;
        }
        if (entry.Value is not byte[] value)
        {
            c.WrongType();
            return;
        }
        c.Reply.WriteBulk(value);
        if (expiry.HasTime && expiry.AtMs <= c.NowMs)
        {
            db.Delete(entry);
            c.Propagate(Del, entry.Key);
            c.NotifyDel(key);
        }
        else if (expiry.HasTime)
        {
            db.SetExpire(entry, expiry.AtMs);
            c.Propagate(PExpireAt, entry.Key, expiry.AtMs);
            c.Notify(NotifyClass.Generic, "expire"u8, key);
        }
        else if (expiry.Kind == ExpiryKind.Persist && entry.ExpireAtMs >= 0)
        {
            db.SetExpire(entry, -1);
            c.Propagate(Persist, entry.Key);
            c.Notify(NotifyClass.Generic, "persist"u8, key);
        }
    }

    private static void GetDel(CommandContext c)
    {
        var key = c.Arg(1);
        var entry = c.LookupRead(key);
        if (entry is null)
        {
            c.Reply.WriteNull();
            return;
        }
        if (entry.Value is not byte[] value)
        {
            c.WrongType();
            return;
        }
        c.Reply.WriteBulk(value);
        c.Db(key).Delete(entry);
        c.Propagate(Del, entry.Key);
        c.NotifyDel(key);
    }

    private static void MSet(CommandContext c) => MSetGeneric(c, onlyIfNoneExist: false);

    private static void MSetNx(CommandContext c) => MSetGeneric(c, onlyIfNoneExist: true);

    private static void MSetGeneric(CommandContext c, bool onlyIfNoneExist)
    {
        if (c.ArgCount % 2 == 0)
        {
            c.Error(ErrorReplies.WrongArity(c.Command.FullName));
            return;
        }
        if (onlyIfNoneExist)
        {
            for (var i = 1; i < c.ArgCount; i += 2)
            {
                if (c.LookupWrite(c.Arg(i)) is not null)
                {
                    c.Reply.WriteInteger(0);
                    return;
                }
            }
        }
        for (var i = 1; i < c.ArgCount; i += 2)
        {
            var key = c.Arg(i);
            // MSETNX looked every key up already: all are new.
            var created = onlyIfNoneExist || c.WillCreate(key);
            c.Db(key).SetString(key, c.Arg(i + 1), nowMs: c.NowMs);
            if (created) c.NotifyNew(key);
            c.Notify(NotifyClass.String, "set"u8, key);
        }
        if (onlyIfNoneExist) c.Reply.WriteInteger(1);
        else c.Reply.WriteOk();
        c.Propagate();
    }

    private static void MGet(CommandContext c)
    {
        c.Reply.WriteArrayHeader(c.ArgCount - 1);
        for (var i = 1; i < c.ArgCount; i++) WriteValueOrNull(c, c.LookupRead(c.Arg(i))?.Value);
    }

    private static void Append(CommandContext c)
    {
        var key = c.Arg(1);
        var created = c.WillCreate(key);
        var status = StringValue.Append(c.Db(key), key, c.Arg(2), c.NowMs, out var length);
        if (ReplyStatus(c, status)) return;
        c.Reply.WriteInteger(length);
        c.Propagate();
        if (created) c.NotifyNew(key);
        c.Notify(NotifyClass.String, "append"u8, key);
    }

    private static void StrLen(CommandContext c)
    {
        var entry = c.LookupRead(c.Arg(1));
        if (entry is null) c.Reply.WriteInteger(0);
        else if (entry.Value is byte[] value) c.Reply.WriteInteger(value.Length);
        else c.WrongType();
    }

    private static void GetRange(CommandContext c)
    {
        if (!TryInteger(c.Arg(2), out var start) || !TryInteger(c.Arg(3), out var end))
        {
            c.NotInteger();
            return;
        }
        var key = c.Arg(1);
        var status = StringValue.GetRange(c.Db(key), key, start, end, c.NowMs, out var range);
        c.CountRead(key, status != StringStatus.NotFound);
        if (status == StringStatus.NotFound) c.Reply.WriteBulk(ReadOnlySpan<byte>.Empty);
        else if (!ReplyStatus(c, status)) c.Reply.WriteBulk(range.Span);
    }

    private static void SetRange(CommandContext c)
    {
        if (!TryInteger(c.Arg(2), out var offset))
        {
            c.NotInteger();
            return;
        }
        if (offset < 0)
        {
            c.Error(ErrorReplies.OffsetOutOfRange);
            return;
        }
        var key = c.Arg(1);
        var created = c.WillCreate(key);
        var status = StringValue.SetRange(c.Db(key), key, offset, c.Arg(3), c.NowMs, out var length);
        if (ReplyStatus(c, status)) return;
        c.Reply.WriteInteger(length);
        // Writing nothing changes nothing, and creates no key.
        if (c.Arg(3).Length == 0) return;
        c.Propagate();
        if (created) c.NotifyNew(key);
        c.Notify(NotifyClass.String, "setrange"u8, key);
    }

    private static void Incr(CommandContext c) => IncrGeneric(c, 1);

    private static void Decr(CommandContext c) => IncrGeneric(c, -1);

    private static void IncrBy(CommandContext c)
    {
        if (TryInteger(c.Arg(2), out var delta)) IncrGeneric(c, delta);
        else c.NotInteger();
    }

    private static void DecrBy(CommandContext c)
    {
        if (!TryInteger(c.Arg(2), out var delta)) c.NotInteger();
        else if (delta == long.MinValue) c.Error("ERR decrement would overflow");
        else IncrGeneric(c, -delta);
    }

    private static void IncrGeneric(CommandContext c, long delta)
    {
        var key = c.Arg(1);
        var created = c.WillCreate(key);
        var status = StringValue.IncrBy(c.Db(key), key, delta, c.NowMs, out var result);
        if (ReplyStatus(c, status)) return;
        c.Reply.WriteInteger(result);
        c.Propagate();
        if (created) c.NotifyNew(key);
        c.Notify(NotifyClass.String, "incrby"u8, key);
    }

    private static void IncrByFloat(CommandContext c)
    {
        // Storage parses the increment itself, in long double precision as Redis does.
        var key = c.Arg(1);
        var created = c.WillCreate(key);
        var status = StringValue.IncrByFloat(c.Db(key), key, c.Arg(2), c.NowMs, out var formatted);
        if (ReplyStatus(c, status)) return;
        c.Reply.WriteBulk(formatted);
        // Replaying an increment could round differently elsewhere: journal the resulting value.
        c.Propagate(Set_, c.Args.Memory(1), formatted, KeepTtl);
        if (created) c.NotifyNew(key);
        c.Notify(NotifyClass.String, "incrbyfloat"u8, key);
    }

    private static void Lcs(CommandContext c)
    {
        bool wantLength = false, wantIndexes = false, withMatchLength = false;
        long minMatchLength = 0;
        for (var i = 3; i < c.ArgCount; i++)
        {
            var arg = c.Arg(i);
            if (Is(arg, "LEN"u8)) wantLength = true;
            else if (Is(arg, "IDX"u8)) wantIndexes = true;
            else if (Is(arg, "WITHMATCHLEN"u8)) withMatchLength = true;
            else if (Is(arg, "MINMATCHLEN"u8) && i + 1 < c.ArgCount)
            {
                if (!TryInteger(c.Arg(++i), out minMatchLength))
                {
                    c.NotInteger();
                    return;
                }
                if (minMatchLength < 0) minMatchLength = 0;
            }
            else
            {
                c.SyntaxError();
                return;
            }
        }
        var a = c.LookupRead(c.Arg(1));
        var b = c.LookupRead(c.Arg(2));
        if (a is { Value: not byte[] } || b is { Value: not byte[] })
        {
            c.Error("ERR The specified keys must contain string values");
            return;
        }
        if (wantLength && wantIndexes)
        {
            c.Error("ERR If you want both the length and indexes, please just use IDX.");
            return;
        }
        var first = (byte[]?)a?.Value ?? [];
        var second = (byte[]?)b?.Value ?? [];
        // The dynamic-programming table is transient memory: Redis caps it at proto-max-bulk-len.
        if (StringValue.LcsTableBytes(first.Length, second.Length) > c.Node.Settings.ProtoMaxBulkLen)
        {
            c.Error("ERR Insufficient memory, transient memory for LCS exceeds proto-max-bulk-len");
            return;
        }
        var result = StringValue.Lcs(first, second);
        if (wantLength)
        {
            c.Reply.WriteInteger(result.Sequence.Length);
            return;
        }
        if (!wantIndexes)
        {
            c.Reply.WriteBulk(result.Sequence);
            return;
        }
        var matches = result.Matches.Where(m => m.Length >= minMatchLength).ToList();
        c.Reply.WriteMapHeader(2);
        c.Reply.WriteBulk("matches"u8);
        c.Reply.WriteArrayHeader(matches.Count);
        foreach (var match in matches)
        {
            c.Reply.WriteArrayHeader(withMatchLength ? 3 : 2);
            c.Reply.WriteArrayHeader(2);
            c.Reply.WriteInteger(match.AStart);
            c.Reply.WriteInteger(match.AEnd);
            c.Reply.WriteArrayHeader(2);
            c.Reply.WriteInteger(match.BStart);
            c.Reply.WriteInteger(match.BEnd);
            if (withMatchLength) c.Reply.WriteInteger(match.Length);
        }
        c.Reply.WriteBulk("len"u8);
        c.Reply.WriteInteger(result.Sequence.Length);
    }

    /// <summary>Replies the error a storage status stands for; false when the status is Ok (or NotFound).</summary>
    internal static bool ReplyStatus(CommandContext c, StringStatus status)
    {
        switch (status)
        {
            case StringStatus.Ok:
            case StringStatus.NotFound:
                return false;
            case StringStatus.WrongType: c.WrongType(); break;
            case StringStatus.NotInteger: c.NotInteger(); break;
            case StringStatus.NotFloat: c.Error(ErrorReplies.NotFloat); break;
            case StringStatus.Overflow: c.Error(ErrorReplies.Overflow); break;
            case StringStatus.NaNOrInfinity: c.Error(ErrorReplies.NaNOrInfinity); break;
            case StringStatus.TooLarge: c.Error(ErrorReplies.StringTooLong); break;
        }
        return true;
    }

    private static readonly byte[] Set_ = "SET"u8.ToArray();
    private static readonly byte[] Pxat = "PXAT"u8.ToArray();
    private static readonly byte[] KeepTtl = "KEEPTTL"u8.ToArray();
    private static readonly byte[] Del = "DEL"u8.ToArray();
    private static readonly byte[] PExpireAt = "PEXPIREAT"u8.ToArray();
    private static readonly byte[] Persist = "PERSIST"u8.ToArray();
}
