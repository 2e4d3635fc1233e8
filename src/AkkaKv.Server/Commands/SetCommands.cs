using System.Globalization;
using AkkaKv.Protocol;
using AkkaKv.Server.PubSub;
using AkkaKv.Storage;
using static AkkaKv.Server.Commands.ArgParsing;

namespace AkkaKv.Server.Commands;

/// <summary>Redis's t_set.c commands: the table entries first, then the handlers.</summary>
public static partial class SetCommands
{
    private const string Group = "set";
    private const CommandFlags ReadFast = CommandFlags.ReadOnly | CommandFlags.Fast;
    private const CommandFlags WriteFast = CommandFlags.Write | CommandFlags.Fast;
    private const CommandFlags WriteOom = CommandFlags.Write | CommandFlags.DenyOom;
    private const string AllMembersCost = "O(N) where N is the total number of elements in all given sets.";
    private const string InterCost = "O(N*M) worst case where N is the cardinality of the smallest set and M is the number of sets.";
    private const string RandomCost = "Without the count argument O(1), otherwise O(N) where N is the value of the passed count.";
    private const string ScanCost = "O(1) for every call. O(N) for a complete iteration, including enough command calls for the cursor to return back to 0. N is the number of elements inside the collection.";

    internal static IEnumerable<CommandDefinition> Definitions =>
    [
        Define.Keyed("sadd", -3, WriteOom | CommandFlags.Fast, 1, 1, 1, Group, "Adds one or more members to a set. Creates the key if it doesn't exist.", SAdd, "1.0.0", "O(1) for each element added, so O(N) to add N elements when the command is called with multiple arguments."),
        Define.Keyed("srem", -3, WriteFast, 1, 1, 1, Group, "Removes one or more members from a set. Deletes the set if the last member was removed.", SRem, "1.0.0", "O(N) where N is the number of members to be removed."),
        Define.Keyed("smembers", 2, CommandFlags.ReadOnly, 1, 1, 1, Group, "Returns all members of a set.", SMembers, "1.0.0", "O(N) where N is the set cardinality."),
        Define.Keyed("sismember", 3, ReadFast, 1, 1, 1, Group, "Determines whether a member belongs to a set.", SIsMember),
        Define.Keyed("smismember", -3, ReadFast, 1, 1, 1, Group, "Determines whether multiple members belong to a set.", SMIsMember, "6.2.0", "O(N) where N is the number of elements being checked for membership"),
        Define.Keyed("scard", 2, ReadFast, 1, 1, 1, Group, "Returns the number of members in a set.", SCard),
        Define.Keyed("spop", -2, WriteFast, 1, 1, 1, Group, "Returns one or more random members from a set after removing them. Deletes the set if the last member was popped.", SPop, "1.0.0", RandomCost),
        Define.Keyed("srandmember", -2, CommandFlags.ReadOnly, 1, 1, 1, Group, "Get one or multiple random members from a set", SRandMember, "1.0.0", "Without the count argument O(1), otherwise O(N) where N is the absolute value of the passed count."),
        Define.Keyed("smove", 4, WriteFast, 1, 2, 1, Group, "Moves a member from one set to another.", SMove),
        Define.Keyed("sinter", -2, CommandFlags.ReadOnly, 1, -1, 1, Group, "Returns the intersect of multiple sets.", SInter, "1.0.0", InterCost),
        Define.Keyed("sinterstore", -3, WriteOom, 1, -1, 1, Group, "Stores the intersect of multiple sets in a key.", SInterStore, "1.0.0", InterCost).Changing(ChangedKeys.FirstOnly),
        Define.MovableKeys("sintercard", -3, CommandFlags.ReadOnly, 0, 0, 0, KeyFinders.NumKeysAt(1), Group, "Returns the number of members of the intersect of multiple sets.", SInterCard, "7.0.0", InterCost),
        Define.Keyed("sunion", -2, CommandFlags.ReadOnly, 1, -1, 1, Group, "Returns the union of multiple sets.", SUnion, "1.0.0", AllMembersCost),
        Define.Keyed("sunionstore", -3, WriteOom, 1, -1, 1, Group, "Stores the union of multiple sets in a key.", SUnionStore, "1.0.0", AllMembersCost).Changing(ChangedKeys.FirstOnly),
        Define.Keyed("sdiff", -2, CommandFlags.ReadOnly, 1, -1, 1, Group, "Returns the difference of multiple sets.", SDiff, "1.0.0", AllMembersCost),
        Define.Keyed("sdiffstore", -3, WriteOom, 1, -1, 1, Group, "Stores the difference of multiple sets in a key.", SDiffStore, "1.0.0", AllMembersCost).Changing(ChangedKeys.FirstOnly),
        Define.Keyed("sscan", -3, CommandFlags.ReadOnly, 1, 1, 1, Group, "Iterates over members of a set.", SScan, "2.8.0", ScanCost),
    ];

    private static void SAdd(CommandContext c)
    {
        var key = c.Arg(1);
        if (!TryWrite(c, key, out _, out var set)) return;
        var members = c.ArgCount - 2;
        if (set is null)
        {
            set = SetValue.Create(c.Arg(2), members, c.Limits);
            c.Db(key).Set(key, set, nowMs: c.NowMs);
            c.NotifyNew(key);
        }
        else
        {
            set.Reserve(members, c.Limits);
        }
        var added = 0;
        for (var i = 2; i < c.ArgCount; i++)
        {
            if (set.Add(c.Arg(i), c.Limits)) added++;
        }
        c.Reply.WriteInteger(added);
        if (added == 0) return;
        c.Propagate();
        c.Notify(NotifyClass.Set, "sadd"u8, key);
    }

