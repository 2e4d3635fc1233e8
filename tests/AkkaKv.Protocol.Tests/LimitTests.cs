namespace AkkaKv.Protocol.Tests;

public class LimitTests
{
    [Fact]
    public void The_defaults_are_Redis_defaults()
    {
        ProtocolLimits limits = ProtocolLimits.Default;

        Assert.Equal(512L * 1024 * 1024, limits.MaxBulkLength);
        Assert.Equal(64 * 1024, limits.MaxInlineLength);
        Assert.Equal(int.MaxValue, limits.MaxMultiBulkCount);
        Assert.Equal(10, limits.UnauthenticatedMaxMultiBulkCount);
        Assert.Equal(16 * 1024, limits.UnauthenticatedMaxBulkLength);
    }

    [Fact]
    public void A_bulk_of_exactly_the_maximum_length_is_accepted()
    {
        var framer = new RequestFramer(ProtocolLimits.Default);

        Assert.Equal(FrameStatus.Incomplete, framer.TryFrame(TestBytes.Of("*1\r\n$536870912\r\n"), out _, out _));
        Assert.Equal(536_870_914, framer.BytesNeededHint);
    }

    [Fact]
    public void The_maximum_bulk_length_is_configurable()
    {
        var framer = new RequestFramer(new ProtocolLimits(MaxBulkLength: 10));

        Assert.Equal(FrameStatus.Complete, framer.TryFrame(TestBytes.Of("*1\r\n$10\r\n0123456789\r\n"), out _, out _));
        Assert.Equal(FrameStatus.Error, framer.TryFrame(TestBytes.Of("*1\r\n$11\r\n"), out _, out _));
        Assert.Equal(ProtocolErrors.InvalidBulkLength, framer.Error);
    }

    [Fact]
    public void The_maximum_count_is_configurable()
    {
        var framer = new RequestFramer(new ProtocolLimits(MaxMultiBulkCount: 2));

        Assert.Equal(FrameStatus.Incomplete, framer.TryFrame(TestBytes.Of("*2\r\n"), out _, out _));
        framer.Reset();
        Assert.Equal(FrameStatus.Error, framer.TryFrame(TestBytes.Of("*3\r\n"), out _, out _));
        Assert.Equal(ProtocolErrors.InvalidMultibulkLength, framer.Error);
    }

    [Fact]
    public void A_count_of_int_max_is_accepted_and_waits_for_its_arguments()
    {
        var framer = new RequestFramer(ProtocolLimits.Default);

        Assert.Equal(FrameStatus.Incomplete, framer.TryFrame(TestBytes.Of("*2147483647\r\n"), out _, out _));
    }

    [Fact]
    public void Huge_headers_without_data_cost_nothing()
    {
        byte[] count = TestBytes.Of("*2147483647\r\n");
        byte[] bulk = TestBytes.Of("*1\r\n$536870912\r\n");
        Frame(count);
        Frame(bulk);

        long before = GC.GetAllocatedBytesForCurrentThread();
        FrameStatus first = Frame(count);
        FrameStatus second = Frame(bulk);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.Equal(FrameStatus.Incomplete, first);
        Assert.Equal(FrameStatus.Incomplete, second);

        static FrameStatus Frame(byte[] input)
        {
            var framer = new RequestFramer(ProtocolLimits.Default);
            return framer.TryFrame(input, out _, out _);
        }
    }

    [Fact]
    public void An_inline_line_of_exactly_64KB_is_accepted()
    {
        var framer = new RequestFramer(ProtocolLimits.Default);
        byte[] line = TestBytes.Of(new string('a', 65_536) + "\n");

        Assert.Equal(FrameStatus.Incomplete, framer.TryFrame(line.AsSpan(0, 65_536), out _, out _));
        Assert.Equal(FrameStatus.Complete, framer.TryFrame(line, out long length, out _));
        Assert.Equal(65_537, length);
    }

