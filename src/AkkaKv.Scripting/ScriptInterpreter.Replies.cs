using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using AkkaKv.Protocol;
using static AkkaKv.Scripting.Native.LuaNative;

namespace AkkaKv.Scripting;

// Redis's conversions both ways. A command's reply (RESP2, or RESP3 after redis.setresp(3)) becomes Lua values:
// integer -> number, bulk -> string, null bulk/array -> false, array -> table, status -> {ok=}, error -> {err=}, and in
// RESP3 map -> {map=}, set -> {set=}, null -> nil, boolean, double -> {double=}, big number -> {big_number=}, verbatim ->
// {verbatim_string=}. A script's result becomes RESP in the caller's protocol the other way round.
public sealed partial class ScriptInterpreter
{
    /// <summary>Nesting beyond this is Redis's "reached lua stack limit" (its Lua 5.1 C stack runs out about there).</summary>
    private const int MaxReplyDepth = 1000;

    /// <summary>Pushes the reply at <paramref name="position"/> of <paramref name="resp"/> (written by our own commands).</summary>
    private static void PushReply(nint l, ReadOnlySpan<byte> resp, ref int position)
    {
        CheckStack(l, 4);
        var type = resp[position];
        var lineEnd = position + resp[position..].IndexOf("\r\n"u8);
        var line = resp[(position + 1)..lineEnd];
        position = lineEnd + 2;
        switch (type)
        {
            case (byte)':':
                PushInteger(l, ParseInteger(line));
                return;
            case (byte)'$':
            {
                var length = ParseInteger(line);
                if (length < 0)
                {
                    PushBoolean(l, 0);
                    return;
                }
                PushString(l, resp.Slice(position, (int)length));
                position += (int)length + 2;
                return;
            }
            case (byte)'+':
                CreateTable(l, 0, 1);
                PushString(l, line);
                RawSetField(l, -2, "ok"u8);
                return;
            case (byte)'-':
                PushErrorTable(l, resp[(position - line.Length - 3)..(position - 2)]);
                return;
            case (byte)'*' or (byte)'>':
            {
                var count = ParseInteger(line);
                if (count < 0)
                {
                    PushBoolean(l, 0);
                    return;
                }
                CreateTable(l, (int)count, 0);
                for (var i = 1; i <= count; i++)
                {
                    PushReply(l, resp, ref position);
                    RawSetI(l, -2, i);
                }
                return;
            }
            case (byte)'%':
                PushAggregate(l, resp, ref position, ParseInteger(line), "map"u8, isMap: true);
                return;
            case (byte)'~':
                PushAggregate(l, resp, ref position, ParseInteger(line), "set"u8, isMap: false);
                return;
            case (byte)'_':
                PushNil(l);
                return;
            case (byte)'#':
                PushBoolean(l, line.Length > 0 && line[0] == 't' ? 1 : 0);
                return;
            case (byte)',':
                CreateTable(l, 0, 1);
                PushNumber(l, ParseDouble(line));
                RawSetField(l, -2, "double"u8);
                return;
            case (byte)'(':
                CreateTable(l, 0, 1);
                PushString(l, line);
                RawSetField(l, -2, "big_number"u8);
                return;
            case (byte)'=':
            {
                var length = (int)ParseInteger(line);
                var text = resp.Slice(position, length);
                position += length + 2;
                CreateTable(l, 0, 1);
                CreateTable(l, 0, 2);
                PushString(l, text[4..]);
                RawSetField(l, -2, "string"u8);
                PushString(l, text[..3]);
                RawSetField(l, -2, "format"u8);
                RawSetField(l, -2, "verbatim_string"u8);
                return;
            }
            case (byte)'!':
            {
                var length = (int)ParseInteger(line);
                var text = resp.Slice(position, length);
                position += length + 2;
                var buffer = new byte[text.Length + 1];
                buffer[0] = (byte)'-';
                text.CopyTo(buffer.AsSpan(1));
                PushErrorTable(l, buffer);
                return;
            }
            case (byte)'|':
            {
                // Attributes are not shown to scripts: skip them, then convert the reply they annotate.
                var pairs = ParseInteger(line);
                for (var i = 0; i < pairs * 2; i++) Skip(resp, ref position);
                PushReply(l, resp, ref position);
                return;
            }
            default:
                throw new FormatException($"unexpected reply type '{(char)type}' from a command");
        }
    }

