using System.Globalization;
using AkkaKv.Protocol;
using AkkaKv.Storage;
using static AkkaKv.Server.Commands.ArgParsing;

namespace AkkaKv.Server.Commands;

/// <summary>ZSCAN and ZRANDMEMBER.</summary>
public static partial class SortedSetCommands
{
    /// <summary>
    /// The biggest ZRANDMEMBER reply built. Redis streams a reply of any size (a huge negative count runs until the
    /// client's output limit gives out); ours is built whole first, so beyond this the count is refused as out of
    /// range. Redis's default proto-max-bulk-len, far past any useful sample.
    /// </summary>
    private const int MaxRandomReplyBytes = 512 * 1024 * 1024;

    private static void ZScan(CommandContext c)
    {
        if (!ScanArguments.TryReadCursor(c, 2, out var cursor)) return;
        if (!TryRead(c, c.Arg(1), out var set)) return;
        if (set is null)
        {
            ScanArguments.WriteEmpty(c.Reply);
            return;
        }
        if (!ScanArguments.TryRead(c, 3, keyspace: false, hash: false, out var options)) return;

        var found = new List<ZSetMember>((int)Math.Min(options.Count, 1024));
        var next = set.Scan(ScanArguments.CollectionCursor(cursor), options.Budget, found);
        if (options.Pattern is not null) found.RemoveAll(item => !options.Matches(item.Member));
        c.Reply.WriteArrayHeader(2);
        c.Reply.WriteBulk(((ulong)next).ToString(CultureInfo.InvariantCulture));
        c.Reply.WriteArrayHeader(found.Count * 2);
        Span<byte> score = stackalloc byte[DoubleFormatter.MaxLength];
        foreach (var item in found)
        {
            c.Reply.WriteBulk(item.Member);
            // Scores are plain strings here, even under RESP3, as Redis's scan replies have them.
            c.Reply.WriteBulk(score[..DoubleFormatter.Format(item.Score, score)]);
        }
    }

    private static void ZRandMember(CommandContext c)
    {
        if (c.ArgCount == 2)
        {
            if (!TryRead(c, c.Arg(1), out var single)) return;
            if (single is null) c.Reply.WriteNull();
            else c.Reply.WriteBulk(single.RandomEntry(Random.Shared).Member.Span);
            return;
        }

        if (!TryInteger(c.Arg(2), out var requested))
        {
            c.NotInteger();
            return;
        }
        if (requested == long.MinValue)
        {
            c.Error(ErrorReplies.LongOutOfRange);
            return;
        }
        if (c.ArgCount > 4 || (c.ArgCount == 4 && !Is(c.Arg(3), "WITHSCORES"u8)))
        {
            c.SyntaxError();
            return;
        }
        var withScores = c.ArgCount == 4;
        if (withScores && (requested < -long.MaxValue / 2 || requested > long.MaxValue / 2))
        {
            c.Error(ErrorReplies.ReplyOutOfRange);
            return;
        }

        if (!TryRead(c, c.Arg(1), out var set)) return;
        if (set is null || requested == 0)
        {
            c.Reply.WriteArrayHeader(0);
            return;
        }

        var distinct = requested > 0;
        var count = Math.Abs(requested);
        var replied = distinct ? Math.Min(count, set.Count) : count;
        var pairs = withScores && c.Reply.Protocol == 3;
        var smallestItem = withScores ? (pairs ? 14 : 10) : 6; // "$0\r\n\r\n", ",0\r\n" or "$1\r\n0\r\n", "*2\r\n" per pair
        if (replied > MaxRandomReplyBytes / smallestItem)
        {
            c.Error(ErrorReplies.ReplyOutOfRange);
            return;
        }

        var start = c.Reply.Length;
        WriteElementsHeader(c, replied, withScores);
        if (!distinct || count == 1)
        {
            // Picks with repetition, each uniform: Redis's "case 1", also used for a count of 1.
            for (long i = 0; i < count && c.Reply.Length - start <= MaxRandomReplyBytes; i++)
            {
                var pick = set.RandomEntry(Random.Shared);
                WriteElement(c, pick.Member.Span, pick.Score, withScores);
            }
        }
        else
        {
            var picks = new List<ZSetEntry>((int)replied);
            set.RandomDistinct((int)replied, Random.Shared, picks);
            foreach (var pick in picks) WriteElement(c, pick.Member.Span, pick.Score, withScores);
        }

        if (c.Reply.Length - start > MaxRandomReplyBytes)
        {
            c.Reply.Truncate(start);
            c.Error(ErrorReplies.ReplyOutOfRange);
        }
    }
}
