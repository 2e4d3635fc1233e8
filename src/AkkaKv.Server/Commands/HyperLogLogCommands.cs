using AkkaKv.Protocol;
using AkkaKv.Server.Sessions;
using AkkaKv.Server.PubSub;
using AkkaKv.Storage;
using static AkkaKv.Server.Commands.ArgParsing;

namespace AkkaKv.Server.Commands;

/// <summary>Redis's hyperloglog.c commands: the table entries first, then the handlers.</summary>
public static class HyperLogLogCommands
{
    private const string Group = "hyperloglog";

    internal static IEnumerable<CommandDefinition> Definitions =>
    [
        Define.Keyed("pfadd", -2, CommandFlags.Write | CommandFlags.DenyOom | CommandFlags.Fast, 1, 1, 1, Group, "Adds elements to a HyperLogLog key. Creates the key if it doesn't exist.", PfAdd, "2.8.9", "O(1) to add every element."),
        Define.Keyed("pfcount", -2, CommandFlags.ReadOnly | CommandFlags.MayReplicate, 1, -1, 1, Group, "Returns the approximated cardinality of the set(s) observed by the HyperLogLog key(s).", PfCount, "2.8.9",
            "O(1) with a very small average constant time when called with a single key. O(N) with N being the number of keys, and much bigger constant times, when called with multiple keys."),
        Define.Keyed("pfmerge", -2, CommandFlags.Write | CommandFlags.DenyOom, 1, -1, 1, Group, "Merges one or more HyperLogLog values into a single key.", PfMerge, "2.8.9", "O(N) to merge N HyperLogLogs, but with high constant times.").Changing(ChangedKeys.FirstOnly),
        Define.Keyed("pfdebug", 3, CommandFlags.Write | CommandFlags.DenyOom | CommandFlags.Admin, 2, 2, 1, Group, "Internal commands for debugging HyperLogLog values.", PfDebug, "2.8.9", "N/A"),
        Define.Session("pfselftest", 1, CommandFlags.Admin, Group, "An internal command for testing HyperLogLog values.", PfSelfTest, "2.8.9", "N/A"),
    ];

    private static void PfAdd(CommandContext c)
    {
        var key = c.Arg(1);
        var created = c.WillCreate(key);
        var status = HyperLogLogValue.Add(c.Db(key), key, c.ArgCount - 2, i => c.Arg(i + 2), c.NowMs, c.Limits.HllSparseMaxBytes, out var updated);
        if (ReplyStatus(c, status)) return;
        c.Reply.WriteInteger(updated ? 1 : 0);
        if (!updated) return;
        c.Propagate();
        if (created) c.NotifyNew(key);
        c.Notify(NotifyClass.String, "pfadd"u8, key);
    }

    private static void PfCount(CommandContext c)
    {
        if (c.ArgCount == 2)
        {
            var status = HyperLogLogValue.Count(c.LookupRead(c.Arg(1)), out var cardinality, out var cacheUpdated);
            if (ReplyStatus(c, status)) return;
            c.Reply.WriteInteger(cardinality);
            // Caching the count changes the string: Redis propagates the PFCOUNT so replicas cache it too.
            if (cacheUpdated) c.Propagate();
            return;
        }
        var registers = new byte[HyperLogLogValue.RegisterCount];
        for (var i = 1; i < c.ArgCount; i++)
        {
            if (ReplyStatus(c, HyperLogLogValue.MergeInto(c.LookupRead(c.Arg(i)), registers, out _))) return;
        }
        c.Reply.WriteInteger(HyperLogLogValue.CountRegisters(registers));
    }

    private static void PfMerge(CommandContext c)
    {
        // The destination counts as a source too: merging never loses what it held.
        var registers = new byte[HyperLogLogValue.RegisterCount];
        var anyDense = false;
        var created = false;
        for (var i = 1; i < c.ArgCount; i++)
        {
            var entry = c.LookupRead(c.Arg(i));
            if (i == 1) created = entry is null;
            if (ReplyStatus(c, HyperLogLogValue.MergeInto(entry, registers, out var dense))) return;
            anyDense |= dense;
        }
        var key = c.Arg(1);
        if (ReplyStatus(c, HyperLogLogValue.StoreMerged(c.Db(key), key, registers, anyDense, c.NowMs, c.Limits.HllSparseMaxBytes))) return;
        c.Reply.WriteOk();
        c.Propagate();
        if (created) c.NotifyNew(key);
        // A merge is a mass add: Redis publishes it as "pfadd".
        c.Notify(NotifyClass.String, "pfadd"u8, key);
    }

    private static void PfDebug(CommandContext c)
    {
        var entry = c.LookupWrite(c.Arg(2));
        if (entry is null)
        {
            c.Error(ErrorReplies.PfDebugNoSuchKey);
            return;
        }
        // Checking the value first also makes it "raw", as Redis unshares it before looking at the subcommand.
        if (ReplyStatus(c, HyperLogLogValue.EncodingName(entry, out var encoding))) return;
        var subcommand = c.Arg(1);
        if (Is(subcommand, "GETREG"u8))
        {
            if (ReplyStatus(c, HyperLogLogValue.GetRegisters(entry, out var registers, out var converted))) return;
            c.Reply.WriteArrayHeader(registers.Length);
            foreach (var register in registers) c.Reply.WriteInteger(register);
            if (converted) c.Propagate();
        }
        else if (Is(subcommand, "DECODE"u8))
        {
            if (ReplyStatus(c, HyperLogLogValue.DecodeSparse(entry, out var decoded))) return;
            if (decoded is null) c.Error(ErrorReplies.HyperLogLogNotSparse);
            else c.Reply.WriteBulk(decoded);
        }
        else if (Is(subcommand, "ENCODING"u8))
        {
            c.Reply.WriteSimpleString(encoding);
        }
        else if (Is(subcommand, "TODENSE"u8))
        {
            if (ReplyStatus(c, HyperLogLogValue.ToDense(entry, out var converted))) return;
            c.Reply.WriteInteger(converted ? 1 : 0);
            if (converted) c.Propagate();
        }
        else
        {
            c.Error(ErrorReplies.UnknownPfDebugSubcommand(Text(subcommand)));
        }
    }

    private static void PfSelfTest(ClientSession session, RequestArgs args, RespWriter reply)
    {
        var failure = HyperLogLogValue.SelfTest(Random.Shared, session.Node.Settings.Limits.HllSparseMaxBytes);
        if (failure is null) reply.WriteOk();
        else session.ReplyError(reply, "ERR " + failure);
    }

    /// <summary>Replies the error a storage status stands for; false when the status is Ok.</summary>
    private static bool ReplyStatus(CommandContext c, HyperLogLogStatus status)
    {
        switch (status)
        {
            case HyperLogLogStatus.Ok: return false;
            case HyperLogLogStatus.WrongType: c.WrongType(); break;
            case HyperLogLogStatus.NotHyperLogLog: c.Error(ErrorReplies.NotHyperLogLog); break;
            default: c.Error(ErrorReplies.CorruptedHyperLogLog); break;
        }
        return true;
    }
}
