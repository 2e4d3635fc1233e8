using AkkaKv.Server.PubSub;
using AkkaKv.Storage;
using static AkkaKv.Server.Commands.ArgParsing;

namespace AkkaKv.Server.Commands;

/// <summary>SINTER, SUNION, SDIFF, their STORE forms and SINTERCARD. The keys may live on different shards.</summary>
public static partial class SetCommands
{
    private enum Operation { Union, Difference }

    private static void SInter(CommandContext c) => IntersectGeneric(c, firstKey: 1, store: false);

    private static void SInterStore(CommandContext c) => IntersectGeneric(c, firstKey: 2, store: true);

    private static void SUnion(CommandContext c) => UnionDiffGeneric(c, firstKey: 1, store: false, Operation.Union);

    private static void SUnionStore(CommandContext c) => UnionDiffGeneric(c, firstKey: 2, store: true, Operation.Union);

    private static void SDiff(CommandContext c) => UnionDiffGeneric(c, firstKey: 1, store: false, Operation.Difference);

    private static void SDiffStore(CommandContext c) => UnionDiffGeneric(c, firstKey: 2, store: true, Operation.Difference);

    /// <summary>
    /// SINTER and SINTERSTORE: every key is type-checked first; then a missing key makes the result empty (and
    /// SINTERSTORE deletes its destination).
    /// </summary>
    private static void IntersectGeneric(CommandContext c, int firstKey, bool store)
    {
        if (!TryReadAll(c, firstKey, c.ArgCount - 1, out var sets)) return;
        if (Array.Exists(sets, s => s is null))
        {
            if (store) StoreResult(c, null, "sinterstore"u8);
            else c.Reply.WriteSetHeader(0);
            return;
        }
        var present = Array.ConvertAll(sets, s => s!);
        if (store)
        {
            StoreResult(c, SetValue.Intersection(present, c.Limits), "sinterstore"u8);
            return;
        }
        var found = new MemberCollector();
        SetValue.VisitIntersection(present, found);
        c.Reply.WriteSetHeader(found.Members.Count);
        foreach (var member in found.Members) c.Reply.WriteBulk(member);
    }

    private static void UnionDiffGeneric(CommandContext c, int firstKey, bool store, Operation operation)
    {
        if (!TryReadAll(c, firstKey, c.ArgCount - 1, out var sets)) return;
        var result = operation == Operation.Union ? SetValue.Union(sets, c.Limits) : SetValue.Difference(sets, c.Limits);
        if (store) StoreResult(c, result, operation == Operation.Union ? "sunionstore"u8 : "sdiffstore"u8);
        else WriteMembers(c.Reply, result);
    }

    /// <summary>
    /// SINTERCARD numkeys key [key ...] [LIMIT limit]: the size of the intersection, counting stopped at the limit
    /// (0: no limit).
    /// </summary>
    private static void SInterCard(CommandContext c)
    {
        if (!TryInteger(c.Arg(1), out var numKeys) || numKeys < 1)
        {
            c.Error(ErrorReplies.NumKeysNotPositive);
            return;
        }
        if (numKeys > c.ArgCount - 2)
        {
            c.Error(ErrorReplies.SetNumKeysTooMany);
            return;
        }
        long limit = 0;
        for (var i = 2 + (int)numKeys; i < c.ArgCount; i++)
        {
            if (Is(c.Arg(i), "LIMIT"u8) && i + 1 < c.ArgCount)
            {
                if (!TryInteger(c.Arg(++i), out limit) || limit < 0)
                {
                    c.Error(ErrorReplies.LimitNegative);
                    return;
                }
            }
            else
            {
                c.SyntaxError();
                return;
            }
        }
        if (!TryReadAll(c, 2, 1 + (int)numKeys, out var sets)) return;
        if (Array.Exists(sets, s => s is null))
        {
            c.Reply.WriteInteger(0);
            return;
        }
        var counter = new Counter(limit);
        SetValue.VisitIntersection(Array.ConvertAll(sets, s => s!), counter);
        c.Reply.WriteInteger(counter.Count);
    }

    /// <summary>The sets at keys first..last (null for a missing key); false after a WRONGTYPE reply.</summary>
    private static bool TryReadAll(CommandContext c, int first, int last, out SetValue?[] sets)
    {
        sets = new SetValue?[last - first + 1];
        for (var i = first; i <= last; i++)
        {
            if (!TryRead(c, c.Arg(i), out sets[i - first])) return false;
        }
        return true;
    }

    /// <summary>
    /// Stores a result at the destination (argument 1), replacing whatever was there and its TTL; an empty result
    /// deletes the destination instead ("del"). Journaled as received whenever the keyspace changed; a stored result
    /// publishes <paramref name="eventName"/>, the command's name.
    /// </summary>
    private static void StoreResult(CommandContext c, SetValue? result, ReadOnlySpan<byte> eventName)
    {
        var destination = c.Arg(1);
        if (result is { Count: > 0 })
        {
            var created = c.WillCreate(destination);
            c.Db(destination).Set(destination, result, nowMs: c.NowMs);
            c.Reply.WriteInteger(result.Count);
            c.Propagate();
            if (created) c.NotifyNew(destination);
            c.Notify(NotifyClass.Set, eventName, destination);
            return;
        }
        c.Reply.WriteInteger(0);
        var existing = c.LookupWrite(destination);
        if (existing is null) return;
        c.Db(destination).Delete(existing);
        c.Propagate();
        c.NotifyDel(destination);
    }

    /// <summary>Counts SINTERCARD's members, stopping at the limit.</summary>
    private sealed class Counter(long limit) : ISetMemberVisitor
    {
        public long Count { get; private set; }

        public bool Visit(ReadOnlySpan<byte> member)
        {
            Count++;
            return limit == 0 || Count < limit;
        }
    }
}
