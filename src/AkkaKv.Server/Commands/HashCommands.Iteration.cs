using System.Globalization;
using AkkaKv.Protocol;
using AkkaKv.Storage;
using static AkkaKv.Server.Commands.ArgParsing;

namespace AkkaKv.Server.Commands;

/// <summary>HRANDFIELD and HSCAN.</summary>
public static partial class HashCommands
{
    /// <summary>
    /// The biggest HRANDFIELD reply built. Redis streams a reply of any size (a huge negative count runs until the
    /// client's output limit or memory gives out); ours is built whole first, so beyond this the count is refused
    /// as out of range. Redis's default proto-max-bulk-len, far past any useful sample.
    /// </summary>
    private const int MaxRandomReplyBytes = 512 * 1024 * 1024;

    private static void HRandField(CommandContext c)
    {
        if (c.ArgCount == 2)
        {
            if (!TryRead(c, out var single)) return;
            if (single is null) c.Reply.WriteNull();
            else c.Reply.WriteBulk(single.RandomEntry(Random.Shared).Field);
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
        if (c.ArgCount > 4 || (c.ArgCount == 4 && !Is(c.Arg(3), "WITHVALUES"u8)))
        {
            c.SyntaxError();
            return;
        }
        var withValues = c.ArgCount == 4;
        if (withValues && (requested < -long.MaxValue / 2 || requested > long.MaxValue / 2))
        {
            c.Error(ErrorReplies.ReplyOutOfRange);
            return;
        }
        if (!TryRead(c, out var hash)) return;
        if (hash is null || requested == 0)
        {
            c.Reply.WriteArrayHeader(0);
            return;
        }
        var distinct = requested > 0 && requested != 1;
        var count = Math.Abs(requested);
        var replied = distinct ? Math.Min(count, hash.Count) : count;
        var resp3Pairs = withValues && c.Reply.Protocol == 3;
        // Distinct picks are bounded by the hash itself; only repeats can ask for an unbounded reply.
        var smallestItem = withValues ? (resp3Pairs ? 16 : 12) : 6; // "$0\r\n\r\n", per value too, "*2\r\n" per RESP3 pair
        if (!distinct && replied > MaxRandomReplyBytes / smallestItem)
        {
            c.Error(ErrorReplies.ReplyOutOfRange);
            return;
        }
        var start = c.Reply.Length;
        c.Reply.WriteArrayHeader((int)(withValues && !resp3Pairs ? replied * 2 : replied));
        var visitor = new RandomReply(c.Reply, withValues, resp3Pairs, start, distinct ? long.MaxValue : MaxRandomReplyBytes);
        hash.VisitRandom(Random.Shared, count, distinct, visitor);
        if (c.Reply.Length - start > visitor.MaxBytes)
        {
            c.Reply.Truncate(start);
            c.Error(ErrorReplies.ReplyOutOfRange);
        }
    }

    private static void HScan(CommandContext c)
    {
        if (!ScanArguments.TryReadCursor(c, 2, out var cursor)) return;
        if (!TryRead(c, out var hash)) return;
        if (hash is null)
        {
            ScanArguments.WriteEmpty(c.Reply);
            return;
        }
        if (!ScanArguments.TryRead(c, 3, keyspace: false, hash: true, out var options)) return;
        var found = new ScanCollector(options.Pattern, options.NoValues);
        var next = hash.Scan(ScanArguments.CollectionCursor(cursor), options.Budget, found);
        c.Reply.WriteArrayHeader(2);
        c.Reply.WriteBulk(((ulong)next).ToString(CultureInfo.InvariantCulture));
        c.Reply.WriteArrayHeader(found.Items.Count);
        foreach (var item in found.Items) c.Reply.WriteBulk(item);
    }

    /// <summary>Writes HRANDFIELD's picks; stops once the reply grew past <paramref name="maxBytes"/>.</summary>
    private readonly struct RandomReply(RespWriter reply, bool withValues, bool resp3Pairs, int start, long maxBytes) : IHashEntryVisitor
    {
        public long MaxBytes => maxBytes;

        public bool Visit(ReadOnlySpan<byte> field, ReadOnlySpan<byte> value)
        {
            if (resp3Pairs) reply.WriteArrayHeader(2);
            reply.WriteBulk(field);
            if (withValues) reply.WriteBulk(value);
            return reply.Length - start <= maxBytes;
        }
    }

    /// <summary>Copies HSCAN's matching entries: the reply's length must be known before they are written.</summary>
    private sealed class ScanCollector(byte[]? pattern, bool noValues) : IHashEntryVisitor
    {
        public List<byte[]> Items { get; } = [];

        public bool Visit(ReadOnlySpan<byte> field, ReadOnlySpan<byte> value)
        {
            if (pattern is not null && !GlobPattern.IsMatch(pattern, field)) return true;
            Items.Add(field.ToArray());
            if (!noValues) Items.Add(value.ToArray());
            return true;
        }
    }
}
