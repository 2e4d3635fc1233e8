using AkkaKv.Server.PubSub;
using AkkaKv.Storage;
using static AkkaKv.Server.Commands.ArgParsing;

namespace AkkaKv.Server.Commands;

/// <summary>Consumer groups: XGROUP's subcommands, XACK, XPENDING, XCLAIM and XAUTOCLAIM.</summary>
public static partial class StreamCommands
{
    // XAUTOCLAIM examines at most ten PEL entries per entry it may claim.
    private const long AutoClaimAttemptsPerEntry = 10;
    private const long AutoClaimMaxCount = long.MaxValue / 16;

    private static readonly string[] XGroupHelp =
    [
        "CREATE <key> <groupname> <id|$> [option]",
        "    Create a new consumer group. Options are:",
        "    * MKSTREAM",
        "      Create the empty stream if it does not exist.",
        "    * ENTRIESREAD entries_read",
        "      Set the group's entries_read counter (internal use).",
        "CREATECONSUMER <key> <groupname> <consumer>",
        "    Create a new consumer in the specified group.",
        "DELCONSUMER <key> <groupname> <consumer>",
        "    Remove the specified consumer.",
        "DESTROY <key> <groupname>",
        "    Remove the specified group.",
        "SETID <key> <groupname> <id|$> [ENTRIESREAD entries_read]",
        "    Set the current group ID and entries_read counter.",
    ];

    private static void XGroupCreate(CommandContext c)
    {
        if (!TryStartXGroup(c, out var stream, out _, out var mkStream, out var entriesRead)) return;
        if (c.ArgCount > 8)
        {
            SubcommandSyntaxError(c);
            return;
        }

        StreamId id;
        if (c.Arg(4).SequenceEqual("$"u8)) id = stream?.LastId ?? StreamId.Min;
        else if (!TryParseStrictId(c, c.Arg(4), out id)) return;

        if (stream is null && mkStream)
        {
            stream = new StreamValue();
            c.Db(c.Arg(2)).Set(c.Arg(2), stream, nowMs: c.NowMs);
            c.NotifyNew(c.Arg(2));
        }

        if (stream!.CreateGroup(c.Arg(3), id, entriesRead) is null)
        {
            c.Error(ErrorReplies.BusyGroup);
            return;
        }

        c.Reply.WriteOk();
        c.Propagate();
        c.Notify(NotifyClass.Stream, "xgroup-create"u8, c.Arg(2));
    }

    private static void XGroupSetId(CommandContext c)
    {
        if (!TryStartXGroup(c, out var stream, out var group, out _, out var entriesRead)) return;
        if (c.ArgCount is not (5 or 7))
        {
            SubcommandSyntaxError(c);
            return;
        }

        StreamId id;
        if (c.Arg(4).SequenceEqual("$"u8)) id = stream!.LastId;
        else if (!TryParseId(c, c.Arg(4), 0, out id)) return;
        group!.LastId = id;
        group.EntriesRead = entriesRead;
        c.Reply.WriteOk();
        c.Propagate();
        c.Notify(NotifyClass.Stream, "xgroup-setid"u8, c.Arg(2));
    }

    private static void XGroupDestroy(CommandContext c)
    {
        if (!TryStartXGroup(c, out var stream, out var group, out _, out _)) return;
        if (group is null)
        {
            c.Reply.WriteInteger(0);
            return;
        }

        stream!.DestroyGroup(group.Name);
        c.Reply.WriteInteger(1);
        c.Propagate();
        c.Notify(NotifyClass.Stream, "xgroup-destroy"u8, c.Arg(2));
        // Clients blocked in XREADGROUP on this group run again and get NOGROUP.
        c.SignalKeyReady(c.Arg(2));
    }

    private static void XGroupCreateConsumer(CommandContext c)
    {
        if (!TryStartXGroup(c, out _, out var group, out _, out _)) return;
        var created = group!.CreateConsumer(c.Arg(4), c.NowMs) is not null;
        c.Reply.WriteInteger(created ? 1 : 0);
        if (!created) return;
        c.Propagate();
        NotifyConsumerCreated(c, c.Arg(2));
    }

