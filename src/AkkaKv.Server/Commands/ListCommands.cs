using AkkaKv.Protocol;
using AkkaKv.Server.PubSub;
using AkkaKv.Storage;
using static AkkaKv.Server.Commands.ArgParsing;

namespace AkkaKv.Server.Commands;

/// <summary>Redis's t_list.c commands: the table entries first, then the handlers.</summary>
public static partial class ListCommands
{
    private const string Group = "list";
    private const CommandFlags ReadFast = CommandFlags.ReadOnly | CommandFlags.Fast;
    private const CommandFlags WriteFast = CommandFlags.Write | CommandFlags.Fast;
    private const CommandFlags WriteOom = CommandFlags.Write | CommandFlags.DenyOom;
    private const CommandFlags WriteOomFast = CommandFlags.Write | CommandFlags.DenyOom | CommandFlags.Fast;
    private const CommandFlags BlockingPop = CommandFlags.Write | CommandFlags.NoScript | CommandFlags.Blocking;
    private const CommandFlags BlockingMove = CommandFlags.Write | CommandFlags.DenyOom | CommandFlags.NoScript | CommandFlags.Blocking;
    private const string Pushed = "O(1) for each element added, so O(N) to add N elements when the command is called with multiple arguments.";
    private const string Popped = "O(N) where N is the number of elements returned";
    private const string MultiPopped = "O(N+M) where N is the number of provided keys and M is the number of elements returned.";
    private const string PerKey = "O(N) where N is the number of provided keys.";

