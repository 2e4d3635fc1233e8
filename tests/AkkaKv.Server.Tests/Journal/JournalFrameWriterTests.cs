using System.Text;
using AkkaKv.Protocol;
using AkkaKv.Server.Journal;
using AkkaKv.Testing;

namespace AkkaKv.Server.Tests.Journal;

/// <summary>The journal's frames, byte for byte: KeyDB's RREPLAY origin-uuid command db version.</summary>
public sealed class JournalFrameWriterTests
{
    private static readonly Guid Origin = Guid.Parse("6f1c3a52-9d0e-4b7a-8f21-3c5d7e9a1b24");

    private const string SetKV =
        "*5\r\n$7\r\nRREPLAY\r\n$36\r\n6f1c3a52-9d0e-4b7a-8f21-3c5d7e9a1b24\r\n" +
        "$27\r\n*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$1\r\nv\r\n\r\n" +
        "$1\r\n2\r\n$19\r\n1234567890123456789\r\n";

    private static byte[] B(string text) => Encoding.UTF8.GetBytes(text);

    private static string Written(JournalFrameWriter writer) => Encoding.ASCII.GetString(writer.Frames);

    [Fact]
    public void A_frame_is_rreplay_origin_command_db_version()
    {
        var writer = new JournalFrameWriter(Origin);

        writer.Write(2, 1234567890123456789, [B("SET"), B("k"), B("v")]);

        Assert.Equal(SetKV, Written(writer));
    }

    [Fact]
    public void A_request_as_received_and_named_arguments_encode_alike()
    {
        var fromRequest = new JournalFrameWriter(Origin);
        var fromArguments = new JournalFrameWriter(Origin);
        var request = RequestArgs.From("SET", "k", "v");

        fromRequest.Write(2, 1234567890123456789, request);
        fromArguments.Write(2, 1234567890123456789, [B("SET"), request.Memory(1), request.Memory(2)]);

        Assert.Equal(SetKV, Written(fromRequest));
        Assert.Equal(SetKV, Written(fromArguments));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(9)]
    [InlineData(10)]
    [InlineData(99)]
    [InlineData(100)]
    [InlineData(-1)]
    [InlineData(-10)]
    [InlineData(1_700_000_000_000)]
    [InlineData(long.MaxValue)]
    [InlineData(long.MinValue)]
    public void Integer_arguments_are_written_as_their_decimal_text(long integer)
    {
        var writer = new JournalFrameWriter(Origin);

        writer.Write(0, 1, [B("PEXPIREAT"), B("k"), integer]);

        var text = integer.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal($"PEXPIREAT k {text}", Assert.Single(JournalEntry.ParseAll(writer.Frames)).Text);
    }

    [Fact]
    public void Binary_and_empty_arguments_databases_and_versions_of_any_width_read_back()
    {
        var writer = new JournalFrameWriter(Origin);
        var binary = new byte[] { 0, 13, 10, 255, (byte)'$', (byte)'*' };
        var large = new byte[100_000];
        Random.Shared.NextBytes(large);
        var request = new RequestArgs();
        request.Add("SET"u8);
        request.Add(binary);
        request.Add(ReadOnlySpan<byte>.Empty);

        writer.Write(15, 7, request);
        writer.Write(0, long.MaxValue, [B("SET"), B("big"), large]);
        writer.Write(123, 1L << 40, [B("DEL"), binary]);

        var entries = JournalEntry.ParseAll(writer.Frames);
        Assert.Equal([15, 0, 123], entries.Select(e => e.Database));
        Assert.Equal([7, long.MaxValue, 1L << 40], entries.Select(e => e.Version));
        Assert.All(entries, e => Assert.Equal(Origin, e.Origin));
        Assert.Equal([B("SET"), binary, []], entries[0].Arguments);
        Assert.Equal([B("SET"), B("big"), large], entries[1].Arguments);
        Assert.Equal([B("DEL"), binary], entries[2].Arguments);
    }

    [Fact]
    public void Frames_accumulate_in_order_until_cleared()
    {
        var writer = new JournalFrameWriter(Origin);
        Assert.True(writer.IsEmpty);

        writer.Write(0, 1, [B("SET"), B("a"), B("1")]);
        writer.Write(0, 2, [B("DEL"), B("a")]);

        Assert.False(writer.IsEmpty);
        Assert.Equal(["SET a 1", "DEL a"], JournalEntry.ParseAll(writer.Frames).Select(e => e.Text));
        writer.Clear();
        Assert.True(writer.IsEmpty);
        writer.Write(0, 3, [B("INCR"), B("c")]);
        Assert.Equal(["INCR c"], JournalEntry.ParseAll(writer.Frames).Select(e => e.Text));
    }
}
