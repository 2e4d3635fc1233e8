using AkkaKv.Protocol;
using AkkaKv.Server.PubSub;
using AkkaKv.Storage;
using static AkkaKv.Server.Commands.ArgParsing;

namespace AkkaKv.Server.Commands;

/// <summary>
/// Redis's t_stream.c commands: the table entries first, then the handlers. Reading commands are in
/// StreamCommands.Read.cs, consumer groups in StreamCommands.Groups.cs, XINFO in StreamCommands.Info.cs.
/// </summary>
public static partial class StreamCommands
{
    private const string Group = "stream";
    private const CommandFlags ReadFast = CommandFlags.ReadOnly | CommandFlags.Fast;
    private const CommandFlags WriteFast = CommandFlags.Write | CommandFlags.Fast;
    private const CommandFlags WriteOom = CommandFlags.Write | CommandFlags.DenyOom;
    private const CommandFlags HelpFlags = CommandFlags.Loading | CommandFlags.Stale;

    internal static IEnumerable<CommandDefinition> Definitions =>
    [
        Define.Keyed("xadd", -5, WriteOom | CommandFlags.Fast, 1, 1, 1, Group, "Appends a new message to a stream. Creates the key if it doesn't exist.", XAdd, "5.0.0", "O(1) when adding a new entry, O(N) when trimming where N being the number of entries evicted."),
        Define.Keyed("xrange", -4, CommandFlags.ReadOnly, 1, 1, 1, Group, "Returns the messages from a stream within a range of IDs.", XRange, "5.0.0", "O(N) with N being the number of elements being returned. If N is constant (e.g. always asking for the first 10 elements with COUNT), you can consider it O(1)."),
        Define.Keyed("xrevrange", -4, CommandFlags.ReadOnly, 1, 1, 1, Group, "Returns the messages from a stream within a range of IDs in reverse order.", XRevRange, "5.0.0", "O(N) with N being the number of elements returned. If N is constant (e.g. always asking for the first 10 elements with COUNT), you can consider it O(1)."),
        Define.Keyed("xlen", 2, ReadFast, 1, 1, 1, Group, "Return the number of messages in a stream.", XLen, "5.0.0"),
        Define.Keyed("xdel", -3, WriteFast, 1, 1, 1, Group, "Returns the number of messages after removing them from a stream.", XDel, "5.0.0", "O(1) for each single item to delete in the stream, regardless of the stream size."),
        Define.Keyed("xtrim", -4, CommandFlags.Write, 1, 1, 1, Group, "Deletes messages from the beginning of a stream.", XTrim, "5.0.0", "O(N), with N being the number of evicted entries. Constant times are very small however, since entries are organized in macro nodes containing multiple entries that can be released with a single deallocation."),
        Define.MovableKeys("xread", -4, CommandFlags.ReadOnly | CommandFlags.Blocking, 0, 0, 0, FindStreamsKeys, Group, "Returns messages from multiple streams with IDs greater than the ones requested. Blocks until a message is available otherwise.", XRead, "5.0.0", "For each stream mentioned: O(N) with N being the number of elements being returned, it means that XREAD-ing with a fixed COUNT is O(1). Note that when the BLOCK option is used, XADD will pay O(M) time in order to serve the M clients blocked on the stream getting new data."),
        Define.MovableKeys("xreadgroup", -7, CommandFlags.Write | CommandFlags.Blocking, 0, 0, 0, FindStreamsKeys, Group, "Returns new or historical messages from a stream for a consumer in a group. Blocks until a message is available otherwise.", XReadGroup, "5.0.0", "For each stream mentioned: O(M) with M being the number of elements returned. If M is constant (e.g. always asking for the first 10 elements with COUNT), you can consider it O(1). On the other side when XREADGROUP blocks, XADD will pay the O(N) time in order to serve the N clients blocked on the stream getting new data."),
        Define.Keyed("xsetid", -3, WriteOom | CommandFlags.Fast, 1, 1, 1, Group, "An internal command for replicating stream values.", XSetId, "5.0.0"),
        Define.Keyed("xack", -4, WriteFast, 1, 1, 1, Group, "Returns the number of messages that were successfully acknowledged by the consumer group member of a stream.", XAck, "5.0.0", "O(1) for each message ID processed."),
        Define.Keyed("xpending", -3, CommandFlags.ReadOnly, 1, 1, 1, Group, "Returns the information and entries from a stream consumer group's pending entries list.", XPending, "5.0.0", "O(N) with N being the number of elements returned, so asking for a small fixed number of entries per call is O(1). O(M), where M is the total number of entries scanned when used with the IDLE filter. When the command returns just the summary and the list of consumers is small, it runs in O(1) time; otherwise, an additional O(N) time for iterating every consumer."),
        Define.Keyed("xclaim", -6, WriteFast, 1, 1, 1, Group, "Changes, or acquires, ownership of a message in a consumer group, as if the message was delivered a consumer group member.", XClaim, "5.0.0", "O(log N) with N being the number of messages in the PEL of the consumer group."),
        Define.Keyed("xautoclaim", -6, WriteFast, 1, 1, 1, Group, "Changes, or acquires, ownership of messages in a consumer group, as if the messages were delivered to as consumer group member.", XAutoClaim, "6.2.0", "O(1) if COUNT is small."),
        Define.Container("xinfo", Group, "A container for stream introspection commands.", "5.0.0",
            Define.Keyed("consumers", 4, CommandFlags.ReadOnly, 2, 2, 1, Group, "Returns a list of the consumers in a consumer group.", XInfoConsumers, "5.0.0"),
            Define.Keyed("groups", 3, CommandFlags.ReadOnly, 2, 2, 1, Group, "Returns a list of the consumer groups of a stream.", XInfoGroups, "5.0.0"),
            Define.Keyed("stream", -3, CommandFlags.ReadOnly, 2, 2, 1, Group, "Returns information about a stream.", XInfoStream, "5.0.0"),
            Define.Session("help", 2, HelpFlags, Group, "Returns helpful text about the different subcommands.", (s, a, r) => Help.Write(r, "XINFO", XInfoHelp), "5.0.0")),
        Define.Container("xgroup", Group, "A container for consumer groups commands.", "5.0.0",
            Define.Keyed("create", -5, WriteOom, 2, 2, 1, Group, "Creates a consumer group.", XGroupCreate, "5.0.0"),
            Define.Keyed("setid", -5, CommandFlags.Write, 2, 2, 1, Group, "Sets the last-delivered ID of a consumer group.", XGroupSetId, "5.0.0"),
            Define.Keyed("destroy", 4, CommandFlags.Write, 2, 2, 1, Group, "Destroys a consumer group.", XGroupDestroy, "5.0.0", "O(N) where N is the number of entries in the group's pending entries list (PEL)."),
            Define.Keyed("createconsumer", 5, WriteOom, 2, 2, 1, Group, "Creates a consumer in a consumer group.", XGroupCreateConsumer, "6.2.0"),
            Define.Keyed("delconsumer", 5, CommandFlags.Write, 2, 2, 1, Group, "Deletes a consumer from a consumer group.", XGroupDelConsumer, "5.0.0"),
            Define.Session("help", 2, HelpFlags, Group, "Returns helpful text about the different subcommands.", (s, a, r) => Help.Write(r, "XGROUP", XGroupHelp), "5.0.0")),
    ];