    internal static IEnumerable<CommandDefinition> Definitions =>
    [
        Define.Keyed("lpush", -3, WriteOomFast, 1, 1, 1, Group, "Prepends one or more elements to a list. Creates the key if it doesn't exist.", LPush, "1.0.0", Pushed),
        Define.Keyed("rpush", -3, WriteOomFast, 1, 1, 1, Group, "Appends one or more elements to a list. Creates the key if it doesn't exist.", RPush, "1.0.0", Pushed),
        Define.Keyed("lpushx", -3, WriteOomFast, 1, 1, 1, Group, "Prepends one or more elements to a list only when the list exists.", LPushX, "2.2.0", Pushed),
        Define.Keyed("rpushx", -3, WriteOomFast, 1, 1, 1, Group, "Appends an element to a list only when the list exists.", RPushX, "2.2.0", Pushed),
        Define.Keyed("lpop", -2, WriteFast, 1, 1, 1, Group, "Returns the first elements in a list after removing it. Deletes the list if the last element was popped.", LPop, "1.0.0", Popped),
        Define.Keyed("rpop", -2, WriteFast, 1, 1, 1, Group, "Returns and removes the last elements of a list. Deletes the list if the last element was popped.", RPop, "1.0.0", Popped),
        Define.Keyed("lrange", 4, CommandFlags.ReadOnly, 1, 1, 1, Group, "Returns a range of elements from a list.", LRange, "1.0.0", "O(S+N) where S is the distance of start offset from HEAD for small lists, from nearest end (HEAD or TAIL) for large lists; and N is the number of elements in the specified range."),
        Define.Keyed("lindex", 3, CommandFlags.ReadOnly, 1, 1, 1, Group, "Returns an element from a list by its index.", LIndex, "1.0.0", "O(N) where N is the number of elements to traverse to get to the element at index. This makes asking for the first or the last element of the list O(1)."),
        Define.Keyed("lset", 4, WriteOom, 1, 1, 1, Group, "Sets the value of an element in a list by its index.", LSet, "1.0.0", "O(N) where N is the length of the list. Setting either the first or the last element of the list is O(1)."),
        Define.Keyed("linsert", 5, WriteOom, 1, 1, 1, Group, "Inserts an element before or after another element in a list.", LInsert, "2.2.0", "O(N) where N is the number of elements to traverse before seeing the value pivot. This means that inserting somewhere on the left end on the list (head) can be considered O(1) and inserting somewhere on the right end (tail) is O(N)."),
        Define.Keyed("llen", 2, ReadFast, 1, 1, 1, Group, "Returns the length of a list.", LLen),
        Define.Keyed("lrem", 4, CommandFlags.Write, 1, 1, 1, Group, "Removes elements from a list. Deletes the list if the last element was removed.", LRem, "1.0.0", "O(N+M) where N is the length of the list and M is the number of elements removed."),
        Define.Keyed("ltrim", 4, CommandFlags.Write, 1, 1, 1, Group, "Removes elements from both ends a list. Deletes the list if all elements were trimmed.", LTrim, "1.0.0", "O(N) where N is the number of elements to be removed by the operation."),
        Define.Keyed("lpos", -3, CommandFlags.ReadOnly, 1, 1, 1, Group, "Returns the index of matching elements in a list.", LPos, "6.0.6", "O(N) where N is the number of elements in the list, for the average case. When searching for elements near the head or the tail of the list, or when the MAXLEN option is provided, the command may run in constant time."),
        Define.Keyed("lmove", 5, WriteOom, 1, 2, 1, Group, "Returns an element after popping it from one list and pushing it to another. Deletes the list if the last element was moved.", LMove, "6.2.0"),
        Define.Keyed("rpoplpush", 3, WriteOom, 1, 2, 1, Group, "Returns the last element of a list after removing and pushing it to another list. Deletes the list if the last element was popped.", RPopLPush, "1.2.0"),
        Define.MovableKeys("lmpop", -4, CommandFlags.Write, 0, 0, 0, KeyFinders.NumKeysAt(1), Group, "Returns multiple elements from a list after removing them. Deletes the list if the last element was popped.", LMPop, "7.0.0", MultiPopped),
        Define.Keyed("blpop", -3, BlockingPop, 1, -2, 1, Group, "Removes and returns the first element in a list. Blocks until an element is available otherwise. Deletes the list if the last element was popped.", BLPop, "2.0.0", PerKey),
        Define.Keyed("brpop", -3, BlockingPop, 1, -2, 1, Group, "Removes and returns the last element in a list. Blocks until an element is available otherwise. Deletes the list if the last element was popped.", BRPop, "2.0.0", PerKey),
        Define.Keyed("blmove", 6, BlockingMove, 1, 2, 1, Group, "Pops an element from a list, pushes it to another list and returns it. Blocks until an element is available otherwise. Deletes the list if the last element was moved.", BLMove, "6.2.0"),
        Define.Keyed("brpoplpush", 4, BlockingMove, 1, 2, 1, Group, "Pops an element from a list, pushes it to another list and returns it. Block until an element is available otherwise. Deletes the list if the last element was popped.", BRPopLPush, "2.2.0"),
        Define.MovableKeys("blmpop", -5, CommandFlags.Write | CommandFlags.Blocking, 0, 0, 0, KeyFinders.NumKeysAt(2), Group, "Pops the first element from one of multiple lists. Blocks until an element is available otherwise. Deletes the list if the last element was popped.", BLMPop, "7.0.0", MultiPopped),
    ];

    private static readonly byte[] LPopName = "LPOP"u8.ToArray();
    private static readonly byte[] RPopName = "RPOP"u8.ToArray();

    private static void LPush(CommandContext c) => PushGeneric(c, head: true, onlyIfExists: false);

    private static void RPush(CommandContext c) => PushGeneric(c, head: false, onlyIfExists: false);

    private static void LPushX(CommandContext c) => PushGeneric(c, head: true, onlyIfExists: true);

    private static void RPushX(CommandContext c) => PushGeneric(c, head: false, onlyIfExists: true);

