using AkkaKv.Protocol;
using AkkaKv.Storage;
using static AkkaKv.Server.Commands.ArgParsing;

namespace AkkaKv.Server.Commands;

/// <summary>XINFO STREAM / GROUPS / CONSUMERS: maps in RESP3, flat arrays in RESP2, field for field as Redis 7.2.</summary>
public static partial class StreamCommands
{
    // XINFO STREAM FULL lists at most this many entries and pending entries per list unless COUNT says otherwise.
    private const long DefaultFullCount = 10;

    private static readonly string[] XInfoHelp =
    [
        "CONSUMERS <key> <groupname>",
        "    Show consumers of <groupname>.",
        "GROUPS <key>",
        "    Show the stream consumer groups.",
        "STREAM <key> [FULL [COUNT <count>]",
        "    Show information about the stream.",
    ];

    private static void XInfoStream(CommandContext c)
    {
        if (!TryLookupForInfo(c, out var stream)) return;
        var options = c.ArgCount - 3;
        var full = options > 0;
        var count = DefaultFullCount;
        if (full)
        {
            if ((options != 1 && options != 3) || !Is(c.Arg(3), "FULL"u8) || (options == 3 && !Is(c.Arg(4), "COUNT"u8)))
            {
                SubcommandSyntaxError(c);
                return;
            }

            if (options == 3)
            {
                if (!TryInteger(c.Arg(5), out count))
                {
                    c.NotInteger();
                    return;
                }

                if (count < 0) count = DefaultFullCount;
            }
        }

        var reply = c.Reply;
        reply.WriteMapHeader(full ? 9 : 10);
        reply.WriteBulk("length"u8);
        reply.WriteInteger(stream.Length);
        reply.WriteBulk("radix-tree-keys"u8);
        reply.WriteInteger(stream.NodeCount);
        reply.WriteBulk("radix-tree-nodes"u8);
        reply.WriteInteger(stream.RadixTreeNodes);
        reply.WriteBulk("last-generated-id"u8);
        WriteId(reply, stream.LastId);
        reply.WriteBulk("max-deleted-entry-id"u8);
        WriteId(reply, stream.MaxDeletedId);
        reply.WriteBulk("entries-added"u8);
        reply.WriteInteger(stream.EntriesAdded);
        reply.WriteBulk("recorded-first-entry-id"u8);
        WriteId(reply, stream.FirstId);
        if (full)
        {
            WriteFullStream(c, stream, count);
            return;
        }

        reply.WriteBulk("groups"u8);
        reply.WriteInteger(stream.Groups.Count);
        reply.WriteBulk("first-entry"u8);
        WriteEdgeEntry(reply, stream, reverse: false);
        reply.WriteBulk("last-entry"u8);
        WriteEdgeEntry(reply, stream, reverse: true);
    }

    private static void WriteEdgeEntry(RespWriter reply, StreamValue stream, bool reverse)
    {
        var range = stream.Range(StreamId.Min, StreamId.Max, reverse);
        if (range.MoveNext()) WriteEntry(reply, range.Current);
        else reply.WriteNull();
    }

    /// <summary>XINFO STREAM FULL after the counters: the entries, then each group with its PEL and consumers.</summary>
    private static void WriteFullStream(CommandContext c, StreamValue stream, long count)
    {
        var reply = c.Reply;
        reply.WriteBulk("entries"u8);
        var mark = reply.Length;
        var written = 0;
        foreach (var entry in stream.Range(StreamId.Min, StreamId.Max))
        {
            WriteEntry(reply, entry);
            if (++written == count) break;
        }

        InsertHeader(reply, mark, written, map: false);
        reply.WriteBulk("groups"u8);
        reply.WriteArrayHeader(stream.Groups.Count);
        foreach (var group in stream.Groups)
        {
            reply.WriteMapHeader(7);
            reply.WriteBulk("name"u8);
            reply.WriteBulk(group.Name);
            reply.WriteBulk("last-delivered-id"u8);
            WriteId(reply, group.LastId);
            WriteReadCounters(reply, stream, group);
            reply.WriteBulk("pel-count"u8);
            reply.WriteInteger(group.PendingCount);
            reply.WriteBulk("pending"u8);
            var pendingShown = (int)(count == 0 ? group.PendingCount : Math.Min(count, group.PendingCount));
            reply.WriteArrayHeader(pendingShown);
            foreach (var pending in group.Pending.Take(pendingShown))
            {
                reply.WriteArrayHeader(4);
                WriteId(reply, pending.Id);
                reply.WriteBulk(pending.Consumer!.Name);
                reply.WriteInteger(pending.DeliveryTime);
                reply.WriteInteger(pending.DeliveryCount);
            }

            reply.WriteBulk("consumers"u8);
            reply.WriteArrayHeader(group.Consumers.Count);
            foreach (var consumer in group.Consumers) WriteFullConsumer(reply, consumer, count);
        }
    }

