using AkkaKv.Server.PubSub;
using AkkaKv.Storage;
using static AkkaKv.Server.Commands.ArgParsing;

namespace AkkaKv.Server.Commands;

/// <summary>
/// KeyDB's sub-key expiry: EXPIREMEMBER, EXPIREMEMBERAT and PEXPIREMEMBERAT give one member of a hash, set or sorted
/// set its own deadline. The database then removes the member when due, journaled with the collection's remove
/// command (HDEL, SREM, ZREM), and deletes the key once it is empty. As in KeyDB, giving a deadline publishes no
/// keyspace event; removing a member publishes its collection's removal event ("hdel", "srem", "zrem").
/// </summary>
public static class MemberExpireCommands
{
    private const string Group = "generic";
    private const CommandFlags WriteFast = CommandFlags.Write | CommandFlags.Fast;
    private const string Cost = "O(log N) where N is the number of members of the key with a deadline.";

    private static readonly byte[] PExpireMemberAtName = "PEXPIREMEMBERAT"u8.ToArray();

    internal static IEnumerable<CommandDefinition> Definitions =>
    [
        Define.Keyed("expiremember", -4, WriteFast, 1, 1, 1, Group, "Sets the expiration time of a member of a hash, set or sorted set, in seconds unless a unit (s or ms) follows.", ExpireMember, "5.1.0", Cost),
        Define.Keyed("expirememberat", 4, WriteFast, 1, 1, 1, Group, "Sets the expiration time of a member of a hash, set or sorted set to a Unix timestamp.", ExpireMemberAt, "5.1.0", Cost),
        Define.Keyed("pexpirememberat", 4, WriteFast, 1, 1, 1, Group, "Sets the expiration time of a member of a hash, set or sorted set to a Unix milliseconds timestamp.", PExpireMemberAt, "6.0.0", Cost),
    ];

    /// <summary>EXPIREMEMBER key member delay [s|ms]: KeyDB reads the delay first, then the argument count, then the unit.</summary>
    private static void ExpireMember(CommandContext c)
    {
        if (!TryInteger(c.Arg(3), out var delay))
        {
            c.NotInteger();
            return;
        }
        if (c.ArgCount > 5)
        {
            c.Error(ErrorReplies.MemberExpireArguments);
            return;
        }
        long unit = 1000;
        if (c.ArgCount == 5)
        {
            if (Is(c.Arg(4), "MS"u8)) unit = 1;
            else if (!Is(c.Arg(4), "S"u8))
            {
                c.Error(ErrorReplies.MemberExpireInvalidUnit);
                return;
            }
        }
        ExpireGeneric(c, delay, unit, c.NowMs);
    }

    private static void ExpireMemberAt(CommandContext c)
    {
        if (!TryInteger(c.Arg(3), out var when))
        {
            c.NotInteger();
            return;
        }
        ExpireGeneric(c, when, 1000, basetime: 0);
    }

    private static void PExpireMemberAt(CommandContext c)
    {
        if (!TryInteger(c.Arg(3), out var when))
        {
            c.NotInteger();
            return;
        }
        ExpireGeneric(c, when, 1, basetime: 0);
    }

    /// <summary>
    /// Gives the member the deadline <paramref name="time"/> × <paramref name="unit"/> + <paramref name="basetime"/>
    /// (unix ms). Replies 1 when done, 0 when the key or the member is missing. A deadline not in the future removes
    /// the member at once (journaled with the remove command, the emptied key deleted); otherwise the deadline is
    /// journaled as PEXPIREMEMBERAT with the absolute time, so a replay sets the same one.
    /// </summary>
    private static void ExpireGeneric(CommandContext c, long time, long unit, long basetime)
    {
        if (time > long.MaxValue / unit || time < long.MinValue / unit)
        {
            c.Error(ErrorReplies.InvalidExpireTime(c.Command.Name));
            return;
        }
        var when = time * unit;
        if ((when > 0 && basetime > long.MaxValue - when) || (when < 0 && basetime < long.MinValue - when))
        {
            c.Error(ErrorReplies.InvalidExpireTime(c.Command.Name));
            return;
        }
        when += basetime;

        var key = c.Arg(1);
        var member = c.Arg(2);
        var entry = c.LookupWrite(key);
        if (entry is null)
        {
            c.Reply.WriteInteger(0);
            return;
        }
        if (entry.Value is not IExpiringMembers value)
        {
            c.WrongType();
            return;
        }
        if (when <= c.NowMs)
        {
            if (!RemoveMember(value, member))
            {
                c.Reply.WriteInteger(0);
                return;
            }
            c.Reply.WriteInteger(1);
            c.Propagate(value.RemoveCommand, entry.Key, c.Args.Memory(2));
            NotifyRemoved(c, value, key);
            if (value.Count > 0) return;
            c.Db(key).Delete(entry);
            c.NotifyDel(key);
            return;
        }
        if (!value.SetMemberDeadline(member, when))
        {
            c.Reply.WriteInteger(0);
            return;
        }
        c.Db(key).TrackMemberDeadlines(entry);
        c.Reply.WriteInteger(1);
        c.Propagate(PExpireMemberAtName, entry.Key, c.Args.Memory(2), when);
    }

    /// <summary>The event of the collection's own remove command (HDEL, SREM, ZREM).</summary>
    private static void NotifyRemoved(CommandContext c, IExpiringMembers value, ReadOnlySpan<byte> key)
    {
        switch (value)
        {
            case HashValue: c.Notify(NotifyClass.Hash, "hdel"u8, key); break;
            case SetValue: c.Notify(NotifyClass.Set, "srem"u8, key); break;
            case SortedSetValue: c.Notify(NotifyClass.SortedSet, "zrem"u8, key); break;
        }
    }

    /// <summary>Removes a member (and its deadline) as the collection's own remove command would.</summary>
    private static bool RemoveMember(IExpiringMembers value, ReadOnlySpan<byte> member) => value switch
    {
        SetValue set => set.Remove(member),
        HashValue hash => hash.Remove(member),
        SortedSetValue sortedSet => sortedSet.Remove(member),
        _ => throw new InvalidOperationException($"no remove for {value.GetType().Name}"),
    };
}
