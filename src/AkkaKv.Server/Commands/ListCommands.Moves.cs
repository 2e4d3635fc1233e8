using AkkaKv.Server.PubSub;
using AkkaKv.Storage;
using static AkkaKv.Server.Commands.ArgParsing;

namespace AkkaKv.Server.Commands;

/// <summary>
/// LMOVE, RPOPLPUSH, LMPOP and the blocking forms. A blocking command serves at once like its plain form, journaled
/// as that form (BLPOP as LPOP, BLMOVE as LMOVE, BRPOPLPUSH as RPOPLPUSH, BLMPOP and LMPOP as LPOP/RPOP with the
/// count popped), or blocks until a key is signalled ready.
/// </summary>
public static partial class ListCommands
{
    private static readonly byte[] LMoveName = "LMOVE"u8.ToArray();
    private static readonly byte[] RPopLPushName = "RPOPLPUSH"u8.ToArray();

    private static void LMove(CommandContext c)
    {
        if (!TryEnd(c, 3, out var fromHead) || !TryEnd(c, 4, out var toHead)) return;
        if (Move(c, fromHead, toHead)) c.Propagate();
    }

    private static void RPopLPush(CommandContext c)
    {
        if (Move(c, fromHead: false, toHead: true)) c.Propagate();
    }

    private static void BLMove(CommandContext c)
    {
        if (!TryEnd(c, 3, out var fromHead) || !TryEnd(c, 4, out var toHead)) return;
        if (!BlockingTimeout.TryReadSeconds(c, c.Arg(5), out var timeoutMs)) return;
        BlockingMoveGeneric(c, fromHead, toHead, timeoutMs, journalAsLMove: true);
    }

    private static void BRPopLPush(CommandContext c)
    {
        if (!BlockingTimeout.TryReadSeconds(c, c.Arg(3), out var timeoutMs)) return;
        BlockingMoveGeneric(c, fromHead: false, toHead: true, timeoutMs, journalAsLMove: false);
    }

    /// <summary>BLMOVE and BRPOPLPUSH: move at once when the source exists, journaled as LMOVE or RPOPLPUSH; else block.</summary>
    private static void BlockingMoveGeneric(CommandContext c, bool fromHead, bool toHead, long timeoutMs, bool journalAsLMove)
    {
        if (!TryLookupWrite(c, c.Arg(1), out _, out var source)) return;
        if (source is null)
        {
            // Redis answers a plain null here, not the null array a timeout gets.
            if (c.CanBlock) c.BlockOn(timeoutMs);
            else c.Reply.WriteNull();
            return;
        }
        if (!Move(c, fromHead, toHead)) return;
        if (journalAsLMove) c.Propagate(LMoveName, c.Args.Memory(1), c.Args.Memory(2), c.Args.Memory(3), c.Args.Memory(4));
        else c.Propagate(RPopLPushName, c.Args.Memory(1), c.Args.Memory(2));
    }

    /// <summary>
    /// Pops from the source (argument 1) and pushes onto the destination (argument 2), replying the element (Redis's
    /// lmoveGenericCommand): null when the source is missing, WRONGTYPE when either holds another type. The same key
    /// on both sides rotates the list. True when an element moved.
    /// </summary>
    private static bool Move(CommandContext c, bool fromHead, bool toHead)
    {
        var sourceKey = c.Arg(1);
        if (!TryLookupWrite(c, sourceKey, out var sourceEntry, out var source)) return false;
        if (source is null)
        {
            c.Reply.WriteNull();
            return false;
        }
        var destinationKey = c.Arg(2);
        if (!TryLookupWrite(c, destinationKey, out _, out var destination)) return false;

        // Redis counts what a pushed element adds by its text, except an integer a quicklist handed back as a number.
        var sourceWasQuicklist = !source.IsCompact;
        var element = (fromHead ? source.PopHead() : source.PopTail())!;
        if (destination is null)
        {
            destination = new ListValue();
            c.Db(destinationKey).Set(destinationKey, destination, nowMs: c.NowMs);
            c.NotifyNew(destinationKey);
        }
        var addedBytes = sourceWasQuicklist && ListValue.IsStoredAsInteger(element) ? 0 : element.Length;
        destination.PrepareToGrow(addedBytes, 1, c.Limits);
        if (toHead) destination.PushHead(element);
        else destination.PushTail(element);
        c.SignalKeyReady(destinationKey);
        c.Reply.WriteBulk(element);
        // Redis publishes the push before the pop.
        c.Notify(NotifyClass.List, toHead ? "lpush"u8 : "rpush"u8, destinationKey);
        ElementsRemoved(c, sourceKey, sourceEntry!, source, PopEvent(fromHead));
        return true;
    }