    /// <summary>
    /// The keys of XREAD/XREADGROUP: the first half of the arguments after STREAMS, found as Redis's xreadGetKeys does
    /// (skipping the options, since STREAMS may also be a group, consumer or key name). Argument i is args[offset + i];
    /// an empty range when the arguments are malformed (the handler reports why).
    /// </summary>
    internal static KeyIndexes StreamsKeys(RequestArgs args, int offset = 0)
    {
        var argc = args.Count - offset;
        var streams = -1;
        for (var i = 1; i < argc; i++)
        {
            var arg = args[offset + i];
            if (Is(arg, "BLOCK"u8) || Is(arg, "COUNT"u8)) i++;
            else if (Is(arg, "GROUP"u8)) i += 2;
            else if (Is(arg, "NOACK"u8)) continue;
            else if (Is(arg, "STREAMS"u8)) { streams = i; break; }
            else break;
        }

        var rest = argc - streams - 1;
        if (streams < 0 || rest == 0 || rest % 2 != 0) return new KeyIndexes(0, -1, 1);
        return new KeyIndexes(streams + 1, streams + rest / 2, 1);
    }

    private static void FindStreamsKeys(RequestArgs args, int offset, List<int> keyIndexes)
    {
        var keys = StreamsKeys(args, offset);
        for (var i = keys.First; i <= keys.Last; i++) keyIndexes.Add(i);
    }

