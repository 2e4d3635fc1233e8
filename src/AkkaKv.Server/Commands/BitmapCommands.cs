using System.Runtime.InteropServices;
using AkkaKv.Server.PubSub;
using AkkaKv.Storage;
using static AkkaKv.Server.Commands.ArgParsing;

namespace AkkaKv.Server.Commands;

/// <summary>Redis's bitops.c commands: the table entries first, then the handlers.</summary>
public static class BitmapCommands
{
    private const string Group = "bitmap";
    private const CommandFlags WriteOom = CommandFlags.Write | CommandFlags.DenyOom;
    private const CommandFlags ReadFast = CommandFlags.ReadOnly | CommandFlags.Fast;
    private const string PerSubcommand = "O(1) for each subcommand specified";

    internal static IEnumerable<CommandDefinition> Definitions =>
    [
        Define.Keyed("setbit", 4, WriteOom, 1, 1, 1, Group, "Sets or clears the bit at offset of the string value. Creates the key if it doesn't exist.", SetBit, "2.2.0"),
        Define.Keyed("getbit", 3, ReadFast, 1, 1, 1, Group, "Returns a bit value by offset.", GetBit, "2.2.0"),
        Define.Keyed("bitcount", -2, CommandFlags.ReadOnly, 1, 1, 1, Group, "Counts the number of set bits (population counting) in a string.", BitCount, "2.6.0", "O(N)"),
        Define.Keyed("bitpos", -3, CommandFlags.ReadOnly, 1, 1, 1, Group, "Finds the first set (1) or clear (0) bit in a string.", BitPos, "2.8.7", "O(N)"),
        Define.Keyed("bitop", -4, WriteOom, 2, -1, 1, Group, "Performs bitwise operations on multiple strings, and stores the result.", BitOp, "2.6.0", "O(N)").Changing(ChangedKeys.FirstOnly),
        Define.Keyed("bitfield", -2, WriteOom, 1, 1, 1, Group, "Performs arbitrary bitfield integer operations on strings.", BitField, "3.2.0", PerSubcommand),
        Define.Keyed("bitfield_ro", -2, ReadFast, 1, 1, 1, Group, "Performs arbitrary read-only bitfield integer operations on strings.", BitFieldReadOnly, "6.0.0", PerSubcommand),
    ];

    private static void SetBit(CommandContext c)
    {
        if (!TryBitOffset(c, c.Arg(2), 0, out var offset)) return;
        if (!TryInteger(c.Arg(3), out var on) || (on & ~1L) != 0)
        {
            c.Error(ErrorReplies.BitNotInteger);
            return;
        }
        var key = c.Arg(1);
        var created = c.WillCreate(key);
        var status = BitmapValue.SetBit(c.Db(key), key, offset, on == 1, c.NowMs, out var previous, out var modified);
        if (StringCommands.ReplyStatus(c, status)) return;
        c.Reply.WriteInteger(previous ? 1 : 0);
        if (!modified) return;
        c.Propagate();
        if (created) c.NotifyNew(key);
        c.Notify(NotifyClass.String, "setbit"u8, key);
    }

    private static void GetBit(CommandContext c)
    {
        if (!TryBitOffset(c, c.Arg(2), 0, out var offset)) return;
        var entry = c.LookupRead(c.Arg(1));
        if (entry is null) c.Reply.WriteInteger(0);
        else if (entry.Value is byte[] value) c.Reply.WriteInteger(BitmapValue.GetBit(value, offset) ? 1 : 0);
        else c.WrongType();
    }

    private static void BitCount(CommandContext c)
    {
        // Redis 7.2 validates the arguments before looking the key up, so a missing key does not hide an error.
        long start = 0, end = 0;
        var bitUnit = false;
        if (c.ArgCount is 4 or 5)
        {
            if (!TryInteger(c.Arg(2), out start) || !TryInteger(c.Arg(3), out end))
            {
                c.NotInteger();
                return;
            }
            if (c.ArgCount == 5 && !TryUnit(c.Arg(4), out bitUnit))
            {
                c.SyntaxError();
                return;
            }
        }
        else if (c.ArgCount != 2)
        {
            c.SyntaxError();
            return;
        }
        var entry = c.LookupRead(c.Arg(1));
        if (entry is null) c.Reply.WriteInteger(0);
        else if (entry.Value is not byte[] value) c.WrongType();
        else c.Reply.WriteInteger(c.ArgCount == 2 ? BitmapValue.Count(value) : BitmapValue.Count(value, start, end, bitUnit));
    }

