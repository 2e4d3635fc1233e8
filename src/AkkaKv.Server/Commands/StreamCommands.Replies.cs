using System.Buffers;
using AkkaKv.Protocol;
using AkkaKv.Storage;

namespace AkkaKv.Server.Commands;

/// <summary>Reply shapes shared by the stream commands.</summary>
public static partial class StreamCommands
{
    /// <summary>An ID as a bulk string, "ms-seq".</summary>
    private static void WriteId(RespWriter reply, StreamId id)
    {
        Span<byte> text = stackalloc byte[StreamId.MaxTextLength];
        reply.WriteBulk(text[..id.Format(text)]);
    }

    /// <summary>An entry: [id, [field, value, ...]].</summary>
    private static void WriteEntry(RespWriter reply, in StreamEntry entry)
    {
        reply.WriteArrayHeader(2);
        WriteId(reply, entry.Id);
        reply.WriteArrayHeader(entry.FieldCount * 2);
        var fields = entry.GetFields();
        while (fields.MoveNext())
        {
            reply.WriteBulk(fields.Field);
            reply.WriteBulk(fields.Value);
        }
    }

    /// <summary>
    /// Puts an array (or RESP3 map) header of <paramref name="count"/> in front of what was written since
    /// <paramref name="mark"/>: Redis's deferred lengths, for replies whose size is known only once written.
    /// </summary>
    private static void InsertHeader(RespWriter reply, int mark, int count, bool map)
    {
        var bodyLength = reply.Length - mark;
        var body = bodyLength == 0 ? null : ArrayPool<byte>.Shared.Rent(bodyLength);
        if (body is not null)
        {
            reply.Slice(mark, reply.Length).CopyTo(body);
            reply.Truncate(mark);
        }

        if (map) reply.WriteMapHeader(count);
        else reply.WriteArrayHeader(count);
        if (body is null) return;
        reply.WriteRaw(body.AsSpan(0, bodyLength));
        ArrayPool<byte>.Shared.Return(body);
    }
}