    private static void XAdd(CommandContext c)
    {
        if (!TryParseAddOrTrim(c, xadd: true, out var options)) return;
        var fieldStart = options.IdIndex + 1;
        var fieldArgs = c.ArgCount - fieldStart;
        if (fieldArgs < 2 || fieldArgs % 2 == 1)
        {
            c.Error(ErrorReplies.WrongArity(c.Command.FullName));
            return;
        }

        // Refused before looking at the key, so no empty stream is left behind.
        if (options.IdGiven && options.SeqGiven && options.Id.IsZero)
        {
            c.Error(ErrorReplies.XAddIdZero);
            return;
        }

        var key = c.Arg(1);
        if (!TryLookup(c, key, write: true, out var existing)) return;
        if (existing is null && options.NoMkStream)
        {
            c.Reply.WriteNull();
            return;
        }

        var stream = existing ?? new StreamValue();
        if (stream.IsExhausted)
        {
            c.Error(ErrorReplies.StreamExhausted);
            return;
        }

        var fieldsAndValues = new ReadOnlyMemory<byte>[fieldArgs];
        for (var i = 0; i < fieldArgs; i++) fieldsAndValues[i] = c.Args.Memory(fieldStart + i);
        var status = options.IdGiven
            ? stream.Add(options.Id, options.SeqGiven, fieldsAndValues, c.Limits, out var id)
            : stream.Add(fieldsAndValues, c.Limits, c.NowMs, out id);
        if (status != StreamAddStatus.Ok)
        {
            c.Error(status == StreamAddStatus.IdTooSmall ? ErrorReplies.XAddIdTooSmall : ErrorReplies.StreamElementsTooLarge);
            return;
        }

        if (existing is null)
        {
            c.Db(key).Set(key, stream, nowMs: c.NowMs);
            c.NotifyNew(key);
        }
        WriteId(c.Reply, id);
        c.Notify(NotifyClass.Stream, "xadd"u8, key);
        if (stream.Trim(options.Trim) > 0) c.Notify(NotifyClass.Stream, "xtrim"u8, key);

        // The journal gets the ID chosen here and, for "~", the exact outcome of the trim.
        var effect = CopyArgs(c);
        if (!options.IdGiven || !options.SeqGiven) effect[options.IdIndex] = id.ToBytes();
        c.Propagate(RewriteApproximateTrim(effect, options, stream));
        c.SignalKeyReady(key);
    }

    /// <summary>The stream at <paramref name="key"/>, null when missing; false after a WRONGTYPE reply.</summary>
    private static bool TryLookup(CommandContext c, ReadOnlySpan<byte> key, bool write, out StreamValue? stream) =>
        write ? c.TryWrite(key, out _, out stream) : c.TryRead(key, out stream);

    private static void XTrim(CommandContext c)
    {
        if (!TryParseAddOrTrim(c, xadd: false, out var options)) return;
        if (!TryLookup(c, c.Arg(1), write: true, out var stream)) return;
        if (stream is null)
        {
            c.Reply.WriteInteger(0);
            return;
        }

        var deleted = stream.Trim(options.Trim);
        c.Reply.WriteInteger(deleted);
        if (deleted == 0) return;
        c.Propagate(RewriteApproximateTrim(CopyArgs(c), options, stream));
        c.Notify(NotifyClass.Stream, "xtrim"u8, c.Arg(1));
    }

