using AkkaKv.Server.PubSub;
using AkkaKv.Storage;
using static AkkaKv.Server.Commands.ArgParsing;

namespace AkkaKv.Server.Commands;

/// <summary>Expiry commands (Redis's expire.c): the table entries first, then the handlers.</summary>
public static class ExpireCommands
{
    private const string Group = "generic";
    private const CommandFlags WriteFast = CommandFlags.Write | CommandFlags.Fast;
    private const CommandFlags ReadFast = CommandFlags.ReadOnly | CommandFlags.Fast;

    internal static IEnumerable<CommandDefinition> Definitions =>
    [
        Define.Keyed("expire", -3, WriteFast, 1, 1, 1, Group, "Sets the expiration time of a key in seconds.", Expire),
        Define.Keyed("pexpire", -3, WriteFast, 1, 1, 1, Group, "Sets the expiration time of a key in milliseconds.", PExpire, "2.6.0"),
        Define.Keyed("expireat", -3, WriteFast, 1, 1, 1, Group, "Sets the expiration time of a key to a Unix timestamp.", ExpireAt, "1.2.0"),
        Define.Keyed("pexpireat", -3, WriteFast, 1, 1, 1, Group, "Sets the expiration time of a key to a Unix milliseconds timestamp.", PExpireAt, "2.6.0"),
        // KeyDB's extension: TTL key member answers for one member of a hash, set or sorted set.
        Define.Keyed("ttl", -2, ReadFast, 1, 1, 1, Group, "Returns the expiration time in seconds of a key.", Ttl),
        Define.Keyed("pttl", -2, ReadFast, 1, 1, 1, Group, "Returns the expiration time in milliseconds of a key.", PTtl, "2.6.0"),
        Define.Keyed("expiretime", 2, ReadFast, 1, 1, 1, Group, "Returns the expiration time of a key as a Unix timestamp.", ExpireTime, "7.0.0"),
        Define.Keyed("pexpiretime", 2, ReadFast, 1, 1, 1, Group, "Returns the expiration time of a key as a Unix milliseconds timestamp.", PExpireTime, "7.0.0"),
        Define.Keyed("persist", 2, WriteFast, 1, 1, 1, Group, "Removes the expiration time of a key.", Persist, "2.2.0"),
    ];

    private static void Expire(CommandContext c) => ExpireGeneric(c, relative: true, unit: 1000);
    private static void PExpire(CommandContext c) => ExpireGeneric(c, relative: true, unit: 1);
    private static void ExpireAt(CommandContext c) => ExpireGeneric(c, relative: false, unit: 1000);
    private static void PExpireAt(CommandContext c) => ExpireGeneric(c, relative: false, unit: 1);

    private static void ExpireGeneric(CommandContext c, bool relative, long unit)
    {
        bool nx = false, xx = false, gt = false, lt = false;
        for (var i = 3; i < c.ArgCount; i++)
        {
            var arg = c.Arg(i);
            if (Is(arg, "NX"u8)) nx = true;
            else if (Is(arg, "XX"u8)) xx = true;
            else if (Is(arg, "GT"u8)) gt = true;
            else if (Is(arg, "LT"u8)) lt = true;
            else
            {
                c.Error("ERR Unsupported option " + Quoted(arg));
                return;
            }
        }
        if (nx && (xx || gt || lt))
        {
            c.Error(ErrorReplies.ExpireNxAndOthers);
            return;
        }
        if (gt && lt)
        {
            c.Error(ErrorReplies.ExpireGtAndLt);
            return;
        }
        if (!TryInteger(c.Arg(2), out var when))
        {
            c.NotInteger();
            return;
        }
        var name = c.Command.Name;
        if (when > long.MaxValue / unit || when < long.MinValue / unit)
        {
            c.Error(ErrorReplies.InvalidExpireTime(name));
            return;
        }
        when *= unit;
        var basetime = relative ? c.NowMs : 0;
        if ((when > 0 && basetime > long.MaxValue - when) || (when < 0 && basetime < long.MinValue - when))
        {
            c.Error(ErrorReplies.InvalidExpireTime(name));
            return;
        }
        when += basetime;

        var key = c.Arg(1);
        var db = c.Db(key);
        var entry = db.Lookup(key, c.NowMs);
        if (entry is null)
        {
            c.Reply.WriteInteger(0);
            return;
        }
        var current = entry.ExpireAtMs;
        var refused = (nx && current >= 0) || (xx && current < 0) || (gt && (current < 0 || when <= current)) || (lt && current >= 0 && when >= current);
        if (refused)
        {
            c.Reply.WriteInteger(0);
            return;
        }
        if (when <= c.NowMs)
        {
            // Already in the past: the key goes now, as Redis does, and a DEL is what replicas replay.
            db.Delete(entry);
            c.Propagate(Del, entry.Key);
            c.NotifyDel(key);
        }
        else
        {
            db.SetExpire(entry, when);
            c.Propagate(PExpireAtName, entry.Key, when);
            c.Notify(NotifyClass.Generic, "expire"u8, key);
        }
        c.Reply.WriteInteger(1);
    }

    private static void Ttl(CommandContext c) => TtlGeneric(c, milliseconds: false, absolute: false);
    private static void PTtl(CommandContext c) => TtlGeneric(c, milliseconds: true, absolute: false);
    private static void ExpireTime(CommandContext c) => TtlGeneric(c, milliseconds: false, absolute: true);
    private static void PExpireTime(CommandContext c) => TtlGeneric(c, milliseconds: true, absolute: true);

    private static void TtlGeneric(CommandContext c, bool milliseconds, bool absolute)
    {
        var key = c.Arg(1);
        var entry = c.LookupRead(key, touch: false);
        if (entry is null)
        {
            c.Reply.WriteInteger(-2);
            return;
        }
        if (c.ArgCount > 3)
        {
            c.Error(ErrorReplies.WrongArity(c.Command.FullName));
            return;
        }
        var expireAtMs = entry.ExpireAtMs;
        if (c.ArgCount == 3)
        {
            if (entry.Value is not IExpiringMembers members)
            {
                c.WrongType();
                return;
            }
            expireAtMs = members.Deadlines?.Get(c.Arg(2)) ?? -1;
        }
        if (expireAtMs < 0)
        {
            c.Reply.WriteInteger(-1);
            return;
        }
        if (absolute)
        {
            c.Reply.WriteInteger(milliseconds ? expireAtMs : expireAtMs / 1000);
            return;
        }
        var ttl = Math.Max(0, expireAtMs - c.NowMs);
        c.Reply.WriteInteger(milliseconds ? ttl : (ttl + 500) / 1000);
    }

    private static void Persist(CommandContext c)
    {
        var key = c.Arg(1);
        var db = c.Db(key);
        var entry = db.Lookup(key, c.NowMs);
        if (entry is null || entry.ExpireAtMs < 0)
        {
            c.Reply.WriteInteger(0);
            return;
        }
        db.SetExpire(entry, -1);
        c.Reply.WriteInteger(1);
        c.Propagate();
        c.Notify(NotifyClass.Generic, "persist"u8, key);
    }

    private static readonly byte[] Del = "DEL"u8.ToArray();
    private static readonly byte[] PExpireAtName = "PEXPIREAT"u8.ToArray();
}
