using AkkaKv.Protocol;
using AkkaKv.Server.PubSub;
using AkkaKv.Storage;
using static AkkaKv.Server.Commands.ArgParsing;

namespace AkkaKv.Server.Commands;

/// <summary>Redis's t_zset.c commands: the table entries first, then the handlers.</summary>
public static partial class SortedSetCommands
{
    private const string Group = "sorted-set";
    private const CommandFlags ReadFast = CommandFlags.ReadOnly | CommandFlags.Fast;
    private const CommandFlags WriteFast = CommandFlags.Write | CommandFlags.Fast;
    private const CommandFlags WriteOom = CommandFlags.Write | CommandFlags.DenyOom;
    private const CommandFlags WriteOomFast = CommandFlags.Write | CommandFlags.DenyOom | CommandFlags.Fast;
    private const CommandFlags BlockingPop = CommandFlags.Write | CommandFlags.NoScript | CommandFlags.Blocking | CommandFlags.Fast;
    private const string LogN = "O(log(N)) with N being the number of elements in the sorted set.";
    private const string RangeReturned = "O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements returned.";
    private const string RangeWithLimit = "O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements being returned. If M is constant (e.g. always asking for the first 10 elements with LIMIT), you can consider it O(log(N)).";
    private const string RangeRemoved = "O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements removed by the operation.";
    private const string Popped = "O(log(N)*M) with N being the number of elements in the sorted set, and M being the number of elements popped.";
    private const string MultiPopped = "O(K) + O(M*log(N)) where K is the number of provided keys, N being the number of elements in the sorted set, and M being the number of elements popped.";
    private const string UnionCost = "O(N)+O(M*log(M)) with N being the sum of the sizes of the input sorted sets, and M being the number of elements in the resulting sorted set.";
    private const string UnionStoreCost = "O(N)+O(M log(M)) with N being the sum of the sizes of the input sorted sets, and M being the number of elements in the resulting sorted set.";
    private const string InterCost = "O(N*K)+O(M*log(M)) worst case with N being the smallest input sorted set, K being the number of input sorted sets and M being the number of elements in the resulting sorted set.";
    private const string DiffCost = "O(L + (N-K)log(N)) worst case where L is the total number of elements in all the sets, N is the size of the first set, and K is the size of the result set.";

