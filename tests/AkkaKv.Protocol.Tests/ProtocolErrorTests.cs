namespace AkkaKv.Protocol.Tests;

/// <summary>Every protocol error text, exactly as redis-server 7.0.15 sends it for the same bytes.</summary>
public class ProtocolErrorTests
{
    [Theory]
    [InlineData("*abc\r\n")]
    [InlineData("*2147483648\r\n")]
    [InlineData("*01\r\n")]
    [InlineData("*+1\r\n")]
    [InlineData("* 1\r\n")]
    [InlineData("*1 \r\n")]
    [InlineData("*\r\n")]
    [InlineData("*-0\r\n")]
    [InlineData("*-\r\n")]
    [InlineData("*99999999999999999999\r\n")]
    [InlineData("*9223372036854775808\r\n")]
    [InlineData("*-9223372036854775809\r\n")]
    [InlineData("*123456789012345678901\r\n")]
    public void An_invalid_count_is_an_invalid_multibulk_length(string input)
    {
        Assert.Equal(ProtocolErrors.InvalidMultibulkLength, FrameError(input));
    }

    [Theory]
    [InlineData("*1\r\n$abc\r\n")]
    [InlineData("*1\r\n$-1\r\n")]
    [InlineData("*1\r\n$-5\r\n")]
    [InlineData("*1\r\n$01\r\n")]
    [InlineData("*1\r\n$+3\r\n")]
    [InlineData("*1\r\n$\r\n")]
    [InlineData("*1\r\n$3 \r\n")]
    [InlineData("*1\r\n$536870913\r\n")]
    [InlineData("*1\r\n$9223372036854775807\r\n")]
    [InlineData("*1\r\n$99999999999999999999\r\n")]
    public void An_invalid_length_is_an_invalid_bulk_length(string input)
    {
        Assert.Equal(ProtocolErrors.InvalidBulkLength, FrameError(input));
    }

    [Theory]
    [InlineData("*1\r\nX3\r\n", "ERR Protocol error: expected '$', got 'X'")]
    [InlineData("*1\r\n:3\r\n", "ERR Protocol error: expected '$', got ':'")]
    [InlineData("*1\r\n*1\r\n", "ERR Protocol error: expected '$', got '*'")]
    [InlineData("*1\r\n\r\n", "ERR Protocol error: expected '$', got ' '")]
    [InlineData("*1\r\n\n\r\n", "ERR Protocol error: expected '$', got ' '")]
    [InlineData("*2\r\n$1\r\na\r\n+OK\r\n", "ERR Protocol error: expected '$', got '+'")]
    public void A_header_without_a_dollar_names_what_came_instead(string input, string expected)
    {
        Assert.Equal(expected, FrameError(input));
    }

    [Fact]
    public void ExpectedDollar_formats_as_Redis_does()
    {
        Assert.Equal("ERR Protocol error: expected '$', got 'x'", ProtocolErrors.ExpectedDollar('x'));
        Assert.Equal("ERR Protocol error: expected '$', got ' '", ProtocolErrors.ExpectedDollar('\r'));
        Assert.Equal("ERR Protocol error: expected '$', got '\0'", ProtocolErrors.ExpectedDollar((byte)0));
    }

    [Fact]
    public void Texts_are_Redis_texts()
    {
        Assert.Equal("ERR Protocol error: invalid multibulk length", ProtocolErrors.InvalidMultibulkLength);
        Assert.Equal("ERR Protocol error: invalid bulk length", ProtocolErrors.InvalidBulkLength);
        Assert.Equal("ERR Protocol error: too big inline request", ProtocolErrors.TooBigInlineRequest);
        Assert.Equal("ERR Protocol error: too big mbulk count string", ProtocolErrors.TooBigMbulkCountString);
        Assert.Equal("ERR Protocol error: too big bulk count string", ProtocolErrors.TooBigBulkCountString);
        Assert.Equal("ERR Protocol error: unbalanced quotes in request", ProtocolErrors.UnbalancedQuotes);
        Assert.Equal("ERR Protocol error: unauthenticated multibulk length", ProtocolErrors.UnauthenticatedMultibulkLength);
        Assert.Equal("ERR Protocol error: unauthenticated bulk length", ProtocolErrors.UnauthenticatedBulkLength);
    }