    private static void BitPos(CommandContext c)
    {
        if (!TryInteger(c.Arg(2), out var bit))
        {
            c.NotInteger();
            return;
        }
        if (bit is not (0 or 1))
        {
            c.Error(ErrorReplies.BitArgument);
            return;
        }
        long start = 0;
        long? end = null;
        var bitUnit = false;
        if (c.ArgCount is >= 4 and <= 6)
        {
            if (!TryInteger(c.Arg(3), out start))
            {
                c.NotInteger();
                return;
            }
            // Redis checks the unit before parsing the end.
            if (c.ArgCount == 6 && !TryUnit(c.Arg(5), out bitUnit))
            {
                c.SyntaxError();
                return;
            }
            if (c.ArgCount >= 5)
            {
                if (!TryInteger(c.Arg(4), out var last))
                {
                    c.NotInteger();
                    return;
                }
                end = last;
            }
        }
        else if (c.ArgCount != 3)
        {
            c.SyntaxError();
            return;
        }
        var entry = c.LookupRead(c.Arg(1));
        if (entry is null)
        {
            // A missing key is an endless run of clear bits.
            c.Reply.WriteInteger(bit == 1 ? -1 : 0);
            return;
        }
        if (entry.Value is not byte[] value)
        {
            c.WrongType();
            return;
        }
        c.Reply.WriteInteger(c.ArgCount == 3
            ? BitmapValue.Position(value, bit == 1)
            : BitmapValue.Position(value, bit == 1, start, end, bitUnit));
    }

    private static void BitOp(CommandContext c)
    {
        var name = c.Arg(1);
        BitOperation operation;
        if (Is(name, "AND"u8)) operation = BitOperation.And;
        else if (Is(name, "OR"u8)) operation = BitOperation.Or;
        else if (Is(name, "XOR"u8)) operation = BitOperation.Xor;
        else if (Is(name, "NOT"u8)) operation = BitOperation.Not;
        else
        {
            c.SyntaxError();
            return;
        }
        if (operation == BitOperation.Not && c.ArgCount != 4)
        {
            c.Error(ErrorReplies.BitOpNotSingleSource);
            return;
        }
        var sources = new byte[]?[c.ArgCount - 3];
        for (var i = 0; i < sources.Length; i++)
        {
            var entry = c.LookupRead(c.Arg(i + 3));
            if (entry is { Value: not byte[] })
            {
                c.WrongType();
                return;
            }
            sources[i] = (byte[]?)entry?.Value;
        }
        var result = BitmapValue.Combine(operation, sources);
        var destination = c.Arg(2);
        if (result.Length > 0)
        {
            var created = c.WillCreate(destination);
            BitmapValue.StoreResult(c.Db(destination), destination, result, c.NowMs);
            c.Propagate();
            if (created) c.NotifyNew(destination);
            c.Notify(NotifyClass.String, "set"u8, destination);
        }
        else if (c.LookupWrite(destination) is { } existing)
        {
            // Every source empty: the result is an empty string, which Redis never stores.
            c.Db(destination).Delete(existing);
            c.Propagate();
            c.NotifyDel(destination);
        }
        c.Reply.WriteInteger(result.Length);
    }

    private static void BitField(CommandContext c) => BitFieldGeneric(c, readOnlyCommand: false);

    private static void BitFieldReadOnly(CommandContext c) => BitFieldGeneric(c, readOnlyCommand: true);