    internal static IEnumerable<CommandDefinition> Definitions =>
    [
        Define.Keyed("zadd", -4, WriteOomFast, 1, 1, 1, Group, "Adds one or more members to a sorted set, or updates their scores. Creates the key if it doesn't exist.", ZAdd, "1.2.0", "O(log(N)) for each item added, where N is the number of elements in the sorted set."),
        Define.Keyed("zcard", 2, ReadFast, 1, 1, 1, Group, "Returns the number of members in a sorted set.", ZCard, "1.2.0"),
        Define.Keyed("zcount", 4, ReadFast, 1, 1, 1, Group, "Returns the count of members in a sorted set that have scores within a range.", ZCount, "2.0.0", LogN),
        Define.Keyed("zincrby", 4, WriteOomFast, 1, 1, 1, Group, "Increments the score of a member in a sorted set.", ZIncrBy, "1.2.0", "O(log(N)) where N is the number of elements in the sorted set."),
        Define.Keyed("zlexcount", 4, ReadFast, 1, 1, 1, Group, "Returns the number of members in a sorted set within a lexicographical range.", ZLexCount, "2.8.9", LogN),
        Define.Keyed("zmscore", -3, ReadFast, 1, 1, 1, Group, "Returns the score of one or more members in a sorted set.", ZMScore, "6.2.0", "O(N) where N is the number of members being requested."),
        Define.Keyed("zscore", 3, ReadFast, 1, 1, 1, Group, "Returns the score of a member in a sorted set.", ZScore, "1.2.0"),
        Define.Keyed("zrank", -3, ReadFast, 1, 1, 1, Group, "Returns the index of a member in a sorted set ordered by ascending scores.", ZRank, "2.0.0", "O(log(N))"),
        Define.Keyed("zrevrank", -3, ReadFast, 1, 1, 1, Group, "Returns the index of a member in a sorted set ordered by descending scores.", ZRevRank, "2.0.0", "O(log(N))"),
        Define.Keyed("zrange", -4, CommandFlags.ReadOnly, 1, 1, 1, Group, "Returns members in a sorted set within a range of indexes.", ZRange, "1.2.0", RangeReturned),
        Define.Keyed("zrangestore", -5, WriteOom, 1, 2, 1, Group, "Stores a range of members from sorted set in a key.", ZRangeStore, "6.2.0", "O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements stored into the destination key.").Changing(ChangedKeys.FirstOnly),
        Define.Keyed("zrangebyscore", -4, CommandFlags.ReadOnly, 1, 1, 1, Group, "Returns members in a sorted set within a range of scores.", ZRangeByScore, "1.0.5", RangeWithLimit),
        Define.Keyed("zrevrangebyscore", -4, CommandFlags.ReadOnly, 1, 1, 1, Group, "Returns members in a sorted set within a range of scores in reverse order.", ZRevRangeByScore, "2.2.0", RangeWithLimit),
        Define.Keyed("zrangebylex", -4, CommandFlags.ReadOnly, 1, 1, 1, Group, "Returns members in a sorted set within a lexicographical range.", ZRangeByLex, "2.8.9", RangeWithLimit),
        Define.Keyed("zrevrangebylex", -4, CommandFlags.ReadOnly, 1, 1, 1, Group, "Returns members in a sorted set within a lexicographical range in reverse order.", ZRevRangeByLex, "2.8.9", RangeWithLimit),
        Define.Keyed("zrevrange", -4, CommandFlags.ReadOnly, 1, 1, 1, Group, "Returns members in a sorted set within a range of indexes in reverse order.", ZRevRange, "1.2.0", RangeReturned),
        Define.Keyed("zrem", -3, WriteFast, 1, 1, 1, Group, "Removes one or more members from a sorted set. Deletes the sorted set if all members were removed.", ZRem, "1.2.0", "O(M*log(N)) with N being the number of elements in the sorted set and M the number of elements to be removed."),
        Define.Keyed("zremrangebyrank", 4, CommandFlags.Write, 1, 1, 1, Group, "Removes members in a sorted set within a range of indexes. Deletes the sorted set if all members were removed.", ZRemRangeByRank, "2.0.0", RangeRemoved),
        Define.Keyed("zremrangebyscore", 4, CommandFlags.Write, 1, 1, 1, Group, "Removes members in a sorted set within a range of scores. Deletes the sorted set if all members were removed.", ZRemRangeByScore, "1.2.0", RangeRemoved),
        Define.Keyed("zremrangebylex", 4, CommandFlags.Write, 1, 1, 1, Group, "Removes members in a sorted set within a lexicographical range. Deletes the sorted set if all members were removed.", ZRemRangeByLex, "2.8.9", RangeRemoved),
        Define.Keyed("zpopmin", -2, WriteFast, 1, 1, 1, Group, "Returns the lowest-scoring members from a sorted set after removing them. Deletes the sorted set if the last member was popped.", ZPopMin, "5.0.0", Popped),
        Define.Keyed("zpopmax", -2, WriteFast, 1, 1, 1, Group, "Returns the highest-scoring members from a sorted set after removing them. Deletes the sorted set if the last member was popped.", ZPopMax, "5.0.0", Popped),
        Define.MovableKeys("zmpop", -4, CommandFlags.Write, 0, 0, 0, KeyFinders.NumKeysAt(1), Group, "Returns the highest- or lowest-scoring members from one or more sorted sets after removing them. Deletes the sorted set if the last member was popped.", ZMPop, "7.0.0", MultiPopped),
        Define.Keyed("zrandmember", -2, CommandFlags.ReadOnly, 1, 1, 1, Group, "Returns one or more random members from a sorted set.", ZRandMember, "6.2.0", "O(N) where N is the number of members returned"),
        Define.MovableKeys("zunion", -3, CommandFlags.ReadOnly, 0, 0, 0, KeyFinders.NumKeysAt(1), Group, "Returns the union of multiple sorted sets.", ZUnion, "6.2.0", UnionCost),
        Define.MovableKeys("zinter", -3, CommandFlags.ReadOnly, 0, 0, 0, KeyFinders.NumKeysAt(1), Group, "Returns the intersect of multiple sorted sets.", ZInter, "6.2.0", InterCost),
        Define.MovableKeys("zdiff", -3, CommandFlags.ReadOnly, 0, 0, 0, KeyFinders.NumKeysAt(1), Group, "Returns the difference between multiple sorted sets.", ZDiff, "6.2.0", DiffCost),
        Define.MovableKeys("zunionstore", -4, WriteOom, 1, 1, 1, KeyFinders.DestinationAndNumKeysAt(2), Group, "Stores the union of multiple sorted sets in a key.", ZUnionStore, "2.0.0", UnionStoreCost).Changing(ChangedKeys.FirstOnly),
        Define.MovableKeys("zinterstore", -4, WriteOom, 1, 1, 1, KeyFinders.DestinationAndNumKeysAt(2), Group, "Stores the intersect of multiple sorted sets in a key.", ZInterStore, "2.0.0", InterCost).Changing(ChangedKeys.FirstOnly),
        Define.MovableKeys("zdiffstore", -4, WriteOom, 1, 1, 1, KeyFinders.DestinationAndNumKeysAt(2), Group, "Stores the difference of multiple sorted sets in a key.", ZDiffStore, "6.2.0", DiffCost).Changing(ChangedKeys.FirstOnly),
        Define.MovableKeys("zintercard", -3, CommandFlags.ReadOnly, 0, 0, 0, KeyFinders.NumKeysAt(1), Group, "Returns the number of members of the intersect of multiple sorted sets.", ZInterCard, "7.0.0", "O(N*K) worst case with N being the smallest input sorted set, K being the number of input sorted sets."),
        Define.Keyed("zscan", -3, CommandFlags.ReadOnly, 1, 1, 1, Group, "Iterates over members and scores of a sorted set.", ZScan, "2.8.0", "O(1) for every call. O(N) for a complete iteration, including enough command calls for the cursor to return back to 0. N is the number of elements inside the collection."),
        Define.Keyed("bzpopmin", -3, BlockingPop, 1, -2, 1, Group, "Removes and returns the member with the lowest score from one or more sorted sets. Blocks until a member is available otherwise. Deletes the sorted set if the last element was popped.", BZPopMin, "5.0.0", LogN),
        Define.Keyed("bzpopmax", -3, BlockingPop, 1, -2, 1, Group, "Removes and returns the member with the highest score from one or more sorted sets. Blocks until a member available otherwise. Deletes the sorted set if the last element was popped.", BZPopMax, "5.0.0", LogN),
        Define.MovableKeys("bzmpop", -5, CommandFlags.Write | CommandFlags.Blocking, 0, 0, 0, KeyFinders.NumKeysAt(2), Group, "Removes and returns a member by score from one or more sorted sets. Blocks until a member is available otherwise. Deletes the sorted set if the last element was popped.", BZMPop, "7.0.0", MultiPopped),
    ];