    /// <summary>LPUSH, RPUSH, LPUSHX, RPUSHX (Redis's pushGenericCommand).</summary>
    private static void PushGeneric(CommandContext c, bool head, bool onlyIfExists)
    {
        var key = c.Arg(1);
        if (!TryLookupWrite(c, key, out _, out var list)) return;
        if (list is null)
        {
            if (onlyIfExists)
            {
                c.Reply.WriteInteger(0);
                return;
            }
            list = new ListValue();
            c.Db(key).Set(key, list, nowMs: c.NowMs);
            c.NotifyNew(key);
        }
        long bytes = 0;
        for (var i = 2; i < c.ArgCount; i++) bytes += c.Arg(i).Length;
        list.PrepareToGrow(bytes, c.ArgCount - 2, c.Limits);
        for (var i = 2; i < c.ArgCount; i++)
        {
            if (head) list.PushHead(c.Arg(i));
            else list.PushTail(c.Arg(i));
        }
        c.Reply.WriteInteger(list.Count);
        c.SignalKeyReady(key);
        c.Propagate();
        c.Notify(NotifyClass.List, head ? "lpush"u8 : "rpush"u8, key);
    }

    private static void LPop(CommandContext c) => PopGeneric(c, head: true);

    private static void RPop(CommandContext c) => PopGeneric(c, head: false);

    /// <summary>LPOP and RPOP: one element as a bulk string, or with a count an array (Redis's popGenericCommand).</summary>
    private static void PopGeneric(CommandContext c, bool head)
    {
        if (c.ArgCount > 3)
        {
            c.Error(ErrorReplies.WrongArity(c.Command.FullName));
            return;
        }
        var withCount = c.ArgCount == 3;
        long count = 0;
        if (withCount && (!TryInteger(c.Arg(2), out count) || count < 0))
        {
            c.Error(ErrorReplies.MustBePositive);
            return;
        }
        var key = c.Arg(1);
        if (!TryLookupWrite(c, key, out var entry, out var list)) return;
        if (list is null)
        {
            if (withCount) c.Reply.WriteNullArray();
            else c.Reply.WriteNull();
            return;
        }
        if (withCount && count == 0)
        {
            c.Reply.WriteArrayHeader(0);
            return;
        }
        if (withCount)
        {
            PopRange(c, list, head, count);
        }
        else
        {
            PopOne(c.Reply, list, head);
        }
        ElementsRemoved(c, key, entry!, list, PopEvent(head));
        c.Propagate();
    }

    private static void LRange(CommandContext c)
    {
        if (!TryInteger(c.Arg(2), out var start) || !TryInteger(c.Arg(3), out var end))
        {
            c.NotInteger();
            return;
        }
        if (!TryLookupRead(c, c.Arg(1), out var list)) return;
        if (list is null)
        {
            c.Reply.WriteArrayHeader(0);
            return;
        }
        WriteRange(c.Reply, list, start, end, reverse: false);
    }

    private static void LIndex(CommandContext c)
    {
        if (!TryLookupRead(c, c.Arg(1), out var list)) return;
        if (list is null)
        {
            c.Reply.WriteNull();
            return;
        }
        if (!TryInteger(c.Arg(2), out var index))
        {
            c.NotInteger();
            return;
        }
        if (list.TryGet(index, out var element)) c.Reply.WriteBulk(element);
        else c.Reply.WriteNull();
    }

    private static void LSet(CommandContext c)
    {
        var key = c.Arg(1);
        if (!TryLookupWrite(c, key, out _, out var list)) return;
        if (list is null)
        {
            c.Error(ErrorReplies.NoSuchKey);
            return;
        }
        if (!TryInteger(c.Arg(2), out var index))
        {
            c.NotInteger();
            return;
        }
        var element = c.Arg(3);
        list.PrepareToGrow(element.Length, 1, c.Limits);
        if (!list.TrySet(index, element))
        {
            c.Error(ErrorReplies.ListIndexOutOfRange);
            return;
        }
        list.ConvertIfShrunk(c.Limits);
        c.Reply.WriteOk();
        c.Propagate();
        c.Notify(NotifyClass.List, "lset"u8, key);
    }

