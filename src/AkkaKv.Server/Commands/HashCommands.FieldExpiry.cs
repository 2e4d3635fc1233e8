using AkkaKv.Server.PubSub;
using AkkaKv.Storage;
using static AkkaKv.Server.Commands.ArgParsing;

namespace AkkaKv.Server.Commands;

/// <summary>Redis 7.4's hash-field expiry: HEXPIRE and its variants, HTTL and its variants, HPERSIST.</summary>
public static partial class HashCommands
{
    /// <summary>Redis's HFE_MAX_ABS_TIME_MSEC: field deadlines have 46 bits of unix milliseconds.</summary>
    private const long MaxFieldDeadline = (1L << 46) - 1;

    // HEXPIRE's per-field replies.
    private const int NoSuchField = -2;
    private const int ConditionNotMet = 0;
    private const int DeadlineSet = 1;
    private const int DeletedAsPast = 2;

    private enum Condition { None, Nx, Xx, Gt, Lt }

    private static void HExpire(CommandContext c) => ExpireGeneric(c, relative: true, unit: 1000);

    private static void HPExpire(CommandContext c) => ExpireGeneric(c, relative: true, unit: 1);

    private static void HExpireAt(CommandContext c) => ExpireGeneric(c, relative: false, unit: 1000);

    private static void HPExpireAt(CommandContext c) => ExpireGeneric(c, relative: false, unit: 1);

    /// <summary>
    /// HEXPIRE key time [NX|XX|GT|LT] FIELDS numfields field...: per field -2 (no such field), 0 (condition not met),
    /// 1 (deadline set) or 2 (deleted: the time is not in the future). Journals HDEL for each deleted field and
    /// HPEXPIREAT with the absolute time for the fields whose deadline was set, as Redis propagates.
    /// </summary>
    private static void ExpireGeneric(CommandContext c, bool relative, long unit)
    {
        var key = c.Arg(1);
        var entry = c.LookupWrite(key);
        if (entry is not null && entry.Value is not HashValue)
        {
            c.WrongType();
            return;
        }
        if (!TryInteger(c.Arg(2), out var when))
        {
            c.NotInteger();
            return;
        }
        if (when < 0)
        {
            c.Error(ErrorReplies.HashExpireTimeNegative);
            return;
        }
        var basetime = relative ? c.NowMs : 0;
        if ((unit > 1 && when > MaxFieldDeadline / unit) || when * unit > MaxFieldDeadline - basetime)
        {
            c.Error(ErrorReplies.InvalidExpireTime(c.Command.Name));
            return;
        }
        when = when * unit + basetime;
        var condition = ParseCondition(c.Arg(3));
        var numFieldsAt = condition == Condition.None ? 4 : 5;
        if (!TryReadFieldCount(c, numFieldsAt, ErrorReplies.HashExpireNumFields, out var numFields)) return;
        if (entry is null)
        {
            WriteAll(c, numFields, NoSuchField);
            return;
        }

        var hash = (HashValue)entry.Value;
        hash.UseFieldExpiry();
        var set = new List<byte[]>(numFields);
        var deleted = new List<byte[]>();
        c.Reply.WriteArrayHeader(numFields);
        for (var i = numFieldsAt + 1; i < c.ArgCount; i++)
        {
            var field = c.Arg(i);
            var result = ApplyDeadline(hash, field, when, condition, c.NowMs);
            c.Reply.WriteInteger(result);
            if (result == DeadlineSet) set.Add(c.Args.ToArray(i));
            else if (result == DeletedAsPast) deleted.Add(c.Args.ToArray(i));
        }

        var db = c.Db(key);
        // Redis 7.4 publishes "hdel" when any field went (then "del" for an emptied hash), else "hexpire".
        if (deleted.Count > 0) c.Notify(NotifyClass.Hash, "hdel"u8, key);
        else if (set.Count > 0) c.Notify(NotifyClass.Hash, "hexpire"u8, key);
        if (hash.Count == 0)
        {
            db.Delete(entry);
            c.NotifyDel(key);
        }
        else if (set.Count > 0) db.TrackMemberDeadlines(entry);
        var keyBytes = entry.Key;
        foreach (var field in deleted) c.Propagate(HDelName, keyBytes, field);
        if (set.Count == 0) return;
        var journal = new List<byte[]>(set.Count + 6) { HPExpireAtName, keyBytes, Bytes(when) };
        if (condition != Condition.None) journal.Add(c.Args.ToArray(3));
        journal.Add(FieldsKeyword);
        journal.Add(Bytes(set.Count));
        journal.AddRange(set);
        c.Propagate(journal.ToArray());
    }

