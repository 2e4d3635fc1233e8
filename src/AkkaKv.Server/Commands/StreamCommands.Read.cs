using AkkaKv.Storage;
using static AkkaKv.Server.Commands.ArgParsing;

namespace AkkaKv.Server.Commands;

/// <summary>XREAD and XREADGROUP (Redis's xreadCommand, which serves both).</summary>
public static partial class StreamCommands
{
    private static readonly byte[] XClaimName = "XCLAIM"u8.ToArray();
    private static readonly byte[] XGroupName = "XGROUP"u8.ToArray();
    private static readonly byte[] SetIdName = "SETID"u8.ToArray();
    private static readonly byte[] CreateConsumerName = "CREATECONSUMER"u8.ToArray();
    private static readonly byte[] EntriesReadName = "ENTRIESREAD"u8.ToArray();
    private static readonly byte[] TimeName = "TIME"u8.ToArray();
    private static readonly byte[] RetryCountName = "RETRYCOUNT"u8.ToArray();
    private static readonly byte[] ForceName = "FORCE"u8.ToArray();
    private static readonly byte[] JustIdName = "JUSTID"u8.ToArray();
    private static readonly byte[] LastIdName = "LASTID"u8.ToArray();
    private static readonly byte[] Zero = "0"u8.ToArray();

    private static void XRead(CommandContext c) => ReadGeneric(c, withGroup: false);

    private static void XReadGroup(CommandContext c) => ReadGeneric(c, withGroup: true);

    private static void ReadGeneric(CommandContext c, bool withGroup)
    {
        long timeoutMs = -1, count = 0;
        int streamsAt = 0, streamCount = 0, groupAt = -1;
        var noAck = false;
        for (var i = 1; i < c.ArgCount; i++)
        {
            var more = c.ArgCount - i - 1;
            var arg = c.Arg(i);
            if (Is(arg, "BLOCK"u8) && more > 0)
            {
                if (!BlockingTimeout.TryReadMilliseconds(c, c.Arg(++i), out timeoutMs)) return;
            }
            else if (Is(arg, "COUNT"u8) && more > 0)
            {
                if (!TryInteger(c.Arg(++i), out count))
                {
                    c.NotInteger();
                    return;
                }

                if (count < 0) count = 0;
            }
            else if (Is(arg, "STREAMS"u8) && more > 0)
            {
                streamsAt = i + 1;
                streamCount = c.ArgCount - streamsAt;
                if (streamCount % 2 != 0)
                {
                    c.Error(ErrorReplies.UnbalancedStreams(c.Command.FullName, withGroup ? '>' : '$'));
                    return;
                }

                streamCount /= 2;
                break;
            }
            else if (Is(arg, "GROUP"u8) && more >= 2)
            {
                if (!withGroup)
                {
                    c.Error(ErrorReplies.GroupOptionInXRead);
                    return;
                }

                groupAt = i + 1;
                i += 2;
            }
            else if (Is(arg, "NOACK"u8))
            {
                if (!withGroup)
                {
                    c.Error(ErrorReplies.NoAckOptionInXRead);
                    return;
                }

                noAck = true;
            }
            else
            {
                c.SyntaxError();
                return;
            }
        }

        if (streamsAt == 0)
        {
            c.SyntaxError();
            return;
        }

        if (withGroup && groupAt < 0)
        {
            c.Error(ErrorReplies.MissingGroupOption);
            return;
        }

        // ">" is kept as the largest ID, as Redis does: the group's last ID replaces it when serving.
        var ids = new StreamId[streamCount];
        var groups = withGroup ? new StreamConsumerGroup[streamCount] : null;
        for (var k = 0; k < streamCount; k++)
        {
            var key = c.Arg(streamsAt + k);
            if (!TryLookup(c, key, write: false, out var stream)) return;
            if (groups is not null)
            {
                var group = stream?.FindGroup(c.Arg(groupAt));
                if (group is null)
                {
                    c.Error(ErrorReplies.NoGroupForXReadGroup(Quoted(key), Quoted(c.Arg(groupAt))));
                    return;
                }

                groups[k] = group;
            }

            var idArg = c.Arg(streamsAt + streamCount + k);
            if (idArg.SequenceEqual("$"u8))
            {
                if (withGroup)
                {
                    c.Error(ErrorReplies.DollarIdInXReadGroup);
                    return;
                }

                ids[k] = stream?.LastId ?? StreamId.Min;
            }
            else if (idArg.SequenceEqual(">"u8))
            {
                if (!withGroup)
                {
                    c.Error(ErrorReplies.GreaterIdInXRead);
                    return;
                }

                ids[k] = StreamId.Max;
            }
            else if (!TryParseStrictId(c, idArg, out ids[k]))
            {
                return;
            }
        }

        var mark = c.Reply.Length;
        var served = 0;
        for (var k = 0; k < streamCount; k++)
        {
            if (c.LookupRead(c.Arg(streamsAt + k))?.Value is not StreamValue stream) continue;
            var read = new StreamRead(streamsAt + k, groupAt, ids[k], count, noAck, groups?[k]);
            if (ServeStream(c, stream, read)) served++;
        }

        if (served > 0)
        {
            // Redis answers an array of [key, entries] pairs in RESP2 and a map keyed by stream in RESP3.
            InsertHeader(c.Reply, mark, served, map: c.Reply.Protocol == 3);
            return;
        }

        if (timeoutMs < 0 || !c.CanBlock)
        {
            c.Reply.WriteNullArray();
            return;
        }

        // "$" must mean the last ID as of now when the command runs again after blocking.
        for (var k = 0; k < streamCount; k++)
        {
            var idIndex = streamsAt + streamCount + k;
            if (c.Arg(idIndex).SequenceEqual("$"u8)) c.RewriteArgForRetry(idIndex, ids[k].ToBytes());
        }

        c.BlockOn(timeoutMs);
    }