    private static void XGroupDelConsumer(CommandContext c)
    {
        if (!TryStartXGroup(c, out _, out var group, out _, out _)) return;
        var consumer = group!.FindConsumer(c.Arg(4));
        if (consumer is null)
        {
            c.Reply.WriteInteger(0);
            return;
        }

        c.Reply.WriteInteger(group.DeleteConsumer(consumer));
        c.Propagate();
        c.Notify(NotifyClass.Stream, "xgroup-delconsumer"u8, c.Arg(2));
    }

    /// <summary>
    /// What every XGROUP subcommand does first (Redis's xgroupCommand): options from the sixth argument on, the key
    /// (which must exist unless MKSTREAM) and, for SETID, CREATECONSUMER and DELCONSUMER, the group.
    /// </summary>
    private static bool TryStartXGroup(CommandContext c, out StreamValue? stream, out StreamConsumerGroup? group, out bool mkStream, out long entriesRead)
    {
        stream = null;
        group = null;
        mkStream = false;
        entriesRead = StreamConsumerGroup.UnknownEntriesRead;
        var create = Is(c.Arg(1), "CREATE"u8);
        var setId = Is(c.Arg(1), "SETID"u8);
        for (var i = 5; i < c.ArgCount;)
        {
            if (create && Is(c.Arg(i), "MKSTREAM"u8))
            {
                mkStream = true;
                i++;
            }
            else if ((create || setId) && Is(c.Arg(i), "ENTRIESREAD"u8) && i + 1 < c.ArgCount)
            {
                if (!TryInteger(c.Arg(i + 1), out entriesRead))
                {
                    c.NotInteger();
                    return false;
                }

                if (entriesRead < 0 && entriesRead != StreamConsumerGroup.UnknownEntriesRead)
                {
                    c.Error(ErrorReplies.EntriesReadInvalid);
                    return false;
                }

                i += 2;
            }
            else
            {
                SubcommandSyntaxError(c);
                return false;
            }
        }

        if (!TryLookup(c, c.Arg(2), write: true, out stream)) return false;
        if (mkStream) return true;
        if (stream is null)
        {
            c.Error(ErrorReplies.XGroupKeyMissing);
            return false;
        }

        group = stream.FindGroup(c.Arg(3));
        if (group is null && !create && !Is(c.Arg(1), "DESTROY"u8))
        {
            c.Error(ErrorReplies.NoGroupForKey(Quoted(c.Arg(3)), Quoted(c.Arg(2))));
            return false;
        }

        return true;
    }

    private static void SubcommandSyntaxError(CommandContext c) =>
        c.Error(ErrorReplies.SubcommandSyntax(Quoted(c.Arg(1)), c.Command.Parent!.Name.ToUpperInvariant()));

    private static void XAck(CommandContext c)
    {
        if (!TryFindGroup(c, out _, out var group)) return;
        if (group is null)
        {
            c.Reply.WriteInteger(0);
            return;
        }

        // All IDs are checked first: acknowledging some and then failing would lose the count.
        var ids = new StreamId[c.ArgCount - 3];
        for (var i = 0; i < ids.Length; i++)
        {
            if (!TryParseStrictId(c, c.Arg(i + 3), out ids[i])) return;
        }

        var acknowledged = 0;
        foreach (var id in ids)
        {
            if (group.Acknowledge(id)) acknowledged++;
        }

        c.Reply.WriteInteger(acknowledged);
        if (acknowledged > 0) c.Propagate();
    }