    private static void SRem(CommandContext c)
    {
        var key = c.Arg(1);
        if (!TryWrite(c, key, out var entry, out var set)) return;
        if (set is null)
        {
            c.Reply.WriteInteger(0);
            return;
        }
        var removed = 0;
        for (var i = 2; i < c.ArgCount && set.Count > 0; i++)
        {
            if (set.Remove(c.Arg(i))) removed++;
        }
        c.Reply.WriteInteger(removed);
        if (removed == 0) return;
        c.Propagate();
        c.Notify(NotifyClass.Set, "srem"u8, key);
        if (set.Count > 0) return;
        c.Db(key).Delete(entry!);
        c.NotifyDel(key);
    }

    private static void SMembers(CommandContext c)
    {
        if (!TryRead(c, c.Arg(1), out var set)) return;
        if (set is null) c.Reply.WriteSetHeader(0);
        else WriteMembers(c.Reply, set);
    }

    private static void SIsMember(CommandContext c)
    {
        if (!TryRead(c, c.Arg(1), out var set)) return;
        c.Reply.WriteInteger(set is not null && set.Contains(c.Arg(2)) ? 1 : 0);
    }

    private static void SMIsMember(CommandContext c)
    {
        if (!TryRead(c, c.Arg(1), out var set)) return;
        c.Reply.WriteArrayHeader(c.ArgCount - 2);
        for (var i = 2; i < c.ArgCount; i++) c.Reply.WriteInteger(set is not null && set.Contains(c.Arg(i)) ? 1 : 0);
    }

    private static void SCard(CommandContext c)
    {
        if (!TryRead(c, c.Arg(1), out var set)) return;
        c.Reply.WriteInteger(set?.Count ?? 0);
    }

    /// <summary>
    /// SMOVE source destination member: a missing source answers 0 before any type check of the destination, as in
    /// Redis; the same key on both sides only says whether the member is there. The keys may live on different shards.
    /// </summary>
    private static void SMove(CommandContext c)
    {
        var source = c.Arg(1);
        var destination = c.Arg(2);
        var member = c.Arg(3);
        var sourceEntry = c.LookupWrite(source);
        var destinationEntry = c.LookupWrite(destination);
        if (sourceEntry is null)
        {
            c.Reply.WriteInteger(0);
            return;
        }
        if (sourceEntry.Value is not SetValue sourceSet || (destinationEntry is not null && destinationEntry.Value is not SetValue))
        {
            c.WrongType();
            return;
        }
        if (ReferenceEquals(sourceEntry, destinationEntry))
        {
            c.Reply.WriteInteger(sourceSet.Contains(member) ? 1 : 0);
            return;
        }
        if (!sourceSet.Remove(member))
        {
            c.Reply.WriteInteger(0);
            return;
        }
        c.Notify(NotifyClass.Set, "srem"u8, source);
        if (sourceSet.Count == 0)
        {
            c.Db(source).Delete(sourceEntry);
            c.NotifyDel(source);
        }
        var destinationSet = (SetValue?)destinationEntry?.Value;
        if (destinationSet is null)
        {
            destinationSet = SetValue.Create(member, 1, c.Limits);
            c.Db(destination).Set(destination, destinationSet, nowMs: c.NowMs);
            c.NotifyNew(destination);
        }
        if (destinationSet.Add(member, c.Limits)) c.Notify(NotifyClass.Set, "sadd"u8, destination);
        c.Reply.WriteInteger(1);
        c.Propagate();
    }

    /// <summary>
    /// SSCAN key cursor [MATCH pattern] [COUNT count]. As in Redis, a missing key answers an empty scan before the
    /// options are read; an intset or listpack comes back whole with cursor 0.
    /// </summary>
    private static void SScan(CommandContext c)
    {
        if (!ScanArguments.TryReadCursor(c, 2, out var cursor)) return;
        if (!TryRead(c, c.Arg(1), out var set)) return;
        if (set is null)
        {
            ScanArguments.WriteEmpty(c.Reply);
            return;
        }
        if (!ScanArguments.TryRead(c, 3, keyspace: false, hash: false, out var options)) return;
        var found = new MemberCollector(options.Pattern);
        var next = set.Scan(ScanArguments.CollectionCursor(cursor), options.Budget, found);
        c.Reply.WriteArrayHeader(2);
        c.Reply.WriteBulk(((ulong)next).ToString(CultureInfo.InvariantCulture));
        c.Reply.WriteArrayHeader(found.Members.Count);
        foreach (var member in found.Members) c.Reply.WriteBulk(member);
    }

    /// <summary>The set at <paramref name="key"/> for reading (null when missing); false after a WRONGTYPE reply.</summary>
    private static bool TryRead(CommandContext c, ReadOnlySpan<byte> key, out SetValue? set) => c.TryRead(key, out set);

    /// <summary>The set at <paramref name="key"/> for writing (null when missing); false after a WRONGTYPE reply.</summary>
    private static bool TryWrite(CommandContext c, ReadOnlySpan<byte> key, out KeyEntry? entry, out SetValue? set) =>
        c.TryWrite(key, out entry, out set);

    /// <summary>Copies the members a reply needs before its length is known (SSCAN with MATCH, SINTER).</summary>
    private sealed class MemberCollector(byte[]? pattern = null) : ISetMemberVisitor
    {
        public List<byte[]> Members { get; } = [];

        public bool Visit(ReadOnlySpan<byte> member)
        {
            if (pattern is null || GlobPattern.IsMatch(pattern, member)) Members.Add(member.ToArray());
            return true;
        }
    }

    /// <summary>A whole set as a set reply (an array under RESP2), in storage order.</summary>
    private static void WriteMembers(RespWriter reply, SetValue set)
    {
        reply.WriteSetHeader((int)set.Count);
        foreach (var member in set) reply.WriteBulk(member);
    }
}