    private static void LInsert(CommandContext c)
    {
        bool after;
        if (Is(c.Arg(2), "AFTER"u8)) after = true;
        else if (Is(c.Arg(2), "BEFORE"u8)) after = false;
        else
        {
            c.SyntaxError();
            return;
        }
        var key = c.Arg(1);
        if (!TryLookupWrite(c, key, out _, out var list)) return;
        if (list is null)
        {
            c.Reply.WriteInteger(0);
            return;
        }
        // Redis makes room in the encoding before looking for the pivot, so a missing pivot may still convert it.
        var element = c.Arg(4);
        list.PrepareToGrow(element.Length, 1, c.Limits);
        if (!list.Insert(c.Arg(3), element, after))
        {
            c.Reply.WriteInteger(-1);
            return;
        }
        c.Reply.WriteInteger(list.Count);
        c.SignalKeyReady(key);
        c.Propagate();
        c.Notify(NotifyClass.List, "linsert"u8, key);
    }

    private static void LLen(CommandContext c)
    {
        if (!TryLookupRead(c, c.Arg(1), out var list)) return;
        c.Reply.WriteInteger(list?.Count ?? 0);
    }

    private static void LRem(CommandContext c)
    {
        if (!TryInteger(c.Arg(2), out var count))
        {
            c.NotInteger();
            return;
        }
        // Any long goes, LONG_MIN too: Redis negates it (still negative) and so removes every match, from the tail.
        var key = c.Arg(1);
        if (!TryLookupWrite(c, key, out var entry, out var list)) return;
        if (list is null)
        {
            c.Reply.WriteInteger(0);
            return;
        }
        var removed = list.Remove(c.Arg(3), count);
        if (removed > 0)
        {
            ElementsRemoved(c, key, entry!, list, "lrem"u8);
            c.Propagate();
        }
        c.Reply.WriteInteger(removed);
    }

    private static void LTrim(CommandContext c)
    {
        if (!TryInteger(c.Arg(2), out var start) || !TryInteger(c.Arg(3), out var end))
        {
            c.NotInteger();
            return;
        }
        var key = c.Arg(1);
        if (!TryLookupWrite(c, key, out var entry, out var list)) return;
        if (list is null)
        {
            c.Reply.WriteOk();
            return;
        }
        var length = list.Count;
        long fromHead, fromTail;
        if (!ClampRange(length, ref start, ref end))
        {
            fromHead = length;
            fromTail = 0;
        }
        else
        {
            fromHead = start;
            fromTail = length - end - 1;
        }
        list.RemoveRange(0, fromHead);
        list.RemoveRange(list.Count - fromTail, fromTail);
        // Redis publishes "ltrim" even when the range kept every element.
        ElementsRemoved(c, key, entry!, list, "ltrim"u8);
        c.Reply.WriteOk();
        if (fromHead + fromTail > 0) c.Propagate();
    }

    private static void LPos(CommandContext c)
    {
        long rank = 1, count = -1, maxLength = 0;
        for (var i = 3; i < c.ArgCount; i++)
        {
            var option = c.Arg(i);
            var hasValue = i + 1 < c.ArgCount;
            if (Is(option, "RANK"u8) && hasValue)
            {
                if (!TryInteger(c.Arg(++i), out rank))
                {
                    c.NotInteger();
                    return;
                }
                if (rank == long.MinValue)
                {
                    c.Error(ErrorReplies.LongOutOfRange);
                    return;
                }
                if (rank == 0)
                {
                    c.Error(ErrorReplies.ListRankZero);
                    return;
                }
            }
            else if (Is(option, "COUNT"u8) && hasValue)
            {
                if (!TryInteger(c.Arg(++i), out count) || count < 0)
                {
                    c.Error(ErrorReplies.ListCountNegative);
                    return;
                }
            }
            else if (Is(option, "MAXLEN"u8) && hasValue)
            {
                if (!TryInteger(c.Arg(++i), out maxLength) || maxLength < 0)
                {
                    c.Error(ErrorReplies.ListMaxLenNegative);
                    return;
                }
            }
            else
            {
                c.SyntaxError();
                return;
            }
        }
        if (!TryLookupRead(c, c.Arg(1), out var list)) return;
        if (list is null)
        {
            if (count != -1) c.Reply.WriteArrayHeader(0);
            else c.Reply.WriteNull();
            return;
        }
        var positions = new List<long>();
        list.FindPositions(c.Arg(2), rank, count == -1 ? 1 : count, maxLength, positions);
        if (count != -1)
        {
            c.Reply.WriteArrayHeader(positions.Count);
            foreach (var position in positions) c.Reply.WriteInteger(position);
        }
        else if (positions.Count > 0) c.Reply.WriteInteger(positions[0]);
        else c.Reply.WriteNull();
    }

