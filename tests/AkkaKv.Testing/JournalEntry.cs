using System.Buffers;
using System.Globalization;
using System.Text;
using AkkaKv.Protocol;

namespace AkkaKv.Testing;

/// <summary>
/// One journaled effect, read back from the frames a node hands its journal (KeyDB's RREPLAY origin command db
/// version), so tests assert what was journaled rather than how it was encoded.
/// </summary>
public sealed record JournalEntry(int Database, byte[][] Arguments, Guid Origin, long Version)
{
    /// <summary>The command as text, arguments joined by spaces, for readable assertions.</summary>
    public string Text => string.Join(' ', Arguments.Select(argument => Encoding.UTF8.GetString(argument)));

    /// <summary>Every frame in <paramref name="frames"/>; throws if bytes are left over or a frame is malformed.</summary>
    public static List<JournalEntry> ParseAll(ReadOnlySpan<byte> frames)
    {
        var entries = new List<JournalEntry>();
        var buffer = new ReadOnlySequence<byte>(frames.ToArray());
        while (!buffer.IsEmpty)
        {
            if (!RespReader.TryRead(ref buffer, out var frame)) throw Malformed($"incomplete frame after {entries.Count} whole ones");
            entries.Add(FromFrame(frame!));
        }
        return entries;
    }

    private static JournalEntry FromFrame(RespValue frame)
    {
        var items = frame.Type == RespType.Array ? frame.Items! : throw Malformed($"a frame is a {frame.Type}, not an array");
        if (items.Count != 5 || items.Any(item => item.Type != RespType.BulkString) || items[0].Text != "RREPLAY")
        {
            throw Malformed($"not RREPLAY and four bulk strings: {frame}");
        }
        var inner = new ReadOnlySequence<byte>(items[2].Bytes!);
        if (!RespReader.TryRead(ref inner, out var command) || !inner.IsEmpty || command!.Type != RespType.Array)
        {
            throw Malformed($"the command is not exactly one RESP array: {items[2].Text}");
        }
        return new JournalEntry(
            int.Parse(items[3].Text!, NumberStyles.None, CultureInfo.InvariantCulture),
            command.Items!.Select(argument => argument.Bytes!).ToArray(),
            Guid.Parse(items[1].Text!),
            long.Parse(items[4].Text!, NumberStyles.None, CultureInfo.InvariantCulture));
    }

    private static InvalidDataException Malformed(string what) => new($"malformed journal frame: {what}");
}
