using AkkaKv.Storage;
using static AkkaKv.Server.Commands.ArgParsing;

namespace AkkaKv.Server.Commands;

/// <summary>Parsing shared by the stream commands: IDs, intervals and the XADD/XTRIM trimming options.</summary>
public static partial class StreamCommands
{
    // Redis caps the default LIMIT of an approximate trim to 100 nodes' worth of entries, within these bounds.
    private const long DefaultTrimLimitWhenNodesUnbounded = 10_000;
    private const long MaxDefaultTrimLimit = 1_000_000;

    private static readonly byte[] ExactTrim = "="u8.ToArray();

    /// <summary>
    /// XADD/XTRIM options (streamParseAddOrTrimArgsOrReply). For XADD, IdIndex is the position of the ID argument;
    /// ThresholdIndex is where MAXLEN/MINID's threshold is and LimitIndex where LIMIT is (-1: absent).
    /// </summary>
    private readonly record struct AddTrimOptions(
        StreamTrim Trim, int ThresholdIndex, int LimitIndex, bool NoMkStream, bool IdGiven, bool SeqGiven, StreamId Id, int IdIndex);

    private static bool TryParseAddOrTrim(CommandContext c, bool xadd, out AddTrimOptions options)
    {
        options = default;
        var strategy = StreamTrimStrategy.None;
        bool approximate = false, limitGiven = false, noMkStream = false, idGiven = false, seqGiven = true;
        long maxLength = 0, limit = 0;
        StreamId minId = default, id = default;
        int thresholdIndex = -1, limitIndex = -1;
        var i = 2;
        for (; i < c.ArgCount; i++)
        {
            var more = c.ArgCount - 1 - i;
            var arg = c.Arg(i);
            if (xadd && arg.SequenceEqual("*"u8)) break;

            var byLength = Is(arg, "MAXLEN"u8);
            if ((byLength || Is(arg, "MINID"u8)) && more > 0)
            {
                if (strategy != StreamTrimStrategy.None)
                {
                    c.Error(ErrorReplies.MaxLenAndMinId);
                    return false;
                }

                approximate = false;
                var next = c.Arg(i + 1);
                if (more >= 2 && next.SequenceEqual("~"u8))
                {
                    approximate = true;
                    i++;
                }
                else if (more >= 2 && next.SequenceEqual("="u8))
                {
                    i++;
                }

                if (byLength)
                {
                    if (!TryInteger(c.Arg(i + 1), out maxLength))
                    {
                        c.NotInteger();
                        return false;
                    }

                    if (maxLength < 0)
                    {
                        c.Error(ErrorReplies.MaxLenNegative);
                        return false;
                    }
                }
                else if (!TryParseStrictId(c, c.Arg(i + 1), out minId))
                {
                    return false;
                }

                thresholdIndex = ++i;
                strategy = byLength ? StreamTrimStrategy.MaxLength : StreamTrimStrategy.MinId;
            }
            else if (Is(arg, "LIMIT"u8) && more > 0)
            {
                if (!TryInteger(c.Arg(i + 1), out limit))
                {
                    c.NotInteger();
                    return false;
                }

                if (limit < 0)
                {
                    c.Error(ErrorReplies.TrimLimitNegative);
                    return false;
                }

                limitGiven = true;
                limitIndex = i++;
            }
            else if (xadd && Is(arg, "NOMKSTREAM"u8))
            {
                noMkStream = true;
            }
            else if (xadd)
            {
                if (!StreamId.TryParseForAdd(arg, out id, out seqGiven))
                {
                    c.Error(ErrorReplies.InvalidStreamId);
                    return false;
                }

                idGiven = true;
                break;
            }
            else
            {
                c.SyntaxError();
                return false;
            }
        }

        if (limit != 0 && strategy == StreamTrimStrategy.None)
        {
            c.Error(ErrorReplies.LimitWithoutStrategy);
            return false;
        }

        if (!xadd && strategy == StreamTrimStrategy.None)
        {
            c.Error(ErrorReplies.XTrimWithoutStrategy);
            return false;
        }

        if (limitGiven)
        {
            if (!approximate)
            {
                c.Error(ErrorReplies.LimitWithoutApproximation);
                return false;
            }
        }
        else if (approximate)
        {
            // Without LIMIT, "~" removes at most about 100 nodes, so one trim never takes long.
            limit = 100L * c.Limits.StreamNodeMaxEntries;
            if (limit <= 0) limit = DefaultTrimLimitWhenNodesUnbounded;
            if (limit > MaxDefaultTrimLimit) limit = MaxDefaultTrimLimit;
        }
        else
        {
            limit = 0;
        }

        options = new AddTrimOptions(new StreamTrim(strategy, maxLength, minId, approximate, limit),
            thresholdIndex, limitIndex, noMkStream, idGiven, seqGiven, id, i);
        return true;
    }