    /// <summary>What to read from one stream: after <paramref name="After"/>, at most <paramref name="Count"/> entries (0: all).</summary>
    private readonly record struct StreamRead(int KeyIndex, int GroupIndex, StreamId After, long Count, bool NoAck, StreamConsumerGroup? Group);

    /// <summary>Writes [key, entries] for one stream when there is something to serve now; false (nothing written) otherwise.</summary>
    private static bool ServeStream(CommandContext c, StreamValue stream, StreamRead read)
    {
        var after = read.After;
        var group = read.Group;
        bool serve = false, history = false;
        StreamConsumer? consumer = null;
        if (group is not null)
        {
            if (after != StreamId.Max)
            {
                serve = history = true;
            }
            else if (stream.TryGetLastLiveId(out var top) && top > group.LastId)
            {
                serve = true;
                after = group.LastId;
            }

            var consumerName = c.Arg(read.GroupIndex + 1);
            consumer = group.FindConsumer(consumerName);
            if (consumer is null)
            {
                consumer = group.CreateConsumer(consumerName, c.NowMs)!;
                NotifyConsumerCreated(c, c.Arg(read.KeyIndex));
                // Redis creates the consumer on a replica through the XCLAIMs of what it reads; when there are none
                // (NOACK, history, nothing to read yet) the creation is journaled by itself.
                if (read.NoAck || history || !serve)
                {
                    c.Propagate(XGroupName, CreateConsumerName, c.Args.Memory(read.KeyIndex), c.Args.Memory(read.GroupIndex), consumer.Name);
                }
            }

            consumer.SeenTime = c.NowMs;
        }
        else if (stream.TryGetLastLiveId(out var top) && top > after)
        {
            serve = true;
        }

        if (!serve) return false;
        if (c.Reply.Protocol == 2) c.Reply.WriteArrayHeader(2);
        c.Reply.WriteBulk(c.Arg(read.KeyIndex));
        after.TryIncrement(out var start);
        if (history) ServeHistory(c, stream, consumer!, start, read.Count);
        else ServeNew(c, stream, read, consumer, start);
        return true;
    }

    /// <summary>Entries from <paramref name="start"/> on; with a group they become pending for the consumer (unless NOACK).</summary>
    private static void ServeNew(CommandContext c, StreamValue stream, StreamRead read, StreamConsumer? consumer, StreamId start)
    {
        var group = read.Group;
        var mark = c.Reply.Length;
        var written = 0;
        var advanced = false;
        byte[]? key = null, groupName = null;
        foreach (var entry in stream.Range(start, StreamId.Max))
        {
            if (group is not null && entry.Id > group.LastId)
            {
                group.Advance(stream, entry.Id);
                advanced = true;
            }

            WriteEntry(c.Reply, entry);
            if (group is not null && !read.NoAck)
            {
                var pending = group.Deliver(entry.Id, consumer!, c.NowMs);
                consumer!.ActiveTime = c.NowMs;
                key ??= c.Args.ToArray(read.KeyIndex);
                groupName ??= c.Args.ToArray(read.GroupIndex);
                PropagateClaim(c, key, groupName, entry.Id.ToBytes(), pending, group.LastId);
            }

            if (++written == read.Count) break;
        }

        // Also after XCLAIMs: their LASTID does not carry the group's read counter.
        if (advanced) PropagateGroupPosition(c, c.Args.ToArray(read.KeyIndex), c.Args.ToArray(read.GroupIndex), group!);
        InsertHeader(c.Reply, mark, written, map: false);
    }

    /// <summary>
    /// The consumer's own pending entries from <paramref name="start"/> on, each delivered once more; an entry deleted
    /// from the stream meanwhile is reported as [id, nil].
    /// </summary>
    private static void ServeHistory(CommandContext c, StreamValue stream, StreamConsumer consumer, StreamId start, long count)
    {
        var mark = c.Reply.Length;
        var written = 0;
        foreach (var pending in consumer.PendingBetween(start, StreamId.Max))
        {
            if (count > 0 && written == count) break;
            if (stream.TryGetEntry(pending.Id, out var entry))
            {
                WriteEntry(c.Reply, entry);
                StreamConsumerGroup.Redeliver(pending, c.NowMs);
            }
            else
            {
                c.Reply.WriteArrayHeader(2);
                WriteId(c.Reply, pending.Id);
                c.Reply.WriteNullArray();
            }

            written++;
        }

        InsertHeader(c.Reply, mark, written, map: false);
    }

    /// <summary>
    /// The state of one pending entry as an XCLAIM that recreates it whatever the replica holds (Redis's
    /// streamPropagateXCLAIM): XCLAIM key group consumer 0 id TIME t RETRYCOUNT n FORCE JUSTID LASTID last-id.
    /// </summary>
    private static void PropagateClaim(CommandContext c, byte[] key, byte[] group, byte[] id, StreamPendingEntry pending, StreamId groupLastId) =>
        c.Propagate(XClaimName, key, group, pending.Consumer!.Name, Zero, id, TimeName, pending.DeliveryTime,
            RetryCountName, pending.DeliveryCount, ForceName, JustIdName, LastIdName, groupLastId.ToBytes());

    /// <summary>XGROUP SETID key group last-id ENTRIESREAD n (Redis's streamPropagateGroupID).</summary>
    private static void PropagateGroupPosition(CommandContext c, byte[] key, byte[] groupName, StreamConsumerGroup group) =>
        c.Propagate(XGroupName, SetIdName, key, groupName, group.LastId.ToBytes(), EntriesReadName, group.EntriesRead);
}
