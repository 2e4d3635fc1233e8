using AkkaKv.Server.PubSub;
using AkkaKv.Storage;
using static AkkaKv.Server.Commands.ArgParsing;

namespace AkkaKv.Server.Commands;

/// <summary>ZRANGE and its older forms, ZRANGESTORE, ZCOUNT, ZLEXCOUNT and ZREMRANGEBY*.</summary>
public static partial class SortedSetCommands
{
    private enum RangeKind
    {
        Auto,
        Rank,
        Score,
        Lex,
    }

    private static void ZRange(CommandContext c) => RangeGeneric(c, 1, store: false, RangeKind.Auto, reverse: null);

    private static void ZRangeStore(CommandContext c) => RangeGeneric(c, 2, store: true, RangeKind.Auto, reverse: null);

    private static void ZRevRange(CommandContext c) => RangeGeneric(c, 1, store: false, RangeKind.Rank, reverse: true);

    private static void ZRangeByScore(CommandContext c) => RangeGeneric(c, 1, store: false, RangeKind.Score, reverse: false);

    private static void ZRevRangeByScore(CommandContext c) => RangeGeneric(c, 1, store: false, RangeKind.Score, reverse: true);

    private static void ZRangeByLex(CommandContext c) => RangeGeneric(c, 1, store: false, RangeKind.Lex, reverse: false);

    private static void ZRevRangeByLex(CommandContext c) => RangeGeneric(c, 1, store: false, RangeKind.Lex, reverse: true);

    /// <summary>
    /// Redis's zrangeGenericCommand: <c>src min max [BYSCORE|BYLEX] [REV] [WITHSCORES] [LIMIT offset count]</c> from
    /// <paramref name="keyIndex"/>; the older commands fix the kind and direction, so those keywords are errors there.
    /// </summary>
    private static void RangeGeneric(CommandContext c, int keyIndex, bool store, RangeKind kind, bool? reverse)
    {
        var withScores = false;
        long offset = 0, limit = -1;
        for (var i = keyIndex + 3; i < c.ArgCount; i++)
        {
            var arg = c.Arg(i);
            if (!store && Is(arg, "WITHSCORES"u8))
            {
                withScores = true;
            }
            else if (Is(arg, "LIMIT"u8) && c.ArgCount - i - 1 >= 2)
            {
                if (!TryInteger(c.Arg(i + 1), out offset) || !TryInteger(c.Arg(i + 2), out limit))
                {
                    c.NotInteger();
                    return;
                }
                i += 2;
            }
            else if (reverse is null && Is(arg, "REV"u8)) reverse = true;
            else if (kind == RangeKind.Auto && Is(arg, "BYLEX"u8)) kind = RangeKind.Lex;
            else if (kind == RangeKind.Auto && Is(arg, "BYSCORE"u8)) kind = RangeKind.Score;
            else
            {
                c.SyntaxError();
                return;
            }
        }

        var backwards = reverse ?? false;
        if (kind == RangeKind.Auto) kind = RangeKind.Rank;
        // Redis tests the value, so an explicit LIMIT 0 -1 passes with a rank range.
        if (limit != -1 && kind == RangeKind.Rank)
        {
            c.Error(ErrorReplies.ZRangeLimitNeedsByScoreOrLex);
            return;
        }
        if (withScores && kind == RangeKind.Lex)
        {
            c.Error(ErrorReplies.ZRangeWithScoresByLex);
            return;
        }

        // Reversed score and lex ranges are written max first.
        var minArg = c.Arg(backwards && kind != RangeKind.Rank ? keyIndex + 2 : keyIndex + 1);
        var maxArg = c.Arg(backwards && kind != RangeKind.Rank ? keyIndex + 1 : keyIndex + 2);
        long start = 0, end = 0;
        var scoreRange = default(ZScoreRange);
        ZLexRange? lexRange = null;
        switch (kind)
        {
            case RangeKind.Rank when !TryInteger(minArg, out start) || !TryInteger(maxArg, out end):
                c.NotInteger();
                return;
            case RangeKind.Score when !ZScoreRange.TryParse(minArg, maxArg, out scoreRange):
                c.Error(ErrorReplies.ZSetMinMaxNotFloat);
                return;
            case RangeKind.Lex when !ZLexRange.TryParse(minArg, maxArg, out lexRange):
                c.Error(ErrorReplies.ZSetMinMaxNotString);
                return;
        }

        if (!TryRead(c, c.Arg(keyIndex), out var set)) return;
        var (first, count) = set is null ? (0, 0) : kind switch
        {
            RangeKind.Rank => RankWindow(set, start, end, backwards),
            RangeKind.Score => LimitWindow(set.RankSpan(scoreRange), offset, limit, backwards),
            _ => LimitWindow(set.RankSpan(lexRange!), offset, limit, backwards),
        };

        if (store)
        {
            var members = new List<ZSetMember>(count);
            foreach (var element in set is null ? default : set.Range(first, count, backwards))
            {
                members.Add(new ZSetMember(element.Member.ToArray(), element.Score));
            }
            Store(c, c.Arg(1), members, "zrangestore"u8);
            return;
        }

        WriteElementsHeader(c, count, withScores);
        if (set is null) return;
        foreach (var element in set.Range(first, count, backwards)) WriteElement(c, element.Member.Span, element.Score, withScores);
    }