    /// <summary>One field of HEXPIRE: a field without a deadline counts as never expiring for GT and LT.</summary>
    private static int ApplyDeadline(HashValue hash, ReadOnlySpan<byte> field, long when, Condition condition, long nowMs)
    {
        if (!hash.Contains(field)) return NoSuchField;
        var current = hash.DeadlineOf(field);
        var refused = current < 0
            ? condition is Condition.Xx or Condition.Gt
            : condition == Condition.Nx || (condition == Condition.Gt && when <= current) || (condition == Condition.Lt && when >= current);
        if (refused) return ConditionNotMet;
        if (when <= nowMs)
        {
            hash.Remove(field);
            return DeletedAsPast;
        }
        hash.SetMemberDeadline(field, when);
        return DeadlineSet;
    }

    private static Condition ParseCondition(ReadOnlySpan<byte> arg)
    {
        if (Is(arg, "NX"u8)) return Condition.Nx;
        if (Is(arg, "XX"u8)) return Condition.Xx;
        if (Is(arg, "GT"u8)) return Condition.Gt;
        return Is(arg, "LT"u8) ? Condition.Lt : Condition.None;
    }

    private static void HTtl(CommandContext c) => TtlGeneric(c, milliseconds: false, absolute: false);

    private static void HPTtl(CommandContext c) => TtlGeneric(c, milliseconds: true, absolute: false);

    private static void HExpireTime(CommandContext c) => TtlGeneric(c, milliseconds: false, absolute: true);

    private static void HPExpireTime(CommandContext c) => TtlGeneric(c, milliseconds: true, absolute: true);

    /// <summary>Per field -2 (no such field), -1 (no deadline) or the time left / the deadline; seconds round up.</summary>
    private static void TtlGeneric(CommandContext c, bool milliseconds, bool absolute)
    {
        if (!TryRead(c, out var hash)) return;
        if (!TryReadFieldCount(c, 3, ErrorReplies.HashNumFieldsNotPositive, out var numFields)) return;
        if (hash is null)
        {
            WriteAll(c, numFields, NoSuchField);
            return;
        }
        var basetime = absolute ? 0 : c.NowMs;
        c.Reply.WriteArrayHeader(numFields);
        for (var i = 4; i < c.ArgCount; i++)
        {
            var field = c.Arg(i);
            var deadline = hash.DeadlineOf(field);
            if (!hash.Contains(field)) c.Reply.WriteInteger(NoSuchField);
            else if (deadline < 0) c.Reply.WriteInteger(-1);
            else c.Reply.WriteInteger(milliseconds ? deadline - basetime : (deadline + 999 - basetime) / 1000);
        }
    }

    /// <summary>HPERSIST: per field -2 (no such field), -1 (no deadline) or 1 (deadline removed).</summary>
    private static void HPersist(CommandContext c)
    {
        if (!TryWriteTarget(c, out var entry, out var hash)) return;
        if (!TryReadFieldCount(c, 3, ErrorReplies.HashNumFieldsNotPositive, out var numFields)) return;
        if (entry is null)
        {
            WriteAll(c, numFields, NoSuchField);
            return;
        }
        var changed = false;
        c.Reply.WriteArrayHeader(numFields);
        for (var i = 4; i < c.ArgCount; i++)
        {
            var field = c.Arg(i);
            if (!hash.Contains(field))
            {
                c.Reply.WriteInteger(NoSuchField);
            }
            else if (hash.DeadlineOf(field) < 0)
            {
                c.Reply.WriteInteger(-1);
            }
            else
            {
                hash.SetMemberDeadline(field, -1);
                c.Reply.WriteInteger(1);
                changed = true;
            }
        }
        if (!changed) return;
        c.Propagate();
        c.Notify(NotifyClass.Hash, "hpersist"u8, c.Arg(1));
    }

    /// <summary>
    /// Checks "FIELDS numfields field..." with numfields at <paramref name="numFieldsAt"/>: the keyword, a positive
    /// count (<paramref name="countError"/> otherwise) and exactly that many fields after it.
    /// </summary>
    private static bool TryReadFieldCount(CommandContext c, int numFieldsAt, string countError, out int numFields)
    {
        numFields = 0;
        if (!Is(c.Arg(numFieldsAt - 1), "FIELDS"u8))
        {
            c.Error(ErrorReplies.HashFieldsArgumentMissing);
            return false;
        }
        if (!TryInteger(c.Arg(numFieldsAt), out var count) || count < 1)
        {
            c.Error(countError);
            return false;
        }
        if (count != c.ArgCount - numFieldsAt - 1)
        {
            c.Error(ErrorReplies.HashNumFieldsMismatch);
            return false;
        }
        numFields = (int)count;
        return true;
    }

    private static void WriteAll(CommandContext c, int count, long value)
    {
        c.Reply.WriteArrayHeader(count);
        for (var i = 0; i < count; i++) c.Reply.WriteInteger(value);
    }

    private static readonly byte[] HDelName = "HDEL"u8.ToArray();
    private static readonly byte[] HPExpireAtName = "HPEXPIREAT"u8.ToArray();
    private static readonly byte[] FieldsKeyword = "FIELDS"u8.ToArray();
}
