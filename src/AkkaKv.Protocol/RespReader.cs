using System.Buffers;
using System.Globalization;
using System.Text;

namespace AkkaKv.Protocol;

/// <summary>
/// Reads RESP2 and RESP3 replies, as a client does: tests, the multi-node runner, replication links.
/// Not resumable: an incomplete reply is parsed again from its start once more bytes arrive. Streamed
/// strings and aggregates (<c>$?</c>, <c>*?</c>) are not supported; Redis does not send them.
/// </summary>
public static class RespReader
{
    /// <summary>Nesting deeper than this is refused rather than risking the stack.</summary>
    public const int MaxDepth = 512;

    /// <summary>
    /// Reads one whole value and advances <paramref name="buffer"/> past it; false, with the buffer
    /// untouched, when the value is not complete yet. An attribute and the reply it describes count as
    /// one value. Throws <see cref="RespFormatException"/> on bytes that are not RESP.
    /// </summary>
    public static bool TryRead(ref ReadOnlySequence<byte> buffer, out RespValue? value)
    {
        var reader = new SequenceReader<byte>(buffer);
        if (!TryReadValue(ref reader, 0, out value))
        {
            value = null;
            return false;
        }

        buffer = buffer.Slice(reader.Position);
        return true;
    }

    private static bool TryReadValue(ref SequenceReader<byte> reader, int depth, out RespValue? value)
    {
        value = null;
        if (depth > MaxDepth)
        {
            throw new RespFormatException($"Replies nested deeper than {MaxDepth} levels are not supported.");
        }

        if (!reader.TryRead(out byte type) || !reader.TryReadTo(out ReadOnlySequence<byte> line, "\r\n"u8))
        {
            return false;
        }

        switch (type)
        {
            case (byte)'+':
                value = RespValue.SimpleString(Decode(line));
                return true;
            case (byte)'-':
                value = RespValue.Error(Decode(line));
                return true;
            case (byte)':':
                value = RespValue.FromInteger(ParseInteger(line));
                return true;
            case (byte)'_':
                value = RespValue.Nil;
                return true;
            case (byte)'#':
                value = ParseBoolean(line);
                return true;
            case (byte)',':
                string doubleText = Decode(line);
                value = new RespValue { Type = RespType.Double, Double = ParseDouble(doubleText), Text = doubleText };
                return true;
            case (byte)'(':
                value = new RespValue { Type = RespType.BigNumber, Text = Decode(line), Bytes = line.ToArray() };
                return true;
            case (byte)'$' or (byte)'!' or (byte)'=':
                return TryReadBlob(ref reader, type, ParseLength(line), out value);
            case (byte)'*' or (byte)'~' or (byte)'>' or (byte)'%':
                return TryReadAggregate(ref reader, type, ParseLength(line), depth, out value);
            case (byte)'|':
                return TryReadAttributed(ref reader, ParseLength(line), depth, out value);
            default:
                throw new RespFormatException($"Unknown RESP type byte 0x{type:X2} ('{(char)type}').");
        }
    }

    private static bool TryReadBlob(ref SequenceReader<byte> reader, byte type, long length, out RespValue? value)
    {
        value = null;
        if (length < 0)
        {
            value = type == (byte)'$' ? RespValue.Nil : throw new RespFormatException($"Negative length {length} for '{(char)type}'.");
            return true;
        }

        if (reader.Remaining < length + 2)
        {
            return false;
        }

        byte[] payload = reader.UnreadSequence.Slice(0, length).ToArray();
        reader.Advance(length);
        if (!reader.IsNext("\r\n"u8, advancePast: true))
        {
            throw new RespFormatException($"A '{(char)type}' payload of {length} bytes is not followed by CRLF.");
        }

        value = type switch
        {
            (byte)'$' => RespValue.Bulk(payload),
            (byte)'!' => new RespValue { Type = RespType.BlobError, Bytes = payload, Text = Encoding.UTF8.GetString(payload) },
            _ => Verbatim(payload),
        };
        return true;
    }

