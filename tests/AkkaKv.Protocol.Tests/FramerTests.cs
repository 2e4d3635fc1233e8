using System.Buffers;

namespace AkkaKv.Protocol.Tests;

public class FramerTests
{
    [Fact]
    public void Reading_while_framing_copies_nothing_until_the_frame_is_whole()
    {
        var framer = new RequestFramer(ProtocolLimits.Default);
        var args = RequestArgs.From("earlier");
        byte[] frame = TestBytes.Of("*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$5\r\nvalue\r\n");

        Assert.Equal(FrameStatus.Incomplete, framer.TryFrame(frame.AsSpan(0, frame.Length - 4), args, out _, out _, out bool read));
        Assert.False(read);
        Assert.Equal("earlier", args.ToString());

        Assert.Equal(FrameStatus.Complete, framer.TryFrame(frame, args, out long length, out FrameKind kind, out read));
        Assert.False(read); // resumed by the state machine: the caller reads it
        Assert.Equal((frame.Length, FrameKind.MultiBulk), (length, kind));

        Assert.Equal(FrameStatus.Complete, framer.TryFrame(frame, args, out length, out _, out read));
        Assert.True(read);
        Assert.Equal("SET k value", args.ToString());
    }

    [Fact]
    public void A_frame_with_more_arguments_than_are_read_while_framing_is_left_to_the_reader()
    {
        var framer = new RequestFramer(ProtocolLimits.Default);
        var args = RequestArgs.From("earlier");
        int count = RequestFramer.ArgumentsReadWhileFraming + 1;
        byte[] frame = TestBytes.Of($"*{count}\r\n" + string.Concat(Enumerable.Repeat("$1\r\nx\r\n", count)));

        Assert.Equal(FrameStatus.Complete, framer.TryFrame(frame, args, out long length, out FrameKind kind, out bool read));
        Assert.False(read);
        Assert.Equal("earlier", args.ToString());
        Assert.True(RequestReader.TryRead(frame.AsSpan(0, (int)length), kind, args, out _));
        Assert.Equal(count, args.Count);
    }

    [Theory]
    [InlineData("*1\r\n$4\r\nPING\r\n", 14)]
    [InlineData("*2\r\n$3\r\nGET\r\n$1\r\nk\r\n", 20)]
    [InlineData("*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$0\r\n\r\n", 26)]
    [InlineData("*1\r\n$10\r\n0123456789\r\n", 21)]
    public void Frames_a_multibulk_request(string input, long expectedLength)
    {
        var framer = new RequestFramer(ProtocolLimits.Default);

        FrameStatus status = framer.TryFrame(TestBytes.Sequence(input + "*1\r\n"), out long length, out FrameKind kind);

        Assert.Equal(FrameStatus.Complete, status);
        Assert.Equal(expectedLength, length);
        Assert.Equal(FrameKind.MultiBulk, kind);
    }

    [Theory]
    [InlineData("PING\r\n", 6)]
    [InlineData("PING\n", 5)]
    [InlineData("SET k v\r\nGET k\r\n", 9)]
    [InlineData("\"unbalanced\n", 12)]
    public void Frames_an_inline_request_up_to_its_newline(string input, long expectedLength)
    {
        var framer = new RequestFramer(ProtocolLimits.Default);

        FrameStatus status = framer.TryFrame(TestBytes.Sequence(input), out long length, out FrameKind kind);

        Assert.Equal(FrameStatus.Complete, status);
        Assert.Equal(expectedLength, length);
        Assert.Equal(FrameKind.Inline, kind);
    }

    [Theory]
    [InlineData("*0\r\n", 4)]
    [InlineData("*-1\r\n", 5)]
    [InlineData("*-100\r\n", 7)]
    [InlineData("*-9223372036854775808\r\n", 23)]
    [InlineData("\r\n", 2)]
    [InlineData("\n", 1)]
    [InlineData("   \t\r\n", 6)]
    [InlineData(" \v\f \n", 5)]
    public void Frames_without_a_command_are_empty(string input, long expectedLength)
    {
        var framer = new RequestFramer(ProtocolLimits.Default);

        FrameStatus status = framer.TryFrame(TestBytes.Sequence(input + "PING\r\n"), out long length, out FrameKind kind);

        Assert.Equal(FrameStatus.Complete, status);
        Assert.Equal(expectedLength, length);
        Assert.Equal(FrameKind.Empty, kind);
    }