    /// <summary>The first rank read and how many, for a rank range (negative indexes count from the end).</summary>
    private static (int First, int Count) RankWindow(SortedSetValue set, long start, long end, bool reverse)
    {
        var length = set.Count;
        if (start < 0) start += length;
        if (end < 0) end += length;
        if (start < 0) start = 0;
        if (start > end || start >= length) return (0, 0);
        if (end >= length) end = length - 1;
        var count = (int)(end - start + 1);
        return (reverse ? (int)(length - 1 - start) : (int)start, count);
    }

    /// <summary>
    /// The first rank read and how many, for the ranks [Start, End) of a score or lex range with LIMIT applied: a
    /// negative offset reads nothing and a negative count reads to the end, as Redis's loops do.
    /// </summary>
    private static (int First, int Count) LimitWindow((int Start, int End) span, long offset, long limit, bool reverse)
    {
        var available = span.End - span.Start - offset;
        if (offset < 0 || available <= 0 || limit == 0) return (0, 0);
        var count = (int)(limit < 0 ? available : Math.Min(limit, available));
        return (reverse ? (int)(span.End - 1 - offset) : (int)(span.Start + offset), count);
    }

    /// <summary>
    /// Stores a computed result at the destination, replacing whatever is there (ZRANGESTORE, ZUNIONSTORE...); an
    /// empty result deletes the destination instead ("del"). Replies the result's size; a stored result publishes
    /// <paramref name="eventName"/>, the storing command's name.
    /// </summary>
    internal static void Store(CommandContext c, ReadOnlySpan<byte> destination, List<ZSetMember> members, ReadOnlySpan<byte> eventName)
    {
        c.Reply.WriteInteger(members.Count);
        if (members.Count == 0)
        {
            var existing = c.LookupWrite(destination);
            if (existing is null) return;
            c.Db(destination).Delete(existing);
            c.Propagate();
            c.NotifyDel(destination);
            return;
        }

        var created = c.WillCreate(destination);
        c.Db(destination).Set(destination, SortedSetValue.FromMembers(members, c.Limits), nowMs: c.NowMs);
        c.Propagate();
        c.SignalKeyReady(destination);
        if (created) c.NotifyNew(destination);
        c.Notify(NotifyClass.SortedSet, eventName, destination);
    }

    private static void ZCount(CommandContext c)
    {
        if (!ZScoreRange.TryParse(c.Arg(2), c.Arg(3), out var range))
        {
            c.Error(ErrorReplies.ZSetMinMaxNotFloat);
            return;
        }
        if (!TryRead(c, c.Arg(1), out var set)) return;
        var (start, end) = set?.RankSpan(range) ?? (0, 0);
        c.Reply.WriteInteger(end - start);
    }

    private static void ZLexCount(CommandContext c)
    {
        if (!ZLexRange.TryParse(c.Arg(2), c.Arg(3), out var range))
        {
            c.Error(ErrorReplies.ZSetMinMaxNotString);
            return;
        }
        if (!TryRead(c, c.Arg(1), out var set)) return;
        var (start, end) = set?.RankSpan(range!) ?? (0, 0);
        c.Reply.WriteInteger(end - start);
    }

    private static void ZRemRangeByRank(CommandContext c)
    {
        if (!TryInteger(c.Arg(2), out var start) || !TryInteger(c.Arg(3), out var end))
        {
            c.NotInteger();
            return;
        }
        RemoveRangeGeneric(c, set =>
        {
            var (first, count) = RankWindow(set, start, end, reverse: false);
            return (first, first + count);
        }, "zremrangebyrank"u8);
    }

    private static void ZRemRangeByScore(CommandContext c)
    {
        if (!ZScoreRange.TryParse(c.Arg(2), c.Arg(3), out var range))
        {
            c.Error(ErrorReplies.ZSetMinMaxNotFloat);
            return;
        }
        RemoveRangeGeneric(c, set => set.RankSpan(range), "zremrangebyscore"u8);
    }

    private static void ZRemRangeByLex(CommandContext c)
    {
        if (!ZLexRange.TryParse(c.Arg(2), c.Arg(3), out var range))
        {
            c.Error(ErrorReplies.ZSetMinMaxNotString);
            return;
        }
        RemoveRangeGeneric(c, set => set.RankSpan(range!), "zremrangebylex"u8);
    }

    /// <summary>
    /// Removes the ranks [Start, End) that <paramref name="span"/> picks, deleting the key once empty; publishes
    /// <paramref name="eventName"/> (then "del") when anything went.
    /// </summary>
    private static void RemoveRangeGeneric(CommandContext c, Func<SortedSetValue, (int Start, int End)> span, ReadOnlySpan<byte> eventName)
    {
        var key = c.Arg(1);
        if (!TryWrite(c, key, out var entry, out var set)) return;
        var removed = 0;
        if (set is not null)
        {
            var (start, end) = span(set);
            removed = set.RemoveRange(start, end);
            if (set.Count == 0) c.Db(key).Delete(entry!);
        }

        c.Reply.WriteInteger(removed);
        if (removed == 0) return;
        c.Propagate();
        c.Notify(NotifyClass.SortedSet, eventName, key);
        if (set!.Count == 0) c.NotifyDel(key);
    }
}