    private static void ZAdd(CommandContext c) => AddGeneric(c, ZAddFlags.None);

    private static void ZIncrBy(CommandContext c) => AddGeneric(c, ZAddFlags.Incr);

    /// <summary>ZADD and ZINCRBY (Redis's zaddGenericCommand): options, then score-member pairs.</summary>
    private static void AddGeneric(CommandContext c, ZAddFlags flags)
    {
        var changed = false;
        var scoreIndex = 2;
        for (; scoreIndex < c.ArgCount; scoreIndex++)
        {
            var option = c.Arg(scoreIndex);
            if (Is(option, "NX"u8)) flags |= ZAddFlags.Nx;
            else if (Is(option, "XX"u8)) flags |= ZAddFlags.Xx;
            else if (Is(option, "CH"u8)) changed = true;
            else if (Is(option, "INCR"u8)) flags |= ZAddFlags.Incr;
            else if (Is(option, "GT"u8)) flags |= ZAddFlags.Gt;
            else if (Is(option, "LT"u8)) flags |= ZAddFlags.Lt;
            else break;
        }

        var pairs = c.ArgCount - scoreIndex;
        if (pairs == 0 || pairs % 2 != 0)
        {
            c.SyntaxError();
            return;
        }
        pairs /= 2;
        bool nx = (flags & ZAddFlags.Nx) != 0, xx = (flags & ZAddFlags.Xx) != 0;
        bool gt = (flags & ZAddFlags.Gt) != 0, lt = (flags & ZAddFlags.Lt) != 0, incr = (flags & ZAddFlags.Incr) != 0;
        if (nx && xx)
        {
            c.Error(ErrorReplies.ZAddXxAndNx);
            return;
        }
        if ((gt && nx) || (lt && nx) || (gt && lt))
        {
            c.Error(ErrorReplies.ZAddGtLtNx);
            return;
        }
        if (incr && pairs > 1)
        {
            c.Error(ErrorReplies.ZAddIncrSinglePair);
            return;
        }

        // Every score is checked before anything changes: the command applies whole or not at all.
        var scores = pairs <= 16 ? stackalloc double[16] : new double[pairs];
        for (var i = 0; i < pairs; i++)
        {
            if (!TryDouble(c.Arg(scoreIndex + 2 * i), out scores[i]))
            {
                c.Error(ErrorReplies.NotFloat);
                return;
            }
        }

        var key = c.Arg(1);
        if (!TryWrite(c, key, out var entry, out var set)) return;
        int added = 0, updated = 0, processed = 0;
        var score = 0.0;
        if (set is null && !xx)
        {
            set = SortedSetValue.Create(pairs, c.Arg(scoreIndex + 1).Length, c.Limits);
        }
        else
        {
            set?.PrepareForAdding(pairs, c.Limits);
        }

        for (var i = 0; set is not null && i < pairs; i++)
        {
            var result = set.Add(c.Arg(scoreIndex + 2 * i + 1), scores[i], flags, c.Limits, out score);
            if (result == ZAddResult.NotANumber)
            {
                c.Error(ErrorReplies.ZSetScoreNaN);
                return;
            }
            if (result == ZAddResult.Added) added++;
            else if (result == ZAddResult.Updated) updated++;
            if (result != ZAddResult.Skipped) processed++;
        }

        if (entry is null && set is { Count: > 0 })
        {
            c.Db(key).Set(key, set, nowMs: c.NowMs);
            c.NotifyNew(key);
        }
        if (incr)
        {
            if (processed > 0) c.Reply.WriteDouble(score);
            else c.Reply.WriteNull();
        }
        else
        {
            c.Reply.WriteInteger(changed ? added + updated : added);
        }

        if (added + updated == 0) return;
        c.Propagate();
        if (added > 0) c.SignalKeyReady(key);
        c.Notify(NotifyClass.SortedSet, incr ? "zincr"u8 : "zadd"u8, key);
    }