    private static void XDel(CommandContext c)
    {
        if (!TryLookup(c, c.Arg(1), write: true, out var stream)) return;
        if (stream is null)
        {
            c.Reply.WriteInteger(0);
            return;
        }

        // All IDs are checked first so that the command runs whole or not at all.
        var ids = new StreamId[c.ArgCount - 2];
        for (var i = 0; i < ids.Length; i++)
        {
            if (!TryParseStrictId(c, c.Arg(i + 2), out ids[i])) return;
        }

        var deleted = 0;
        foreach (var id in ids)
        {
            if (stream.Delete(id)) deleted++;
        }

        c.Reply.WriteInteger(deleted);
        if (deleted == 0) return;
        c.Propagate();
        c.Notify(NotifyClass.Stream, "xdel"u8, c.Arg(1));
    }

    private static void XLen(CommandContext c)
    {
        var entry = c.LookupRead(c.Arg(1));
        if (entry is null) c.Reply.WriteInteger(0);
        else if (entry.Value is StreamValue stream) c.Reply.WriteInteger(stream.Length);
        else c.WrongType();
    }

    private static void XRange(CommandContext c) => RangeGeneric(c, reverse: false);

    private static void XRevRange(CommandContext c) => RangeGeneric(c, reverse: true);

    private static void RangeGeneric(CommandContext c, bool reverse)
    {
        if (!TryParseIntervalStart(c, c.Arg(reverse ? 3 : 2), out var start)) return;
        if (!TryParseIntervalEnd(c, c.Arg(reverse ? 2 : 3), out var end)) return;
        long count = -1;
        for (var i = 4; i < c.ArgCount; i++)
        {
            if (Is(c.Arg(i), "COUNT"u8) && i + 1 < c.ArgCount)
            {
                if (!TryInteger(c.Arg(++i), out count))
                {
                    c.NotInteger();
                    return;
                }

                if (count < 0) count = 0;
            }
            else
            {
                c.SyntaxError();
                return;
            }
        }

        if (!TryLookup(c, c.Arg(1), write: false, out var stream)) return;
        if (stream is null)
        {
            c.Reply.WriteArrayHeader(0);
            return;
        }

        if (count == 0)
        {
            c.Reply.WriteNullArray();
            return;
        }

        var mark = c.Reply.Length;
        var written = 0;
        foreach (var item in stream.Range(start, end, reverse))
        {
            WriteEntry(c.Reply, item);
            if (++written == count) break;
        }

        InsertHeader(c.Reply, mark, written, map: false);
    }

    private static void XSetId(CommandContext c)
    {
        if (!TryParseStrictId(c, c.Arg(2), out var id)) return;
        long entriesAdded = -1;
        var maxDeleted = StreamId.Min;
        for (var i = 3; i < c.ArgCount; i++)
        {
            var more = c.ArgCount - 1 - i;
            if (Is(c.Arg(i), "ENTRIESADDED"u8) && more > 0)
            {
                if (!TryInteger(c.Arg(++i), out entriesAdded))
                {
                    c.NotInteger();
                    return;
                }

                if (entriesAdded < 0)
                {
                    c.Error(ErrorReplies.EntriesAddedNegative);
                    return;
                }
            }
            else if (Is(c.Arg(i), "MAXDELETEDID"u8) && more > 0)
            {
                if (!TryParseStrictId(c, c.Arg(++i), out maxDeleted)) return;
                if (id < maxDeleted)
                {
                    c.Error(ErrorReplies.XSetIdBelowGivenMaxDeleted);
                    return;
                }
            }
            else
            {
                c.SyntaxError();
                return;
            }
        }

        if (!TryLookup(c, c.Arg(1), write: true, out var stream)) return;
        if (stream is null)
        {
            c.Error(ErrorReplies.NoSuchKey);
            return;
        }

        if (id < stream.MaxDeletedId)
        {
            c.Error(ErrorReplies.XSetIdBelowMaxDeleted);
            return;
        }

        if (stream.TryGetLastLiveId(out var top))
        {
            if (id < top)
            {
                c.Error(ErrorReplies.XSetIdBelowTop);
                return;
            }

            if (entriesAdded != -1 && stream.Length > entriesAdded)
            {
                c.Error(ErrorReplies.XSetIdEntriesAddedBelowLength);
                return;
            }
        }

        stream.SetLastId(id, entriesAdded, maxDeleted);
        c.Reply.WriteOk();
        c.Propagate();
        c.Notify(NotifyClass.Stream, "xsetid"u8, c.Arg(1));
    }
}