    [Fact]
    public void An_inline_line_over_64KB_is_too_big()
    {
        Assert.Equal(ProtocolErrors.TooBigInlineRequest, FrameError(new string('a', 65_537)));
    }

    [Fact]
    public void A_count_line_over_64KB_is_too_big()
    {
        Assert.Equal(ProtocolErrors.TooBigMbulkCountString, FrameError("*" + new string('1', 65_536)));
    }

    [Fact]
    public void A_bulk_length_line_over_64KB_is_too_big()
    {
        Assert.Equal(ProtocolErrors.TooBigBulkCountString, FrameError("*1\r\n$" + new string('1', 65_536)));
    }

    [Fact]
    public void A_header_line_with_a_NUL_waits_until_it_is_too_big_as_Redis_does()
    {
        var framer = new RequestFramer(ProtocolLimits.Default);
        string start = "*1\r\n$4\0\r\nPING\r\n";

        Assert.Equal(FrameStatus.Incomplete, framer.TryFrame(TestBytes.Of(start), out _, out _));
        Assert.Equal(FrameStatus.Error, framer.TryFrame(TestBytes.Of(start + new string('x', 70_000)), out _, out _));
        Assert.Equal(ProtocolErrors.TooBigBulkCountString, framer.Error);
    }

    [Theory]
    [InlineData("*11\r\n", ProtocolErrors.UnauthenticatedMultibulkLength)]
    [InlineData("*1\r\n$16385\r\n", ProtocolErrors.UnauthenticatedBulkLength)]
    [InlineData("*abc\r\n", ProtocolErrors.InvalidMultibulkLength)]
    [InlineData("*1\r\n$-5\r\n", ProtocolErrors.InvalidBulkLength)]
    public void Before_authentication_Redis_refuses_big_requests(string input, string expected)
    {
        var framer = new RequestFramer(ProtocolLimits.Default) { Unauthenticated = true };

        Assert.Equal(FrameStatus.Error, framer.TryFrame(TestBytes.Of(input), out _, out _));
        Assert.Equal(expected, framer.Error);
    }

    [Theory]
    [InlineData("*10\r\n")]
    [InlineData("*1\r\n$16384\r\n")]
    public void Before_authentication_requests_up_to_the_limits_pass(string input)
    {
        var framer = new RequestFramer(ProtocolLimits.Default) { Unauthenticated = true };

        Assert.Equal(FrameStatus.Incomplete, framer.TryFrame(TestBytes.Of(input), out _, out _));
    }

    [Fact]
    public void An_error_stays_until_reset()
    {
        var framer = new RequestFramer(ProtocolLimits.Default);
        framer.TryFrame(TestBytes.Of("*x\r\n"), out _, out _);

        Assert.Equal(FrameStatus.Error, framer.TryFrame(TestBytes.Of("PING\r\n"), out _, out _));
        Assert.Equal(ProtocolErrors.InvalidMultibulkLength, framer.Error);

        framer.Reset();

        Assert.Null(framer.Error);
        Assert.Equal(FrameStatus.Complete, framer.TryFrame(TestBytes.Of("PING\r\n"), out _, out _));
    }

    [Fact]
    public void Incomplete_input_is_not_an_error_even_when_it_will_be_one()
    {
        var framer = new RequestFramer(ProtocolLimits.Default);

        Assert.Equal(FrameStatus.Incomplete, framer.TryFrame(TestBytes.Of("*1\r\nX3"), out _, out _));
        Assert.Equal(FrameStatus.Incomplete, framer.TryFrame(TestBytes.Of("*abc"), out _, out _));
        Assert.Equal(FrameStatus.Incomplete, framer.TryFrame(TestBytes.Of("*abc\r"), out _, out _));
        Assert.Equal(FrameStatus.Error, framer.TryFrame(TestBytes.Of("*abc\r\n"), out _, out _));
    }

    private static string? FrameError(string input)
    {
        var framer = new RequestFramer(ProtocolLimits.Default);
        FrameStatus status = framer.TryFrame(TestBytes.Of(input), out _, out _);
        Assert.Equal(FrameStatus.Error, status);
        return framer.Error;
    }
}