    private static RespValue Verbatim(byte[] payload)
    {
        if (payload.Length < 4 || payload[3] != ':')
        {
            throw new RespFormatException("A verbatim string must start with a three-byte format and ':'.");
        }

        byte[] text = payload[4..];
        return new RespValue
        {
            Type = RespType.Verbatim,
            Format = Encoding.ASCII.GetString(payload, 0, 3),
            Bytes = text,
            Text = Encoding.UTF8.GetString(text),
        };
    }

    private static bool TryReadAggregate(ref SequenceReader<byte> reader, byte type, long count, int depth, out RespValue? value)
    {
        value = null;
        if (count < 0)
        {
            value = type == (byte)'*' ? RespValue.Nil : throw new RespFormatException($"Negative count {count} for '{(char)type}'.");
            return true;
        }

        RespType respType = type switch
        {
            (byte)'*' => RespType.Array,
            (byte)'~' => RespType.Set,
            (byte)'>' => RespType.Push,
            _ => RespType.Map,
        };
        long elements = respType == RespType.Map ? count * 2 : count;
        if (!TryReadItems(ref reader, elements, depth, out List<RespValue>? items))
        {
            return false;
        }

        value = new RespValue { Type = respType, Items = items };
        return true;
    }

    private static bool TryReadAttributed(ref SequenceReader<byte> reader, long pairs, int depth, out RespValue? value)
    {
        value = null;
        if (pairs < 0)
        {
            throw new RespFormatException($"Negative attribute count {pairs}.");
        }

        if (!TryReadItems(ref reader, pairs * 2, depth, out List<RespValue>? items)
            || !TryReadValue(ref reader, depth + 1, out RespValue? described))
        {
            return false;
        }

        var attributes = new RespValue { Type = RespType.Attribute, Items = items };
        value = new RespValue
        {
            Type = described!.Type,
            Text = described.Text,
            Bytes = described.Bytes,
            Integer = described.Integer,
            Double = described.Double,
            Boolean = described.Boolean,
            Items = described.Items,
            Format = described.Format,
            Attributes = attributes,
        };
        return true;
    }

    private static bool TryReadItems(ref SequenceReader<byte> reader, long count, int depth, out List<RespValue>? items)
    {
        // Never trust a count for the allocation: the elements must arrive first.
        items = new List<RespValue>((int)Math.Min(count, 1024));
        for (long i = 0; i < count; i++)
        {
            if (!TryReadValue(ref reader, depth + 1, out RespValue? item))
            {
                items = null;
                return false;
            }

            items.Add(item!);
        }

        return true;
    }

    private static RespValue ParseBoolean(in ReadOnlySequence<byte> line) => Decode(line) switch
    {
        "t" => new RespValue { Type = RespType.Boolean, Boolean = true },
        "f" => new RespValue { Type = RespType.Boolean, Boolean = false },
        var other => throw new RespFormatException($"Invalid boolean '{other}'."),
    };

    private static double ParseDouble(string text) => text switch
    {
        "inf" or "+inf" => double.PositiveInfinity,
        "-inf" => double.NegativeInfinity,
        "nan" or "-nan" => double.NaN,
        _ when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double parsed) => parsed,
        _ => throw new RespFormatException($"Invalid double '{text}'."),
    };

    private static long ParseLength(in ReadOnlySequence<byte> line)
    {
        long length = ParseInteger(line);
        return length < -1 ? throw new RespFormatException($"Invalid length {length}.") : length;
    }

    private static long ParseInteger(in ReadOnlySequence<byte> line)
    {
        string text = Decode(line);
        return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value)
            ? value
            : throw new RespFormatException($"Invalid integer '{text}'.");
    }

    private static string Decode(in ReadOnlySequence<byte> bytes) => Encoding.UTF8.GetString(bytes);
}
