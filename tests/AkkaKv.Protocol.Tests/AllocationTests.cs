using System.Buffers;

namespace AkkaKv.Protocol.Tests;

/// <summary>The hot paths allocate nothing once their buffers are warm.</summary>
public class AllocationTests
{
    private static readonly byte[] Pipeline = TestBytes.Of(string.Concat(Enumerable.Repeat(
        "*3\r\n$3\r\nSET\r\n$10\r\nkey:000001\r\n$16\r\nvalue-0123456789\r\n*2\r\n$3\r\nGET\r\n$10\r\nkey:000001\r\n", 8)));

    /// <summary>Framing then reading each frame, and reading while framing as a session does.</summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Framing_and_reading_a_pipeline_allocates_nothing(bool readWhileFraming)
    {
        var framer = new RequestFramer(ProtocolLimits.Default);
        var args = new RequestArgs();
        int commands = Drain(ref framer, args, readWhileFraming);
        Drain(ref framer, args, readWhileFraming);

        long before = GC.GetAllocatedBytesForCurrentThread();
        int again = Drain(ref framer, args, readWhileFraming);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.Equal(16, commands);
        Assert.Equal(commands, again);
    }

    [Fact]
    public void Framing_a_segmented_pipeline_allocates_nothing()
    {
        ReadOnlySequence<byte> input = TestBytes.Segmented(Pipeline, 100, 200, 300);
        var framer = new RequestFramer(ProtocolLimits.Default);
        var args = new RequestArgs();
        DrainSequence(ref framer, args, input);

        long before = GC.GetAllocatedBytesForCurrentThread();
        int commands = DrainSequence(ref framer, args, input);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.Equal(16, commands);
    }

    [Fact]
    public void Writing_replies_allocates_nothing()
    {
        using var writer = new RespWriter();
        WriteReplies(writer);
        writer.Reset();

        long before = GC.GetAllocatedBytesForCurrentThread();
        WriteReplies(writer);
        writer.Reset();
        writer.Protocol = 3;
        WriteReplies(writer);
        writer.Reset();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
    }

    private static void WriteReplies(RespWriter writer)
    {
        writer.WriteOk();
        writer.WriteBulk("value-0123456789"u8);
        writer.WriteBulk("text");
        writer.WriteNull();
        writer.WriteInteger(1234567);
        writer.WriteBulk(-42);
        writer.WriteArrayHeader(3);
        writer.WriteMapHeader(2);
        writer.WriteDouble(3.14159);
        writer.WriteDouble(1e-9);
        writer.WriteBoolean(true);
        writer.WriteError("ERR something went wrong");
        writer.WriteSimpleString("QUEUED");
        writer.WriteVerbatim("txt"u8, "info"u8);
    }

    private static int Drain(ref RequestFramer framer, RequestArgs args, bool readWhileFraming)
    {
        int commands = 0;
        ReadOnlySpan<byte> rest = Pipeline;
        while (true)
        {
            bool argumentsRead = false;
            FrameStatus status = readWhileFraming
                ? framer.TryFrame(rest, args, out long length, out FrameKind kind, out argumentsRead)
                : framer.TryFrame(rest, out length, out kind);
            if (status != FrameStatus.Complete)
            {
                return commands;
            }

            if (!argumentsRead)
            {
                RequestReader.TryRead(rest[..(int)length], kind, args, out _);
            }

            // Every frame here is whole and short, so reading while framing always reads it: one that did not is not
            // counted, and the test's count fails.
            commands += args.Count > 0 && argumentsRead == readWhileFraming ? 1 : 0;
            rest = rest[(int)length..];
        }
    }

    private static int DrainSequence(ref RequestFramer framer, RequestArgs args, ReadOnlySequence<byte> rest)
    {
        int commands = 0;
        while (framer.TryFrame(rest, out long length, out FrameKind kind) == FrameStatus.Complete)
        {
            RequestReader.TryRead(rest.Slice(0, length), kind, args, out _);
            commands += args.Count > 0 ? 1 : 0;
            rest = rest.Slice(length);
        }

        return commands;
    }
}
