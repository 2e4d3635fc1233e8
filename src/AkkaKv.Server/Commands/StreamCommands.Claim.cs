using AkkaKv.Storage;
using static AkkaKv.Server.Commands.ArgParsing;

namespace AkkaKv.Server.Commands;

/// <summary>XCLAIM and XAUTOCLAIM: moving pending entries to another consumer.</summary>
public static partial class StreamCommands
{
    private static void XClaim(CommandContext c)
    {
        if (!TryFindGroup(c, out var stream, out var group)) return;
        if (group is null)
        {
            c.Error(ErrorReplies.NoKeyOrGroup(Quoted(c.Arg(1)), Quoted(c.Arg(2))));
            return;
        }

        if (!TryInteger(c.Arg(4), out var minIdle))
        {
            c.Error(ErrorReplies.XClaimMinIdle);
            return;
        }

        minIdle = Math.Max(0, minIdle);

        // The IDs run until the first argument that is not one; the options follow.
        var ids = new List<StreamId>();
        var at = 5;
        for (; at < c.ArgCount && StreamId.TryParse(c.Arg(at), 0, strict: true, out var id); at++) ids.Add(id);

        var now = c.NowMs;
        long deliveryTime = -1, retryCount = -1;
        bool force = false, justId = false;
        var lastId = StreamId.Min;
        for (; at < c.ArgCount; at++)
        {
            var more = c.ArgCount - 1 - at;
            var option = c.Arg(at);
            if (Is(option, "FORCE"u8))
            {
                force = true;
            }
            else if (Is(option, "JUSTID"u8))
            {
                justId = true;
            }
            else if (Is(option, "IDLE"u8) && more > 0)
            {
                if (!TryClaimNumber(c, ++at, ErrorReplies.XClaimIdle, out var idle)) return;
                deliveryTime = now - idle;
            }
            else if (Is(option, "TIME"u8) && more > 0)
            {
                if (!TryClaimNumber(c, ++at, ErrorReplies.XClaimTime, out deliveryTime)) return;
            }
            else if (Is(option, "RETRYCOUNT"u8) && more > 0)
            {
                if (!TryClaimNumber(c, ++at, ErrorReplies.XClaimRetryCount, out retryCount)) return;
            }
            else if (Is(option, "LASTID"u8) && more > 0)
            {
                if (!TryParseStrictId(c, c.Arg(++at), out lastId)) return;
            }
            else
            {
                c.Error(ErrorReplies.XClaimUnknownOption(Quoted(option)));
                return;
            }
        }

        var positionChanged = false;
        if (lastId > group.LastId)
        {
            group.LastId = lastId;
            positionChanged = true;
        }

        // A time in the future or before 1970 comes from a client's clock: use now rather than fail.
        if (deliveryTime < 0 || deliveryTime > now) deliveryTime = now;
        var consumer = SeenConsumer(c, group, out var created);
        var key = c.Args.ToArray(1);
        var groupName = c.Args.ToArray(2);
        var mark = c.Reply.Length;
        var claimed = 0;
        for (var i = 0; i < ids.Count; i++)
        {
            var id = ids[i];
            var pending = group.FindPending(id);
            if (!stream!.TryGetEntry(id, out var entry))
            {
                // Gone from the stream: dropped from the PEL too, and journaled as the XCLAIM that does the same.
                if (pending is null) continue;
                PropagateClaim(c, key, groupName, c.Args.ToArray(5 + i), pending, group.LastId);
                positionChanged = false;
                group.RemovePending(pending);
                continue;
            }

            if (force && pending is null) pending = group.AddUnowned(id, now);
            if (pending is null) continue;
            if (pending.Consumer is not null && minIdle > 0 && now - pending.DeliveryTime < minIdle) continue;

            StreamConsumerGroup.Claim(pending, consumer, deliveryTime, retryCount, countDelivery: !justId);
            if (justId) WriteId(c.Reply, id);
            else WriteEntry(c.Reply, entry);
            claimed++;
            consumer.ActiveTime = now;
            PropagateClaim(c, key, groupName, c.Args.ToArray(5 + i), pending, group.LastId);
            positionChanged = false;
        }

        if (positionChanged) PropagateGroupPosition(c, key, groupName, group);
        if (created && claimed == 0) PropagateConsumerCreation(c, consumer);
        InsertHeader(c.Reply, mark, claimed, map: false);
    }