    private static void BitFieldGeneric(CommandContext c, bool readOnlyCommand)
    {
        var operations = new List<BitFieldOperation>();
        var overflow = BitFieldOverflow.Wrap;
        var onlyGets = true;
        for (var i = 2; i < c.ArgCount; i++)
        {
            var remaining = c.ArgCount - i - 1;
            var name = c.Arg(i);
            BitFieldKind kind;
            if (Is(name, "GET"u8) && remaining >= 2) kind = BitFieldKind.Get;
            else if (Is(name, "SET"u8) && remaining >= 3) kind = BitFieldKind.Set;
            else if (Is(name, "INCRBY"u8) && remaining >= 3) kind = BitFieldKind.IncrBy;
            else if (Is(name, "OVERFLOW"u8) && remaining >= 1)
            {
                var type = c.Arg(++i);
                if (Is(type, "WRAP"u8)) overflow = BitFieldOverflow.Wrap;
                else if (Is(type, "SAT"u8)) overflow = BitFieldOverflow.Sat;
                else if (Is(type, "FAIL"u8)) overflow = BitFieldOverflow.Fail;
                else
                {
                    c.Error(ErrorReplies.BitFieldOverflowType);
                    return;
                }
                continue;
            }
            else
            {
                c.SyntaxError();
                return;
            }
            if (!TryFieldType(c.Arg(i + 1), out var signed, out var bits))
            {
                c.Error(ErrorReplies.BitFieldType);
                return;
            }
            if (!TryBitOffset(c, c.Arg(i + 2), bits, out var offset)) return;
            long value = 0;
            if (kind != BitFieldKind.Get)
            {
                onlyGets = false;
                if (!TryInteger(c.Arg(i + 3), out value))
                {
                    c.NotInteger();
                    return;
                }
            }
            operations.Add(new BitFieldOperation(kind, signed, bits, offset, value, overflow));
            i += kind == BitFieldKind.Get ? 2 : 3;
        }
        if (onlyGets)
        {
            BitFieldGets(c, operations);
            return;
        }
        if (readOnlyCommand)
        {
            c.Error(ErrorReplies.BitFieldReadOnly);
            return;
        }
        var key = c.Arg(1);
        var results = new long?[operations.Count];
        var created = c.WillCreate(key);
        var status = BitmapValue.Field(c.Db(key), key, CollectionsMarshal.AsSpan(operations), c.NowMs, results, out var modified);
        if (StringCommands.ReplyStatus(c, status)) return;
        c.Reply.WriteArrayHeader(results.Length);
        foreach (var result in results)
        {
            if (result is { } number) c.Reply.WriteInteger(number);
            else c.Reply.WriteNull();
        }
        // Redis propagates only when a field changed; creating or growing the string is a change too, so replicas
        // get the key even when every write failed on OVERFLOW FAIL.
        if (modified) c.Propagate();
        if (created) c.NotifyNew(key);
        // But "setbit" is published only for a SET or INCRBY that was applied, as Redis counts its changes.
        for (var i = 0; i < results.Length; i++)
        {
            if (operations[i].Kind == BitFieldKind.Get || results[i] is null) continue;
            c.Notify(NotifyClass.String, "setbit"u8, key);
            break;
        }
    }

    /// <summary>BITFIELD with nothing but GETs reads the key like BITFIELD_RO: no key is created.</summary>
    private static void BitFieldGets(CommandContext c, List<BitFieldOperation> operations)
    {
        var entry = c.LookupRead(c.Arg(1));
        if (entry is { Value: not byte[] })
        {
            c.WrongType();
            return;
        }
        var value = (byte[]?)entry?.Value ?? [];
        c.Reply.WriteArrayHeader(operations.Count);
        foreach (var operation in operations)
        {
            c.Reply.WriteInteger(BitmapValue.GetField(value, operation.Offset, operation.Bits, operation.Signed));
        }
    }

    /// <summary>
    /// A bit offset: a non-negative integer whose byte fits proto-max-bulk-len; BITFIELD also takes "#N", meaning
    /// N times the field's width.
    /// </summary>
    private static bool TryBitOffset(CommandContext c, ReadOnlySpan<byte> arg, int fieldBits, out long offset)
    {
        var multiply = fieldBits > 0 && arg.Length > 0 && arg[0] == (byte)'#';
        if (!TryInteger(multiply ? arg[1..] : arg, out offset) ||
            (offset = multiply ? unchecked(offset * fieldBits) : offset) < 0 ||
            (offset >> 3) >= c.Node.Settings.ProtoMaxBulkLen)
        {
            c.Error(ErrorReplies.BitOffsetNotInteger);
            return false;
        }
        return true;
    }

    /// <summary>A field type: "i" 1..64 or "u" 1..63 (a u64 could not be replied as a signed integer).</summary>
    private static bool TryFieldType(ReadOnlySpan<byte> arg, out bool signed, out int bits)
    {
        bits = 0;
        signed = arg.Length > 0 && arg[0] == (byte)'i';
        if (arg.Length == 0 || (arg[0] != (byte)'i' && arg[0] != (byte)'u')) return false;
        // Redis reads the width as a C string: it ends at a NUL byte.
        var width = arg[1..];
        var nul = width.IndexOf((byte)0);
        if (nul >= 0) width = width[..nul];
        if (!TryInteger(width, out var parsed) || parsed < 1 || parsed > (signed ? 64 : 63)) return false;
        bits = (int)parsed;
        return true;
    }

    private static bool TryUnit(ReadOnlySpan<byte> arg, out bool bitUnit)
    {
        bitUnit = Is(arg, "BIT"u8);
        return bitUnit || Is(arg, "BYTE"u8);
    }
}