    /// <summary>{map = {k = v ...}} or {set = {member = true ...}}.</summary>
    private static void PushAggregate(nint l, ReadOnlySpan<byte> resp, ref int position, long count, ReadOnlySpan<byte> name, bool isMap)
    {
        CreateTable(l, 0, 1);
        CreateTable(l, 0, (int)count);
        for (var i = 0; i < count; i++)
        {
            PushReply(l, resp, ref position);
            if (isMap) PushReply(l, resp, ref position);
            else PushBoolean(l, 1);
            // A nil or NaN key cannot be stored (lua_settable would raise): such an entry is dropped.
            if (Type(l, -2) == TypeNil || (Type(l, -2) == TypeNumber && double.IsNaN(ToNumber(l, -2)))) Pop(l, 2);
            else RawSet(l, -3);
        }
        RawSetField(l, -2, name);
    }

    private static void Skip(ReadOnlySpan<byte> resp, ref int position)
    {
        var type = resp[position];
        var lineEnd = position + resp[position..].IndexOf("\r\n"u8);
        var line = resp[(position + 1)..lineEnd];
        position = lineEnd + 2;
        switch (type)
        {
            case (byte)'$' or (byte)'=' or (byte)'!':
                var length = ParseInteger(line);
                if (length >= 0) position += (int)length + 2;
                return;
            case (byte)'*' or (byte)'~' or (byte)'>':
                for (var i = ParseInteger(line); i > 0; i--) Skip(resp, ref position);
                return;
            case (byte)'%' or (byte)'|':
                for (var i = ParseInteger(line) * 2; i > 0; i--) Skip(resp, ref position);
                return;
        }
    }

    private static long ParseInteger(ReadOnlySpan<byte> text) =>
        Utf8Parser.TryParse(text, out long value, out _) ? value : throw new FormatException("bad integer in a reply");

    private static double ParseDouble(ReadOnlySpan<byte> text) => text switch
    {
        _ when text.SequenceEqual("inf"u8) => double.PositiveInfinity,
        _ when text.SequenceEqual("-inf"u8) => double.NegativeInfinity,
        _ when text.SequenceEqual("nan"u8) || text.SequenceEqual("-nan"u8) => double.NaN,
        _ => double.Parse(System.Text.Encoding.ASCII.GetString(text), NumberStyles.Float, CultureInfo.InvariantCulture),
    };

    /// <summary>Writes the value on top of <paramref name="l"/> (and pops it), as Redis's luaReplyToRedisReply does.</summary>
    private void WriteReply(nint l, RespWriter reply, int depth)
    {
        if (depth > MaxReplyDepth || CheckStack(l, 4) == 0)
        {
            Pop(l, 1);
            reply.WriteError("ERR reached lua stack limit");
            return;
        }
        switch (Type(l, -1))
        {
            case TypeString:
                reply.WriteBulk(ToBytes(l, -1));
                break;
            case TypeBoolean:
                var truth = ToBoolean(l, -1) != 0;
                // Under RESP2 (the script's default) true is 1 and false a null, whatever the caller speaks.
                if (_resp == 2)
                {
                    if (truth) reply.WriteInteger(1);
                    else reply.WriteNull();
                }
                else
                {
                    reply.WriteBoolean(truth);
                }
                break;
            case TypeNumber:
                reply.WriteInteger(ReplyInteger(l, -1));
                break;
            case TypeTable:
                WriteTable(l, reply, depth);
                break;
            default:
                reply.WriteNull();
                break;
        }
        Pop(l, 1);
    }

    private static unsafe long ReplyInteger(nint l, int index)
    {
        int ok;
        return IsInteger(l, index) != 0 ? ToIntegerX(l, index, &ok) : LuaNumbers.ToReplyInteger(ToNumber(l, index));
    }

