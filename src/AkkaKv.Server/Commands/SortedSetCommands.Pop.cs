using AkkaKv.Server.PubSub;
using AkkaKv.Storage;
using static AkkaKv.Server.Commands.ArgParsing;

namespace AkkaKv.Server.Commands;

/// <summary>ZPOPMIN, ZPOPMAX, ZMPOP and their blocking forms (Redis's genericZpopCommand and friends).</summary>
public static partial class SortedSetCommands
{
    private static readonly byte[] ZPopMinName = "ZPOPMIN"u8.ToArray();
    private static readonly byte[] ZPopMaxName = "ZPOPMAX"u8.ToArray();

    /// <summary>How a pop replies: see Redis's genericZpopCommand.</summary>
    private enum PopReply
    {
        /// <summary>ZPOPMIN/ZPOPMAX: member, score... flat; [member, score] pairs under RESP3 when a count was given.</summary>
        Plain,

        /// <summary>BZPOPMIN/BZPOPMAX: key, member, score, flat.</summary>
        KeyFlat,

        /// <summary>ZMPOP/BZMPOP: [key, [[member, score]...]], a null array when there is nothing.</summary>
        KeyNested,
    }

    private static void ZPopMin(CommandContext c) => PopMinMax(c, fromMax: false);

    private static void ZPopMax(CommandContext c) => PopMinMax(c, fromMax: true);

    private static void PopMinMax(CommandContext c, bool fromMax)
    {
        if (c.ArgCount > 3)
        {
            c.SyntaxError();
            return;
        }
        long count = -1;
        if (c.ArgCount == 3 && !TryPositive(c, c.Arg(2), out count)) return;
        var key = c.Arg(1);
        if (!TryWrite(c, key, out var entry, out var set)) return;
        if (set is null || count == 0)
        {
            c.Reply.WriteArrayHeader(0);
            return;
        }
        Pop(c, key, entry!, set, fromMax, count, PopReply.Plain);
        c.Propagate();
    }

    private static void ZMPop(CommandContext c) => MultiPopGeneric(c, numKeysIndex: 1, blocking: false);

    private static void BZMPop(CommandContext c) => MultiPopGeneric(c, numKeysIndex: 2, blocking: true);

    /// <summary>ZMPOP/BZMPOP: <c>numkeys key... MIN|MAX [COUNT count]</c> from <paramref name="numKeysIndex"/>.</summary>
    private static void MultiPopGeneric(CommandContext c, int numKeysIndex, bool blocking)
    {
        if (!MultiPopArguments.TryReadKeys(c, numKeysIndex, out var numKeys, out var whereIndex)) return;
        bool fromMax;
        if (Is(c.Arg(whereIndex), "MIN"u8)) fromMax = false;
        else if (Is(c.Arg(whereIndex), "MAX"u8)) fromMax = true;
        else
        {
            c.SyntaxError();
            return;
        }

        if (!MultiPopArguments.TryReadCount(c, whereIndex + 1, out var count)) return;
        var firstKey = numKeysIndex + 1;
        if (blocking)
        {
            BlockingPopGeneric(c, firstKey, numKeys, c.Arg(1), fromMax, count, PopReply.KeyNested);
            return;
        }

        for (var i = firstKey; i < firstKey + numKeys; i++)
        {
            var key = c.Arg(i);
            if (!TryWrite(c, key, out var entry, out var set)) return;
            if (set is null) continue;
            var popped = Pop(c, key, entry!, set, fromMax, count, PopReply.KeyNested);
            c.Propagate(fromMax ? ZPopMaxName : ZPopMinName, c.Args.Memory(i), popped);
            return;
        }
        c.Reply.WriteNullArray();
    }

    private static void BZPopMin(CommandContext c) =>
        BlockingPopGeneric(c, 1, c.ArgCount - 2, c.Arg(c.ArgCount - 1), fromMax: false, count: -1, PopReply.KeyFlat);

    private static void BZPopMax(CommandContext c) =>
        BlockingPopGeneric(c, 1, c.ArgCount - 2, c.Arg(c.ArgCount - 1), fromMax: true, count: -1, PopReply.KeyFlat);

    /// <summary>
    /// Pops from the first of the keys holding a sorted set, journaled as the ZPOPMIN/ZPOPMAX it amounts to; when none
    /// does, blocks (or, where blocking is not allowed, replies the timeout's null array).
    /// </summary>
    private static void BlockingPopGeneric(CommandContext c, int firstKey, int keyCount, ReadOnlySpan<byte> timeout, bool fromMax, long count, PopReply shape)
    {
        if (!BlockingTimeout.TryReadSeconds(c, timeout, out var timeoutMs)) return;
        for (var i = firstKey; i < firstKey + keyCount; i++)
        {
            var key = c.Arg(i);
            if (!TryWrite(c, key, out var entry, out var set)) return;
            if (set is null) continue;
            var popped = Pop(c, key, entry!, set, fromMax, count, shape);
            var name = fromMax ? ZPopMaxName : ZPopMinName;
            if (count == -1) c.Propagate(name, c.Args.Memory(i));
            else c.Propagate(name, c.Args.Memory(i), popped);
            return;
        }

        if (c.CanBlock) c.BlockOn(timeoutMs);
        else c.Reply.WriteNullArray();
    }

    /// <summary>
    /// Pops up to <paramref name="count"/> (-1: one, plain) elements, replies as <paramref name="shape"/> says, deletes an
    /// emptied key ("zpopmin"/"zpopmax", then "del").
    /// </summary>
    private static int Pop(CommandContext c, ReadOnlySpan<byte> key, KeyEntry entry, SortedSetValue set, bool fromMax, long count, PopReply shape)
    {
        var popped = set.Pop((int)Math.Min(count == -1 ? 1 : count, int.MaxValue), fromMax);
        var nested = shape == PopReply.KeyNested || (shape == PopReply.Plain && count != -1 && c.Reply.Protocol == 3);
        switch (shape)
        {
            case PopReply.Plain:
                c.Reply.WriteArrayHeader(nested ? popped.Count : popped.Count * 2);
                break;
            case PopReply.KeyFlat:
                c.Reply.WriteArrayHeader(popped.Count * 2 + 1);
                c.Reply.WriteBulk(key);
                break;
            default:
                c.Reply.WriteArrayHeader(2);
                c.Reply.WriteBulk(key);
                c.Reply.WriteArrayHeader(popped.Count);
                break;
        }

        foreach (var item in popped)
        {
            if (nested) c.Reply.WriteArrayHeader(2);
            c.Reply.WriteBulk(item.Member);
            c.Reply.WriteDouble(item.Score);
        }

        c.Notify(NotifyClass.SortedSet, fromMax ? "zpopmax"u8 : "zpopmin"u8, key);
        if (set.Count == 0)
        {
            c.Db(key).Delete(entry);
            c.NotifyDel(key);
        }
        return popped.Count;
    }

    /// <summary>A count that must be 0 or more (getPositiveLongFromObjectOrReply).</summary>
    private static bool TryPositive(CommandContext c, ReadOnlySpan<byte> arg, out long value)
    {
        if (TryInteger(arg, out value) && value >= 0) return true;
        c.Error(ErrorReplies.MustBePositive);
        return false;
    }
}