    /// <summary>
    /// An approximate or limited trim depends on the node layout, so the journal gets an exact one that leaves the
    /// same entries: "=" and the resulting length (MAXLEN) or first ID (MINID), as Redis propagates it, and no LIMIT
    /// (which an exact trim refuses).
    /// </summary>
    private static byte[][] RewriteApproximateTrim(byte[][] args, in AddTrimOptions options, StreamValue stream)
    {
        if (!options.Trim.Approximate) return args;
        args[options.ThresholdIndex - 1] = ExactTrim;
        args[options.ThresholdIndex] = options.Trim.Strategy == StreamTrimStrategy.MaxLength
            ? Bytes(stream.Length)
            : stream.FirstIdIncludingDeleted().ToBytes();
        if (options.LimitIndex < 0) return args;
        var withoutLimit = new byte[args.Length - 2][];
        Array.Copy(args, withoutLimit, options.LimitIndex);
        Array.Copy(args, options.LimitIndex + 2, withoutLimit, options.LimitIndex, args.Length - options.LimitIndex - 2);
        return withoutLimit;
    }

    private static byte[][] CopyArgs(CommandContext c)
    {
        var copy = new byte[c.ArgCount][];
        for (var i = 0; i < copy.Length; i++) copy[i] = c.Args.ToArray(i);
        return copy;
    }

    /// <summary>An ID where "-" and "+" are not allowed; replies Redis's error when invalid.</summary>
    private static bool TryParseStrictId(CommandContext c, ReadOnlySpan<byte> text, out StreamId id)
    {
        if (StreamId.TryParse(text, 0, strict: true, out id)) return true;
        c.Error(ErrorReplies.InvalidStreamId);
        return false;
    }

    /// <summary>An ID that may be "-" or "+"; an incomplete one gets <paramref name="missingSeq"/>.</summary>
    private static bool TryParseId(CommandContext c, ReadOnlySpan<byte> text, ulong missingSeq, out StreamId id)
    {
        if (StreamId.TryParse(text, missingSeq, strict: false, out id)) return true;
        c.Error(ErrorReplies.InvalidStreamId);
        return false;
    }

    /// <summary>The start of a range: "(" makes it exclusive (streamParseIntervalIDOrReply, then streamIncrID).</summary>
    private static bool TryParseIntervalStart(CommandContext c, ReadOnlySpan<byte> text, out StreamId start)
    {
        if (!TryParseInterval(c, text, 0, out start, out var exclusive)) return false;
        if (!exclusive || start.TryIncrement(out start)) return true;
        c.Error(ErrorReplies.InvalidStartInterval);
        return false;
    }

    /// <summary>The end of a range: an incomplete ID covers every sequence of its ms; "(" makes it exclusive.</summary>
    private static bool TryParseIntervalEnd(CommandContext c, ReadOnlySpan<byte> text, out StreamId end)
    {
        if (!TryParseInterval(c, text, ulong.MaxValue, out end, out var exclusive)) return false;
        if (!exclusive || end.TryDecrement(out end)) return true;
        c.Error(ErrorReplies.InvalidEndInterval);
        return false;
    }

    private static bool TryParseInterval(CommandContext c, ReadOnlySpan<byte> text, ulong missingSeq, out StreamId id, out bool exclusive)
    {
        exclusive = text.Length > 1 && text[0] == '(';
        if (!exclusive) return TryParseId(c, text, missingSeq, out id);
        if (StreamId.TryParse(text[1..], missingSeq, strict: true, out id)) return true;
        c.Error(ErrorReplies.InvalidStreamId);
        return false;
    }
}