    [Theory]
    [InlineData("")]
    [InlineData("*")]
    [InlineData("*1")]
    [InlineData("*1\r")]
    [InlineData("*1\r\n")]
    [InlineData("*1\r\n$")]
    [InlineData("*1\r\n$4")]
    [InlineData("*1\r\n$4\r")]
    [InlineData("*1\r\n$4\r\n")]
    [InlineData("*1\r\n$4\r\nPIN")]
    [InlineData("*1\r\n$4\r\nPING")]
    [InlineData("*1\r\n$4\r\nPING\r")]
    [InlineData("*2\r\n$4\r\nPING\r\n")]
    [InlineData("PING")]
    [InlineData("PING\r")]
    public void A_partial_frame_is_incomplete(string input)
    {
        var framer = new RequestFramer(ProtocolLimits.Default);

        Assert.Equal(FrameStatus.Incomplete, framer.TryFrame(TestBytes.Sequence(input), out _, out _));
        Assert.Null(framer.Error);
    }

    [Fact]
    public void Resumes_byte_by_byte_with_the_same_start()
    {
        byte[] input = TestBytes.Of("*3\r\n$3\r\nSET\r\n$3\r\nkey\r\n$5\r\nvalue\r\n");
        var framer = new RequestFramer(ProtocolLimits.Default);

        for (int available = 0; available < input.Length; available++)
        {
            Assert.Equal(FrameStatus.Incomplete, framer.TryFrame(new ReadOnlySequence<byte>(input, 0, available), out _, out _));
        }

        Assert.Equal(FrameStatus.Complete, framer.TryFrame(new ReadOnlySequence<byte>(input), out long length, out FrameKind kind));
        Assert.Equal(input.Length, length);
        Assert.Equal(FrameKind.MultiBulk, kind);
    }

    [Fact]
    public void Resumes_an_inline_line_byte_by_byte()
    {
        byte[] input = TestBytes.Of("SET key value\r\n");
        var framer = new RequestFramer(ProtocolLimits.Default);

        for (int available = 1; available < input.Length; available++)
        {
            Assert.Equal(FrameStatus.Incomplete, framer.TryFrame(input.AsSpan(0, available), out _, out _));
        }

        Assert.Equal(FrameStatus.Complete, framer.TryFrame(input, out long length, out FrameKind kind));
        Assert.Equal(input.Length, length);
        Assert.Equal(FrameKind.Inline, kind);
    }

    [Fact]
    public void Resets_itself_after_a_complete_frame()
    {
        byte[] input = TestBytes.Of("*1\r\n$4\r\nPING\r\nECHO x\r\n");
        var framer = new RequestFramer(ProtocolLimits.Default);

        framer.TryFrame(input, out long first, out _);
        FrameStatus status = framer.TryFrame(input.AsSpan((int)first), out long second, out FrameKind kind);

        Assert.Equal(FrameStatus.Complete, status);
        Assert.Equal(8, second);
        Assert.Equal(FrameKind.Inline, kind);
    }

    [Fact]
    public void Reset_starts_a_frame_over()
    {
        var framer = new RequestFramer(ProtocolLimits.Default);
        framer.TryFrame(TestBytes.Of("*2\r\n$3\r\nGET\r\n"), out _, out _);

        framer.Reset();

        Assert.Equal(FrameStatus.Complete, framer.TryFrame(TestBytes.Of("PING\r\n"), out long length, out FrameKind kind));
        Assert.Equal(6, length);
        Assert.Equal(FrameKind.Inline, kind);
    }

    [Fact]
    public void Reports_how_many_payload_bytes_are_still_needed()
    {
        byte[] input = TestBytes.Of("*2\r\n$3\r\nGET\r\n$10\r\n0123");
        var framer = new RequestFramer(ProtocolLimits.Default);

        Assert.Equal(FrameStatus.Incomplete, framer.TryFrame(input, out _, out _));

        Assert.Equal(8, framer.BytesNeededHint);
    }

    [Fact]
    public void The_hint_is_zero_while_a_header_line_is_incomplete()
    {
        var framer = new RequestFramer(ProtocolLimits.Default);

        framer.TryFrame(TestBytes.Of("*2\r\n$3\r\nGET\r\n$1"), out _, out _);

        Assert.Equal(0, framer.BytesNeededHint);
    }

    [Fact]
    public void Skips_the_two_bytes_after_a_payload_without_checking_them_as_Redis_does()
    {
        var framer = new RequestFramer(ProtocolLimits.Default);

        FrameStatus status = framer.TryFrame(TestBytes.Of("*1\r\n$3\r\nfooXY"), out long length, out _);

        Assert.Equal(FrameStatus.Complete, status);
        Assert.Equal(13, length);
    }

    [Fact]
    public void Takes_any_byte_after_a_header_CR_as_its_LF_as_Redis_does()
    {
        var framer = new RequestFramer(ProtocolLimits.Default);

        FrameStatus status = framer.TryFrame(TestBytes.Of("*1\rX$3\rYfoo\r\n"), out long length, out _);

        Assert.Equal(FrameStatus.Complete, status);
        Assert.Equal(13, length);
    }