    private static bool TryClaimNumber(CommandContext c, int index, string error, out long value)
    {
        if (TryInteger(c.Arg(index), out value)) return true;
        c.Error(error);
        return false;
    }

    private static void XAutoClaim(CommandContext c)
    {
        if (!TryInteger(c.Arg(4), out var minIdle))
        {
            c.Error(ErrorReplies.XAutoClaimMinIdle);
            return;
        }

        minIdle = Math.Max(0, minIdle);
        if (!TryParseIntervalStart(c, c.Arg(5), out var start)) return;
        long count = 100;
        var justId = false;
        for (var at = 6; at < c.ArgCount; at++)
        {
            var more = c.ArgCount - 1 - at;
            if (Is(c.Arg(at), "COUNT"u8) && more > 0)
            {
                if (!TryInteger(c.Arg(++at), out count) || count < 1 || count > AutoClaimMaxCount)
                {
                    c.Error(ErrorReplies.CountMustBePositive);
                    return;
                }
            }
            else if (Is(c.Arg(at), "JUSTID"u8))
            {
                justId = true;
            }
            else
            {
                c.SyntaxError();
                return;
            }
        }

        if (!TryFindGroup(c, out var stream, out var group)) return;
        if (group is null)
        {
            c.Error(ErrorReplies.NoKeyOrGroup(Quoted(c.Arg(1)), Quoted(c.Arg(2))));
            return;
        }

        var consumer = SeenConsumer(c, group, out var created);
        var now = c.NowMs;
        var attempts = count * AutoClaimAttemptsPerEntry;

        // The PEL changes while claiming, so the entries to look at (and the next one, the cursor) are taken first.
        var candidates = group.PendingBetween(start, StreamId.Max).Take((int)Math.Min(attempts + 1, group.PendingCount)).ToList();
        var claimed = new List<StreamId>();
        var deleted = new List<StreamId>();
        var key = c.Args.ToArray(1);
        var groupName = c.Args.ToArray(2);
        var examined = 0;
        while (attempts-- > 0 && count > 0 && examined < candidates.Count)
        {
            var pending = candidates[examined++];
            if (!stream!.Contains(pending.Id))
            {
                PropagateClaim(c, key, groupName, pending.Id.ToBytes(), pending, group.LastId);
                group.RemovePending(pending);
                deleted.Add(pending.Id);
                count--;
                continue;
            }

            if (minIdle > 0 && now - pending.DeliveryTime < minIdle) continue;
            StreamConsumerGroup.Claim(pending, consumer, now, -1, countDelivery: !justId);
            claimed.Add(pending.Id);
            count--;
            consumer.ActiveTime = now;
            PropagateClaim(c, key, groupName, pending.Id.ToBytes(), pending, group.LastId);
        }

        if (created && claimed.Count == 0) PropagateConsumerCreation(c, consumer);
        c.Reply.WriteArrayHeader(3);
        WriteId(c.Reply, examined < candidates.Count ? candidates[examined].Id : StreamId.Min);
        c.Reply.WriteArrayHeader(claimed.Count);
        foreach (var id in claimed)
        {
            if (justId) WriteId(c.Reply, id);
            else if (stream!.TryGetEntry(id, out var entry)) WriteEntry(c.Reply, entry);
        }

        c.Reply.WriteArrayHeader(deleted.Count);
        foreach (var id in deleted) WriteId(c.Reply, id);
    }
}