    private static void LMPop(CommandContext c) => MultiPopGeneric(c, numKeysIndex: 1, blocking: false);

    private static void BLMPop(CommandContext c) => MultiPopGeneric(c, numKeysIndex: 2, blocking: true);

    /// <summary>LMPOP/BLMPOP: <c>numkeys key... LEFT|RIGHT [COUNT count]</c> from <paramref name="numKeysIndex"/>.</summary>
    private static void MultiPopGeneric(CommandContext c, int numKeysIndex, bool blocking)
    {
        if (!MultiPopArguments.TryReadKeys(c, numKeysIndex, out var numKeys, out var whereIndex)) return;
        if (!TryEnd(c, whereIndex, out var head)) return;
        if (!MultiPopArguments.TryReadCount(c, whereIndex + 1, out var count)) return;
        var timeoutMs = 0L;
        if (blocking && !BlockingTimeout.TryReadSeconds(c, c.Arg(1), out timeoutMs)) return;
        if (PopFirstNonEmpty(c, numKeysIndex + 1, numKeys, head, count)) return;
        if (blocking && c.CanBlock) c.BlockOn(timeoutMs);
        else c.Reply.WriteNullArray();
    }

    private static void BLPop(CommandContext c) => BlockingPopGeneric(c, head: true);

    private static void BRPop(CommandContext c) => BlockingPopGeneric(c, head: false);

    /// <summary>BLPOP/BRPOP: [key, element] from the first key holding a list, journaled as LPOP/RPOP key; else block.</summary>
    private static void BlockingPopGeneric(CommandContext c, bool head)
    {
        if (!BlockingTimeout.TryReadSeconds(c, c.Arg(c.ArgCount - 1), out var timeoutMs)) return;
        for (var i = 1; i < c.ArgCount - 1; i++)
        {
            var key = c.Arg(i);
            if (!TryLookupWrite(c, key, out var entry, out var list)) return;
            if (list is null) continue;
            c.Reply.WriteArrayHeader(2);
            c.Reply.WriteBulk(key);
            PopOne(c.Reply, list, head);
            ElementsRemoved(c, key, entry!, list, PopEvent(head));
            c.Propagate(head ? LPopName : RPopName, c.Args.Memory(i));
            return;
        }
        if (c.CanBlock) c.BlockOn(timeoutMs);
        else c.Reply.WriteNullArray();
    }

    /// <summary>
    /// LMPOP's work: [key, [elements]] from the first of the keys holding a list, journaled as LPOP/RPOP key count.
    /// False when none does (nothing replied); true when it popped or replied WRONGTYPE.
    /// </summary>
    private static bool PopFirstNonEmpty(CommandContext c, int firstKey, int keyCount, bool head, long count)
    {
        for (var i = firstKey; i < firstKey + keyCount; i++)
        {
            var key = c.Arg(i);
            if (!TryLookupWrite(c, key, out var entry, out var list)) return true;
            if (list is null) continue;
            c.Reply.WriteArrayHeader(2);
            c.Reply.WriteBulk(key);
            var popped = PopRange(c, list, head, count);
            ElementsRemoved(c, key, entry!, list, PopEvent(head));
            c.Propagate(head ? LPopName : RPopName, c.Args.Memory(i), popped);
            return true;
        }
        return false;
    }

    /// <summary>LEFT or RIGHT at argument <paramref name="index"/>; a syntax error otherwise.</summary>
    private static bool TryEnd(CommandContext c, int index, out bool head)
    {
        head = Is(c.Arg(index), "LEFT"u8);
        if (head || Is(c.Arg(index), "RIGHT"u8)) return true;
        c.SyntaxError();
        return false;
    }
}
