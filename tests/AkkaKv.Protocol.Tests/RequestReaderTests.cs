namespace AkkaKv.Protocol.Tests;

public class RequestReaderTests
{
    [Fact]
    public void Reads_the_arguments_of_a_multibulk_frame()
    {
        var args = new RequestArgs();

        Assert.True(RequestReader.TryRead(TestBytes.Sequence("*3\r\n$3\r\nSET\r\n$3\r\nkey\r\n$5\r\nvalue\r\n"), FrameKind.MultiBulk, args, out string? error));

        Assert.Null(error);
        Assert.Equal(3, args.Count);
        Assert.Equal("SET", args.ToString(0));
        Assert.Equal("key", args.ToString(1));
        Assert.Equal("value", args.ToString(2));
        Assert.Equal(11, args.ByteSize);
    }

    [Fact]
    public void Reads_binary_and_empty_arguments()
    {
        var args = new RequestArgs();

        RequestReader.TryRead(TestBytes.Of("*3\r\n$0\r\n\r\n$4\r\n\r\n\0\u00ff\r\n$1\r\n$\r\n"), FrameKind.MultiBulk, args, out _);

        Assert.Equal(3, args.Count);
        Assert.Equal(0, args[0].Length);
        Assert.Equal(TestBytes.Of("\r\n\0\u00ff"), args.ToArray(1));
        Assert.Equal("$", args.ToString(2));
    }

    [Fact]
    public void Reads_a_frame_with_the_lax_CR_and_trailer_Redis_accepts()
    {
        var args = new RequestArgs();

        RequestReader.TryRead(TestBytes.Of("*2\rX$3\rYfooAB$1\r\nkZZ"), FrameKind.MultiBulk, args, out _);

        Assert.Equal("foo k", args.ToString());
    }

    [Fact]
    public void Reads_a_multibulk_frame_split_across_segments()
    {
        byte[] frame = TestBytes.Of("*2\r\n$4\r\nECHO\r\n$20\r\n01234567890123456789\r\n");
        for (int cut = 1; cut < frame.Length; cut++)
        {
            var args = new RequestArgs();

            RequestReader.TryRead(TestBytes.Segmented(frame, cut, cut + 7), FrameKind.MultiBulk, args, out _);

            Assert.Equal("ECHO 01234567890123456789", args.ToString());
        }

        var oneByte = new RequestArgs();
        RequestReader.TryRead(TestBytes.OneBytePerSegment(frame), FrameKind.MultiBulk, oneByte, out _);
        Assert.Equal("ECHO 01234567890123456789", oneByte.ToString());
    }

    [Fact]
    public void An_empty_frame_gives_no_arguments()
    {
        var args = RequestArgs.From("stale");

        Assert.True(RequestReader.TryRead(TestBytes.Of("*0\r\n"), FrameKind.Empty, args, out _));

        Assert.Equal(0, args.Count);
    }

    [Fact]
    public void Reading_resets_the_arguments_first()
    {
        var args = RequestArgs.From("a", "b", "c");

        RequestReader.TryRead(TestBytes.Of("PING\r\n"), FrameKind.Inline, args, out _);

        Assert.Equal(1, args.Count);
        Assert.Equal("PING", args.ToString(0));
    }

    [Theory]
    [InlineData("*2\r\n$3\r\nGET\r\n")]
    [InlineData("*1\r\n$10\r\nshort\r\n")]
    [InlineData("+OK\r\n")]
    [InlineData("*1\r\n")]
    public void Bytes_that_are_not_one_frame_are_refused(string input)
    {
        var args = new RequestArgs();

        Assert.Throws<ArgumentException>(() => RequestReader.TryRead(TestBytes.Of(input), FrameKind.MultiBulk, args, out _));
        Assert.Throws<ArgumentException>(() => RequestReader.TryRead(TestBytes.OneBytePerSegment(TestBytes.Of(input)), FrameKind.MultiBulk, args, out _));
    }
}