    private static void WriteFullConsumer(RespWriter reply, StreamConsumer consumer, long count)
    {
        reply.WriteMapHeader(5);
        reply.WriteBulk("name"u8);
        reply.WriteBulk(consumer.Name);
        reply.WriteBulk("seen-time"u8);
        reply.WriteInteger(consumer.SeenTime);
        reply.WriteBulk("active-time"u8);
        reply.WriteInteger(consumer.ActiveTime);
        reply.WriteBulk("pel-count"u8);
        reply.WriteInteger(consumer.PendingCount);
        reply.WriteBulk("pending"u8);
        var shown = (int)(count == 0 ? consumer.PendingCount : Math.Min(count, consumer.PendingCount));
        reply.WriteArrayHeader(shown);
        foreach (var pending in consumer.Pending.Take(shown))
        {
            reply.WriteArrayHeader(3);
            WriteId(reply, pending.Id);
            reply.WriteInteger(pending.DeliveryTime);
            reply.WriteInteger(pending.DeliveryCount);
        }
    }

    /// <summary>entries-read and lag, each an integer or null when unknown.</summary>
    private static void WriteReadCounters(RespWriter reply, StreamValue stream, StreamConsumerGroup group)
    {
        reply.WriteBulk("entries-read"u8);
        if (group.EntriesRead != StreamConsumerGroup.UnknownEntriesRead) reply.WriteInteger(group.EntriesRead);
        else reply.WriteNull();
        reply.WriteBulk("lag"u8);
        var lag = stream.Lag(group);
        if (lag.HasValue) reply.WriteInteger(lag.Value);
        else reply.WriteNull();
    }

    private static void XInfoGroups(CommandContext c)
    {
        if (!TryLookupForInfo(c, out var stream)) return;
        var reply = c.Reply;
        reply.WriteArrayHeader(stream.Groups.Count);
        foreach (var group in stream.Groups)
        {
            reply.WriteMapHeader(6);
            reply.WriteBulk("name"u8);
            reply.WriteBulk(group.Name);
            reply.WriteBulk("consumers"u8);
            reply.WriteInteger(group.Consumers.Count);
            reply.WriteBulk("pending"u8);
            reply.WriteInteger(group.PendingCount);
            reply.WriteBulk("last-delivered-id"u8);
            WriteId(reply, group.LastId);
            WriteReadCounters(reply, stream, group);
        }
    }

    private static void XInfoConsumers(CommandContext c)
    {
        if (!TryLookupForInfo(c, out var stream)) return;
        var group = stream.FindGroup(c.Arg(3));
        if (group is null)
        {
            c.Error(ErrorReplies.NoGroupForKey(Quoted(c.Arg(3)), Quoted(c.Arg(2))));
            return;
        }

        var reply = c.Reply;
        reply.WriteArrayHeader(group.Consumers.Count);
        foreach (var consumer in group.Consumers)
        {
            reply.WriteMapHeader(4);
            reply.WriteBulk("name"u8);
            reply.WriteBulk(consumer.Name);
            reply.WriteBulk("pending"u8);
            reply.WriteInteger(consumer.PendingCount);
            reply.WriteBulk("idle"u8);
            reply.WriteInteger(Math.Max(0, c.NowMs - consumer.SeenTime));
            reply.WriteBulk("inactive"u8);
            reply.WriteInteger(consumer.ActiveTime == -1 ? -1 : c.NowMs - consumer.ActiveTime);
        }
    }

    /// <summary>The stream at argument 2, read; replies "no such key" or WRONGTYPE otherwise.</summary>
    private static bool TryLookupForInfo(CommandContext c, out StreamValue stream)
    {
        stream = null!;
        var entry = c.LookupRead(c.Arg(2));
        if (entry is null)
        {
            c.Error(ErrorReplies.NoSuchKey);
            return false;
        }

        if (entry.Value is not StreamValue found)
        {
            c.WrongType();
            return false;
        }

        stream = found;
        return true;
    }
}