    /// <summary>
    /// Redis's index rules for LRANGE and LTRIM: negative indexes count from the end, the start is clamped at 0 and
    /// the end at the last element; false when the range is empty.
    /// </summary>
    private static bool ClampRange(long length, ref long start, ref long end)
    {
        if (start < 0) start += length;
        if (end < 0) end += length;
        if (start < 0) start = 0;
        if (start > end || start >= length) return false;
        if (end >= length) end = length - 1;
        return true;
    }

    /// <summary>LRANGE's reply (and the popped range of the count forms): the elements start..end, in reverse when asked.</summary>
    private static void WriteRange(RespWriter reply, ListValue list, long start, long end, bool reverse)
    {
        if (!ClampRange(list.Count, ref start, ref end))
        {
            reply.WriteArrayHeader(0);
            return;
        }
        var count = end - start + 1;
        reply.WriteArrayHeader((int)count);
        var elements = list.Enumerate(reverse ? end : start, reverse);
        for (long i = 0; i < count && elements.MoveNext(); i++) reply.WriteBulk(elements.Current);
    }

    /// <summary>Replies with the first or last element, then removes it: written from the list in place, not copied out.</summary>
    private static void PopOne(RespWriter reply, ListValue list, bool head)
    {
        list.TryGet(head ? 0 : -1, out var element);
        reply.WriteBulk(element);
        list.RemoveRange(head ? 0 : list.Count - 1, 1);
    }

    /// <summary>Replies the first (or last) <paramref name="count"/> elements, in popping order, and removes them.</summary>
    private static long PopRange(CommandContext c, ListValue list, bool head, long count)
    {
        var taken = Math.Min(count, list.Count);
        if (head)
        {
            WriteRange(c.Reply, list, 0, taken - 1, reverse: false);
            list.RemoveRange(0, taken);
        }
        else
        {
            WriteRange(c.Reply, list, -taken, -1, reverse: true);
            list.RemoveRange(list.Count - taken, taken);
        }
        return taken;
    }

    /// <summary>
    /// After removing elements (Redis's listElementsRemoved): publishes <paramref name="eventName"/>; an emptied list goes
    /// ("del"), a shrunk one may turn compact again.
    /// </summary>
    private static void ElementsRemoved(CommandContext c, ReadOnlySpan<byte> key, KeyEntry entry, ListValue list, ReadOnlySpan<byte> eventName)
    {
        c.Notify(NotifyClass.List, eventName, key);
        if (list.Count == 0)
        {
            c.Db(key).Delete(entry);
            c.NotifyDel(key);
        }
        else list.ConvertIfShrunk(c.Limits);
    }

    private static ReadOnlySpan<byte> PopEvent(bool head) => head ? "lpop"u8 : "rpop"u8;

    /// <summary>Looks a key up for writing: false (WRONGTYPE replied) when it holds another type; list is null when missing.</summary>
    private static bool TryLookupWrite(CommandContext c, ReadOnlySpan<byte> key, out KeyEntry? entry, out ListValue? list) =>
        c.TryWrite(key, out entry, out list);

    private static bool TryLookupRead(CommandContext c, ReadOnlySpan<byte> key, out ListValue? list) => c.TryRead(key, out list);
}
