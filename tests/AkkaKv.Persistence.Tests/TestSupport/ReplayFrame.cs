using System.Buffers;
using System.Globalization;
using System.Text;
using AkkaKv.Protocol;

namespace AkkaKv.Persistence.Tests.TestSupport;

/// <summary>One RREPLAY frame of the replication stream, read back with <see cref="RespReader"/>.</summary>
public sealed record ReplayFrame(Guid Origin, byte[][] Command, int Database, long Version)
{
    /// <summary>The command as text, arguments joined by spaces, for readable assertions.</summary>
    public string CommandText => string.Join(' ', Command.Select(argument => Encoding.UTF8.GetString(argument)));

    /// <summary>Every whole frame in <paramref name="stream"/>; fails if bytes are left over or a frame is malformed.</summary>
    public static List<ReplayFrame> ParseAll(byte[] stream)
    {
        var frames = new List<ReplayFrame>();
        var buffer = new ReadOnlySequence<byte>(stream);
        while (!buffer.IsEmpty)
        {
            Assert.True(RespReader.TryRead(ref buffer, out var value), $"incomplete frame after {frames.Count} whole ones");
            frames.Add(FromReply(value!));
        }
        return frames;
    }

    private static ReplayFrame FromReply(RespValue value)
    {
        Assert.Equal(RespType.Array, value.Type);
        var items = value.Items!;
        Assert.Equal(5, items.Count);
        Assert.All(items, item => Assert.Equal(RespType.BulkString, item.Type));
        Assert.Equal("RREPLAY", items[0].Text);
        var inner = new ReadOnlySequence<byte>(items[2].Bytes!);
        Assert.True(RespReader.TryRead(ref inner, out var command), "the inner command is not a whole RESP value");
        Assert.True(inner.IsEmpty, "bytes after the inner command");
        Assert.Equal(RespType.Array, command!.Type);
        return new ReplayFrame(
            Guid.Parse(items[1].Text!),
            command.Items!.Select(argument => argument.Bytes!).ToArray(),
            int.Parse(items[3].Text!, NumberStyles.None, CultureInfo.InvariantCulture),
            long.Parse(items[4].Text!, NumberStyles.None, CultureInfo.InvariantCulture));
    }
}
