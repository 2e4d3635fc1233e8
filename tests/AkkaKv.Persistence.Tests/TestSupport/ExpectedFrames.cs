using System.Globalization;
using System.Text;
using AkkaKv.Testing;

namespace AkkaKv.Persistence.Tests.TestSupport;

/// <summary>
/// The bytes a journal entry must become, spelled out by hand (not with RespWriter) so the shards' encoding is
/// checked against the format rather than against itself.
/// </summary>
public static class ExpectedFrames
{
    /// <summary>Versions are ms &lt;&lt; 20 | counter: 19 decimal digits from 2001 until long overflows.</summary>
    public const int VersionDigits = 19;

    public static byte[] Of(JournalEntry entry)
    {
        var inner = new List<byte>();
        Append(inner, $"*{entry.Arguments.Length}\r\n");
        foreach (var argument in entry.Arguments) AppendBulk(inner, argument);

        var frame = new List<byte>();
        Append(frame, "*5\r\n");
        AppendBulk(frame, "RREPLAY"u8.ToArray());
        AppendBulk(frame, Encoding.ASCII.GetBytes(entry.Origin.ToString()));
        AppendBulk(frame, inner.ToArray());
        AppendBulk(frame, Encoding.ASCII.GetBytes(entry.Database.ToString(CultureInfo.InvariantCulture)));
        AppendBulk(frame, Encoding.ASCII.GetBytes(entry.Version.ToString(CultureInfo.InvariantCulture)));
        return frame.ToArray();
    }

    /// <summary>The frame size of a command journaled on a live node, whose version is not known in advance.</summary>
    public static int SizeOf(int database, params string[] command)
    {
        var probe = new JournalEntry(database, command.Select(Encoding.UTF8.GetBytes).ToArray(), Guid.Empty, 1_000_000_000_000_000_000);
        return Of(probe).Length;
    }

    private static void AppendBulk(List<byte> target, byte[] value)
    {
        Append(target, $"${value.Length}\r\n");
        target.AddRange(value);
        Append(target, "\r\n");
    }

    private static void Append(List<byte> target, string text) => target.AddRange(Encoding.ASCII.GetBytes(text));
}