    private static void ZCard(CommandContext c)
    {
        if (!TryRead(c, c.Arg(1), out var set)) return;
        c.Reply.WriteInteger(set?.Count ?? 0);
    }

    private static void ZScore(CommandContext c)
    {
        if (!TryRead(c, c.Arg(1), out var set)) return;
        if (set is not null && set.TryGetScore(c.Arg(2), out var score)) c.Reply.WriteDouble(score);
        else c.Reply.WriteNull();
    }

    private static void ZMScore(CommandContext c)
    {
        if (!TryRead(c, c.Arg(1), out var set)) return;
        c.Reply.WriteArrayHeader(c.ArgCount - 2);
        for (var i = 2; i < c.ArgCount; i++)
        {
            if (set is not null && set.TryGetScore(c.Arg(i), out var score)) c.Reply.WriteDouble(score);
            else c.Reply.WriteNull();
        }
    }

    private static void ZRank(CommandContext c) => RankGeneric(c, reverse: false);

    private static void ZRevRank(CommandContext c) => RankGeneric(c, reverse: true);

    private static void RankGeneric(CommandContext c, bool reverse)
    {
        if (c.ArgCount > 4)
        {
            c.Error(ErrorReplies.WrongArity(c.Command.FullName));
            return;
        }
        var withScore = c.ArgCount == 4;
        if (withScore && !Is(c.Arg(3), "WITHSCORE"u8))
        {
            c.SyntaxError();
            return;
        }
        if (!TryRead(c, c.Arg(1), out var set)) return;
        var score = 0.0;
        var rank = set?.RankOf(c.Arg(2), out score) ?? -1;
        if (rank < 0)
        {
            if (withScore) c.Reply.WriteNullArray();
            else c.Reply.WriteNull();
            return;
        }
        if (withScore) c.Reply.WriteArrayHeader(2);
        c.Reply.WriteInteger(reverse ? set!.Count - 1 - rank : rank);
        if (withScore) c.Reply.WriteDouble(score);
    }

    private static void ZRem(CommandContext c)
    {
        var key = c.Arg(1);
        if (!TryWrite(c, key, out var entry, out var set)) return;
        var deleted = 0;
        for (var i = 2; set is not null && i < c.ArgCount; i++)
        {
            if (set.Remove(c.Arg(i))) deleted++;
            if (set.Count == 0)
            {
                c.Db(key).Delete(entry!);
                break;
            }
        }

        c.Reply.WriteInteger(deleted);
        if (deleted == 0) return;
        c.Propagate();
        c.Notify(NotifyClass.SortedSet, "zrem"u8, key);
        if (set!.Count == 0) c.NotifyDel(key);
    }

    /// <summary>Looks a key up for reading: false (having replied WRONGTYPE) when it holds another type.</summary>
    private static bool TryRead(CommandContext c, ReadOnlySpan<byte> key, out SortedSetValue? set) => c.TryRead(key, out set);

    /// <summary>Looks a key up for writing: false (having replied WRONGTYPE) when it holds another type.</summary>
    private static bool TryWrite(CommandContext c, ReadOnlySpan<byte> key, out KeyEntry? entry, out SortedSetValue? set) =>
        c.TryWrite(key, out entry, out set);

    /// <summary>An element of a reply: the member, then its score when asked, as a [member, score] pair under RESP3.</summary>
    private static void WriteElement(CommandContext c, ReadOnlySpan<byte> member, double score, bool withScores)
    {
        if (withScores && c.Reply.Protocol == 3) c.Reply.WriteArrayHeader(2);
        c.Reply.WriteBulk(member);
        if (withScores) c.Reply.WriteDouble(score);
    }

    /// <summary>The header of a reply of <paramref name="count"/> elements: flat member, score under RESP2.</summary>
    private static void WriteElementsHeader(CommandContext c, long count, bool withScores) =>
        c.Reply.WriteArrayHeader((int)(withScores && c.Reply.Protocol != 3 ? count * 2 : count));
}