    /// <summary>A table: the first of err, ok, double, big_number, verbatim_string, map, set it has, else an array.</summary>
    private void WriteTable(nint l, RespWriter reply, int depth)
    {
        if (RawGetField(l, -1, "err"u8) == TypeString)
        {
            WriteLine(reply, (byte)'-', ToBytes(l, -1), trim: true);
            Pop(l, 1);
            return;
        }
        Pop(l, 1);
        if (RawGetField(l, -1, "ok"u8) == TypeString)
        {
            WriteLine(reply, (byte)'+', ToBytes(l, -1), trim: false);
            Pop(l, 1);
            return;
        }
        Pop(l, 1);
        if (RawGetField(l, -1, "double"u8) == TypeNumber)
        {
            reply.WriteDouble(ToNumber(l, -1));
            Pop(l, 1);
            return;
        }
        Pop(l, 1);
        if (RawGetField(l, -1, "big_number"u8) == TypeString)
        {
            reply.WriteBigNumber(WithoutLineBreaks(ToBytes(l, -1)));
            Pop(l, 1);
            return;
        }
        Pop(l, 1);
        if (TryWriteVerbatim(l, reply)) return;
        if (RawGetField(l, -1, "map"u8) == TypeTable)
        {
            WriteMap(l, reply, depth);
            Pop(l, 1);
            return;
        }
        Pop(l, 1);
        if (RawGetField(l, -1, "set"u8) == TypeTable)
        {
            WriteSet(l, reply, depth);
            Pop(l, 1);
            return;
        }
        Pop(l, 1);
        var count = 0;
        while (RawGetI(l, -1, count + 1) != TypeNil)
        {
            Pop(l, 1);
            count++;
        }
        Pop(l, 1);
        reply.WriteArrayHeader(count);
        for (var i = 1; i <= count; i++)
        {
            RawGetI(l, -1, i);
            WriteReply(l, reply, depth + 1);
        }
    }

    private static bool TryWriteVerbatim(nint l, RespWriter reply)
    {
        if (RawGetField(l, -1, "verbatim_string"u8) == TypeTable)
        {
            if (RawGetField(l, -1, "format"u8) == TypeString)
            {
                if (RawGetField(l, -2, "string"u8) == TypeString)
                {
                    reply.WriteVerbatim(ToBytes(l, -2), ToBytes(l, -1));
                    Pop(l, 3);
                    return true;
                }
                Pop(l, 1);
            }
            Pop(l, 1);
        }
        Pop(l, 1);
        return false;
    }

    private void WriteMap(nint l, RespWriter reply, int depth)
    {
        var count = CountPairs(l);
        reply.WriteMapHeader(count);
        PushNil(l);
        while (Next(l, -2) != 0)
        {
            // The key is copied before conversion: converting it in place would derail lua_next.
            PushValue(l, -2);
            WriteReply(l, reply, depth + 1);
            WriteReply(l, reply, depth + 1);
        }
    }

    private void WriteSet(nint l, RespWriter reply, int depth)
    {
        var count = CountPairs(l);
        reply.WriteSetHeader(count);
        PushNil(l);
        while (Next(l, -2) != 0)
        {
            Pop(l, 1);
            PushValue(l, -1);
            WriteReply(l, reply, depth + 1);
        }
    }

    private static int CountPairs(nint l)
    {
        var count = 0;
        PushNil(l);
        while (Next(l, -2) != 0)
        {
            Pop(l, 1);
            count++;
        }
        return count;
    }

    /// <summary>A status or error line of a script's own: CR and LF become spaces (an error's trailing ones are dropped).</summary>
    private static void WriteLine(RespWriter reply, byte prefix, ReadOnlySpan<byte> text, bool trim)
    {
        if (trim) text = text.TrimEnd("\r\n"u8);
        var target = reply.GetSpan(text.Length + 3);
        target[0] = prefix;
        for (var i = 0; i < text.Length; i++) target[i + 1] = text[i] is (byte)'\r' or (byte)'\n' ? (byte)' ' : text[i];
        target[text.Length + 1] = (byte)'\r';
        target[text.Length + 2] = (byte)'\n';
        reply.Advance(text.Length + 3);
    }

    private static byte[] WithoutLineBreaks(ReadOnlySpan<byte> text)
    {
        var copy = text.ToArray();
        for (var i = 0; i < copy.Length; i++)
        {
            if (copy[i] is (byte)'\r' or (byte)'\n') copy[i] = (byte)' ';
        }
        return copy;
    }
}