    [Fact]
    public void A_payload_may_hold_CR_LF_and_any_byte()
    {
        var framer = new RequestFramer(ProtocolLimits.Default);

        FrameStatus status = framer.TryFrame(TestBytes.Of("*1\r\n$6\r\n\r\n*\0\xff$\r\n"), out long length, out _);

        Assert.Equal(FrameStatus.Complete, status);
        Assert.Equal(16, length);
    }

    [Fact]
    public void A_default_framer_uses_the_default_limits()
    {
        RequestFramer framer = default;

        Assert.Same(ProtocolLimits.Default, framer.Limits);
        Assert.Equal(FrameStatus.Complete, framer.TryFrame(TestBytes.Of("*1\r\n$4\r\nPING\r\n"), out _, out _));
    }

    [Fact]
    public void Frames_a_sequence_of_one_byte_segments()
    {
        byte[] input = TestBytes.Of("*2\r\n$4\r\nECHO\r\n$11\r\nhello world\r\n");
        var framer = new RequestFramer(ProtocolLimits.Default);

        FrameStatus status = framer.TryFrame(TestBytes.OneBytePerSegment(input), out long length, out FrameKind kind);

        Assert.Equal(FrameStatus.Complete, status);
        Assert.Equal(input.Length, length);
        Assert.Equal(FrameKind.MultiBulk, kind);
    }

    [Fact]
    public void Frames_an_inline_request_in_one_byte_segments()
    {
        byte[] input = TestBytes.Of("ECHO \"hello world\"\r\n");
        var framer = new RequestFramer(ProtocolLimits.Default);

        FrameStatus status = framer.TryFrame(TestBytes.OneBytePerSegment(input), out long length, out FrameKind kind);

        Assert.Equal(FrameStatus.Complete, status);
        Assert.Equal(input.Length, length);
        Assert.Equal(FrameKind.Inline, kind);
    }

    [Fact]
    public void A_frame_starting_with_anything_but_a_star_is_inline()
    {
        var framer = new RequestFramer(ProtocolLimits.Default);

        framer.TryFrame(TestBytes.Of("$3\r\nfoo\r\n"), out long length, out FrameKind kind);

        Assert.Equal(FrameKind.Inline, kind);
        Assert.Equal(4, length);
    }

    [Theory]
    [InlineData("*1\r\n$000000000000000003\r\nfoo\r\n")]
    [InlineData("*1\r\n$0003\r\nfoo\r\n")]
    public void Lengths_with_leading_zeros_are_refused_however_long(string input)
    {
        var framer = new RequestFramer(ProtocolLimits.Default);

        Assert.Equal(FrameStatus.Error, framer.TryFrame(TestBytes.Of(input), out _, out _));
        Assert.Equal(ProtocolErrors.InvalidBulkLength, framer.Error);
    }

    [Theory]
    [InlineData("*-1000000000000000000\r\n")]
    [InlineData("*-9223372036854775808\r\n")]
    public void Negative_counts_of_19_and_20_characters_are_empty(string input)
    {
        var framer = new RequestFramer(ProtocolLimits.Default);

        Assert.Equal(FrameStatus.Complete, framer.TryFrame(TestBytes.Of(input), out long length, out FrameKind kind));
        Assert.Equal(FrameKind.Empty, kind);
        Assert.Equal(input.Length, length);
    }

    [Fact]
    public void Contiguous_and_segmented_buffers_frame_alike()
    {
        string[] inputs =
        [
            "*2\r\n$3\r\nGET\r\n$1\r\nk\r\n", "*1\r\n$0\r\n\r\n", "*0\r\n", "*-1\r\n", "*1\rX$3\rYfooAB",
            "*1\r\n$4\r\nPI", "*x\r\n", "*1\r\n!3\r\n", "PING\r\n", "*1\r\n$9999999999999999999\r\n",
        ];
        foreach (string input in inputs)
        {
            byte[] bytes = TestBytes.Of(input);
            var contiguous = new RequestFramer(ProtocolLimits.Default);
            var segmented = new RequestFramer(ProtocolLimits.Default);

            FrameStatus first = contiguous.TryFrame(bytes, out long firstLength, out FrameKind firstKind);
            FrameStatus second = segmented.TryFrame(TestBytes.OneBytePerSegment(bytes), out long secondLength, out FrameKind secondKind);

            Assert.Equal((first, firstLength, firstKind, contiguous.Error), (second, secondLength, secondKind, segmented.Error));
        }
    }
}