    private static void XPending(CommandContext c)
    {
        if (c.ArgCount != 3 && c.ArgCount is < 6 or > 9)
        {
            c.SyntaxError();
            return;
        }

        long minIdle = 0, count = 0;
        StreamId start = default, end = default;
        var consumerAt = -1;
        if (c.ArgCount >= 6)
        {
            var at = 3;
            if (Is(c.Arg(3), "IDLE"u8))
            {
                if (!TryInteger(c.Arg(4), out minIdle))
                {
                    c.NotInteger();
                    return;
                }

                if (c.ArgCount < 8)
                {
                    c.SyntaxError();
                    return;
                }

                at += 2;
            }

            if (!TryInteger(c.Arg(at + 2), out count))
            {
                c.NotInteger();
                return;
            }

            if (count < 0) count = 0;
            if (!TryParseIntervalStart(c, c.Arg(at), out start)) return;
            if (!TryParseIntervalEnd(c, c.Arg(at + 1), out end)) return;
            if (at + 3 < c.ArgCount) consumerAt = at + 3;
        }

        if (!TryFindGroup(c, out _, out var group)) return;
        if (group is null)
        {
            c.Error(ErrorReplies.NoKeyOrGroup(Quoted(c.Arg(1)), Quoted(c.Arg(2))));
            return;
        }

        if (c.ArgCount == 3)
        {
            WritePendingSummary(c, group);
            return;
        }

        IEnumerable<StreamPendingEntry> pending;
        if (consumerAt < 0)
        {
            pending = group.PendingBetween(start, end);
        }
        else
        {
            var consumer = group.FindConsumer(c.Arg(consumerAt));
            if (consumer is null)
            {
                c.Reply.WriteArrayHeader(0);
                return;
            }

            pending = consumer.PendingBetween(start, end);
        }

        var mark = c.Reply.Length;
        var written = 0;
        foreach (var entry in pending)
        {
            if (written == count) break;
            var idle = c.NowMs - entry.DeliveryTime;
            if (minIdle != 0 && idle < minIdle) continue;
            c.Reply.WriteArrayHeader(4);
            WriteId(c.Reply, entry.Id);
            c.Reply.WriteBulk(entry.Consumer!.Name);
            c.Reply.WriteInteger(Math.Max(0, idle));
            c.Reply.WriteInteger(entry.DeliveryCount);
            written++;
        }

        InsertHeader(c.Reply, mark, written, map: false);
    }

    /// <summary>[count, first id, last id, [[consumer, count as a bulk string]...]] or [0, nil, nil, nil].</summary>
    private static void WritePendingSummary(CommandContext c, StreamConsumerGroup group)
    {
        c.Reply.WriteArrayHeader(4);
        c.Reply.WriteInteger(group.PendingCount);
        if (group.PendingCount == 0)
        {
            c.Reply.WriteNull();
            c.Reply.WriteNull();
            c.Reply.WriteNullArray();
            return;
        }

        WriteId(c.Reply, group.FirstPending!.Id);
        WriteId(c.Reply, group.LastPending!.Id);
        var owners = 0;
        foreach (var consumer in group.Consumers)
        {
            if (consumer.PendingCount > 0) owners++;
        }

        c.Reply.WriteArrayHeader(owners);
        foreach (var consumer in group.Consumers)
        {
            if (consumer.PendingCount == 0) continue;
            c.Reply.WriteArrayHeader(2);
            c.Reply.WriteBulk(consumer.Name);
            c.Reply.WriteBulk(consumer.PendingCount);
        }
    }

    /// <summary>Looks the stream up for reading and the group (argument 2) in it; false after replying WRONGTYPE.</summary>
    private static bool TryFindGroup(CommandContext c, out StreamValue? stream, out StreamConsumerGroup? group)
    {
        var found = TryLookup(c, c.Arg(1), write: false, out stream);
        group = stream?.FindGroup(c.Arg(2));
        return found;
    }

    /// <summary>
    /// The consumer named by argument 3, created when missing, and seen now. A consumer created without anything then
    /// journaled that creates it (an XCLAIM) would be missing on replay: the caller journals it when nothing was claimed.
    /// </summary>
    private static StreamConsumer SeenConsumer(CommandContext c, StreamConsumerGroup group, out bool created)
    {
        var consumer = group.FindConsumer(c.Arg(3));
        created = consumer is null;
        consumer ??= group.CreateConsumer(c.Arg(3), c.NowMs)!;
        if (created) NotifyConsumerCreated(c, c.Arg(1));
        consumer.SeenTime = c.NowMs;
        return consumer;
    }

    /// <summary>A consumer was created, by XGROUP CREATECONSUMER or implicitly by a read or claim naming it.</summary>
    private static void NotifyConsumerCreated(CommandContext c, ReadOnlySpan<byte> key) =>
        c.Notify(NotifyClass.Stream, "xgroup-createconsumer"u8, key);

    private static void PropagateConsumerCreation(CommandContext c, StreamConsumer consumer) =>
        c.Propagate(XGroupName, CreateConsumerName, c.Args.Memory(1), c.Args.Memory(2), consumer.Name);
}