    [Fact]
    public void An_inline_line_one_byte_over_is_refused_even_when_its_newline_is_there()
    {
        var framer = new RequestFramer(ProtocolLimits.Default);

        Assert.Equal(FrameStatus.Error, framer.TryFrame(TestBytes.Of(new string('a', 65_537) + "\n"), out _, out _));
        Assert.Equal(ProtocolErrors.TooBigInlineRequest, framer.Error);
    }

    [Fact]
    public void A_header_line_of_64KB_without_CR_still_waits()
    {
        var countFramer = new RequestFramer(ProtocolLimits.Default);
        var bulkFramer = new RequestFramer(ProtocolLimits.Default);

        Assert.Equal(FrameStatus.Incomplete, countFramer.TryFrame(TestBytes.Of("*" + new string('1', 65_535)), out _, out _));
        Assert.Equal(FrameStatus.Incomplete, bulkFramer.TryFrame(TestBytes.Of("*1\r\n$" + new string('1', 65_535)), out _, out _));
    }

    [Fact]
    public void A_long_header_line_ending_within_the_limit_is_an_invalid_length_not_too_big()
    {
        var framer = new RequestFramer(ProtocolLimits.Default);

        Assert.Equal(FrameStatus.Error, framer.TryFrame(TestBytes.Of("*" + new string('1', 65_000) + "\r\n"), out _, out _));
        Assert.Equal(ProtocolErrors.InvalidMultibulkLength, framer.Error);
    }

    [Fact]
    public void The_line_limit_is_configurable()
    {
        var framer = new RequestFramer(new ProtocolLimits(MaxInlineLength: 8));

        Assert.Equal(FrameStatus.Complete, framer.TryFrame(TestBytes.Of("12345678\n"), out _, out _));
        Assert.Equal(FrameStatus.Error, framer.TryFrame(TestBytes.Of("123456789\n"), out _, out _));
        Assert.Equal(ProtocolErrors.TooBigInlineRequest, framer.Error);
    }

    [Fact]
    public void Unauthenticated_limits_are_configurable()
    {
        var limits = ProtocolLimits.Default with { UnauthenticatedMaxMultiBulkCount = 2, UnauthenticatedMaxBulkLength = 3 };
        var framer = new RequestFramer(limits) { Unauthenticated = true };

        Assert.Equal(FrameStatus.Complete, framer.TryFrame(TestBytes.Of("*2\r\n$3\r\nGET\r\n$1\r\nk\r\n"), out _, out _));
        Assert.Equal(FrameStatus.Error, framer.TryFrame(TestBytes.Of("*2\r\n$4\r\nAUTH\r\n"), out _, out _));
        Assert.Equal(ProtocolErrors.UnauthenticatedBulkLength, framer.Error);
    }

    [Fact]
    public void Unauthenticated_survives_reset()
    {
        var framer = new RequestFramer(ProtocolLimits.Default) { Unauthenticated = true };

        framer.Reset();

        Assert.True(framer.Unauthenticated);
        Assert.Equal(FrameStatus.Error, framer.TryFrame(TestBytes.Of("*11\r\n"), out _, out _));
    }

    [Fact]
    public void A_large_payload_arriving_in_pieces_completes_with_shrinking_hints()
    {
        const int size = 1_000_000;
        byte[] header = TestBytes.Of($"*1\r\n${size}\r\n");
        byte[] input = [.. header, .. new byte[size], .. "\r\n"u8];
        var framer = new RequestFramer(ProtocolLimits.Default);

        long previousHint = long.MaxValue;
        for (int available = header.Length; available < input.Length; available += 64 * 1024)
        {
            Assert.Equal(FrameStatus.Incomplete, framer.TryFrame(input.AsSpan(0, available), out _, out _));
            Assert.Equal(input.Length - available, framer.BytesNeededHint);
            Assert.True(framer.BytesNeededHint < previousHint);
            previousHint = framer.BytesNeededHint;
        }

        Assert.Equal(FrameStatus.Complete, framer.TryFrame(input, out long length, out _));
        Assert.Equal(input.Length, length);
    }
}
