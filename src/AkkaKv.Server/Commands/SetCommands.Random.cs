using AkkaKv.Protocol;
using AkkaKv.Server.PubSub;
using AkkaKv.Storage;
using static AkkaKv.Server.Commands.ArgParsing;

namespace AkkaKv.Server.Commands;

/// <summary>SPOP and SRANDMEMBER.</summary>
public static partial class SetCommands
{
    /// <summary>
    /// The biggest SRANDMEMBER reply built. Redis streams a reply of any size (a huge negative count runs until the
    /// client's output limit or memory gives out); ours is built whole first, so beyond this the count is refused
    /// as out of range. Redis's default proto-max-bulk-len, far past any useful sample.
    /// </summary>
    private const int MaxRandomReplyBytes = 512 * 1024 * 1024;

    /// <summary>The smallest bulk string of a reply, "$0\r\n\r\n".</summary>
    private const int SmallestBulk = 6;

    /// <summary>Most members in one journaled SREM for SPOP, as Redis batches them.</summary>
    private const int PopJournalBatch = 1024;

    private static readonly byte[] SRemName = "SREM"u8.ToArray();
    private static readonly byte[] DelName = "DEL"u8.ToArray();

    /// <summary>SPOP key [count]: journaled as SREM of the popped members, or DEL when the whole set went.</summary>
    private static void SPop(CommandContext c)
    {
        if (c.ArgCount > 3)
        {
            c.SyntaxError();
            return;
        }
        if (c.ArgCount == 3)
        {
            SPopWithCount(c);
            return;
        }
        var key = c.Arg(1);
        if (!TryWrite(c, key, out var entry, out var set)) return;
        if (set is null)
        {
            c.Reply.WriteNull();
            return;
        }
        var member = set.PopRandom(Random.Shared);
        c.Reply.WriteBulk(member);
        c.Propagate(SRemName, entry!.Key, member);
        c.Notify(NotifyClass.Set, "spop"u8, key);
        if (set.Count > 0) return;
        c.Db(key).Delete(entry);
        c.NotifyDel(key);
    }

    private static void SPopWithCount(CommandContext c)
    {
        // getPositiveLongFromObjectOrReply: a non-integer gets the same text as a negative count.
        if (!TryInteger(c.Arg(2), out var count) || count < 0)
        {
            c.Error(ErrorReplies.MustBePositive);
            return;
        }
        var key = c.Arg(1);
        if (!TryWrite(c, key, out var entry, out var set)) return;
        if (set is null || count == 0)
        {
            c.Reply.WriteSetHeader(0);
            return;
        }
        if (count >= set.Count)
        {
            WriteMembers(c.Reply, set);
            c.Db(key).Delete(entry!);
            c.Propagate(DelName, entry!.Key);
            c.Notify(NotifyClass.Set, "spop"u8, key);
            c.NotifyDel(key);
            return;
        }
        var popped = set.PopRandom(Random.Shared, (int)count, c.Limits);
        c.Reply.WriteSetHeader(popped.Count);
        foreach (var member in popped) c.Reply.WriteBulk(member);
        for (var start = 0; start < popped.Count; start += PopJournalBatch)
        {
            var batch = Math.Min(PopJournalBatch, popped.Count - start);
            var journal = new byte[batch + 2][];
            journal[0] = SRemName;
            journal[1] = entry!.Key;
            popped.CopyTo(start, journal, 2, batch);
            c.Propagate(journal);
        }
        c.Notify(NotifyClass.Set, "spop"u8, key);
    }

    /// <summary>
    /// SRANDMEMBER key [count]: a positive count gives distinct members, a negative one allows repeats; both are
    /// checked before the key is looked up, as in Redis.
    /// </summary>
    private static void SRandMember(CommandContext c)
    {
        if (c.ArgCount > 3)
        {
            c.SyntaxError();
            return;
        }
        if (c.ArgCount == 2)
        {
            if (!TryRead(c, c.Arg(1), out var single)) return;
            if (single is null) c.Reply.WriteNull();
            else c.Reply.WriteBulk(single.RandomMember(Random.Shared));
            return;
        }
        if (!TryInteger(c.Arg(2), out var requested))
        {
            c.NotInteger();
            return;
        }
        if (requested < -long.MaxValue)
        {
            c.Error(ErrorReplies.LongOutOfRange);
            return;
        }
        if (!TryRead(c, c.Arg(1), out var set)) return;
        if (set is null || requested == 0)
        {
            c.Reply.WriteArrayHeader(0);
            return;
        }
        // Redis answers a count of 1 like a negative count: one pick.
        var distinct = requested > 1;
        var count = Math.Abs(requested);
        var replied = distinct ? Math.Min(count, set.Count) : count;
        if (replied > MaxRandomReplyBytes / SmallestBulk)
        {
            c.Error(ErrorReplies.ReplyOutOfRange);
            return;
        }
        var start = c.Reply.Length;
        c.Reply.WriteArrayHeader((int)replied);
        set.VisitRandom(Random.Shared, count, distinct, new RandomReply(c.Reply, start));
        if (c.Reply.Length - start > MaxRandomReplyBytes)
        {
            c.Reply.Truncate(start);
            c.Error(ErrorReplies.ReplyOutOfRange);
        }
    }

    /// <summary>Writes SRANDMEMBER's picks; stops once the reply grew past <see cref="MaxRandomReplyBytes"/>.</summary>
    private readonly struct RandomReply(RespWriter reply, int start) : ISetMemberVisitor
    {
        public bool Visit(ReadOnlySpan<byte> member)
        {
            reply.WriteBulk(member);
            return reply.Length - start <= MaxRandomReplyBytes;
        }
    }
}
