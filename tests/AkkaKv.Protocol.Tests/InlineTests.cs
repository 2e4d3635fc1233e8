namespace AkkaKv.Protocol.Tests;

/// <summary>Inline requests split as Redis's sdssplitargs splits them (checked against redis-server 7.0.15).</summary>
public class InlineTests
{
    [Theory]
    [InlineData("PING", "PING")]
    [InlineData("SET k v", "SET|k|v")]
    [InlineData("  SET   k \t v  ", "SET|k|v")]
    [InlineData("SET \"a b\" c", "SET|a b|c")]
    [InlineData("SET 'a b' c", "SET|a b|c")]
    [InlineData("\"\" ''", "|")]
    [InlineData("a\"b c\" d", "ab c|d")]
    [InlineData("a'b c'", "ab c")]
    [InlineData("ab\"cd\"", "abcd")]
    [InlineData("\"a\"\tb", "a|b")]
    [InlineData("\"a\" 'b' c", "a|b|c")]
    [InlineData("x\ry", "x|y")]
    [InlineData("get k\r", "get|k")]
    [InlineData("\u00e9 \u00fc", "\u00e9|\u00fc")]
    public void Splits_words_and_quoted_strings(string line, string expected)
    {
        Assert.Equal([expected], FrameDriver.Run(TestBytes.Of(line + "\r\n")));
    }

    [Theory]
    [InlineData("\"a\\nb\"", "a\nb")]
    [InlineData("\"a\\rb\"", "a\rb")]
    [InlineData("\"a\\tb\"", "a\tb")]
    [InlineData("\"a\\bb\"", "a\bb")]
    [InlineData("\"a\\ab\"", "a\ab")]
    [InlineData("\"a\\\\b\"", "a\\b")]
    [InlineData("\"a\\\"b\"", "a\"b")]
    [InlineData("\"a\\'b\"", "a'b")]
    [InlineData("\"a\\zb\"", "azb")]
    [InlineData("\"\\\"\"", "\"")]
    public void Double_quotes_understand_backslash_escapes(string word, string expected)
    {
        Assert.Equal([expected], FrameDriver.Run(TestBytes.Of(word + "\n")));
    }

    [Theory]
    [InlineData("\"\\x41\\x4a\\x4A\\x7e\"", "AJJ~")]
    [InlineData("\"\\xff\\x00z\"", "\u00ff\0z")]
    [InlineData("\"\\xZZ\"", "xZZ")]
    [InlineData("\"\\x4\"", "x4")]
    [InlineData("\"\\x\"", "x")]
    public void Double_quotes_understand_two_digit_hex_escapes(string word, string expected)
    {
        Assert.Equal([expected], FrameDriver.Run(TestBytes.Of(word + "\n")));
    }

    [Theory]
    [InlineData("'a\\'b'", "a'b")]
    [InlineData("'a\\nb'", "a\\nb")]
    [InlineData("'a\\\"b'", "a\\\"b")]
    [InlineData("'a\"b'", "a\"b")]
    [InlineData("\"a'b\"", "a'b")]
    public void Single_quotes_understand_only_an_escaped_single_quote(string word, string expected)
    {
        Assert.Equal([expected], FrameDriver.Run(TestBytes.Of(word + "\n")));
    }

    [Theory]
    [InlineData("x\vy", "x\vy")]
    [InlineData("a\fb", "a\fb")]
    [InlineData("a \v b", "a|b")]
    [InlineData("\f a", "a")]
    public void Vertical_tab_and_form_feed_separate_words_only_between_them(string line, string expected)
    {
        Assert.Equal([expected], FrameDriver.Run(TestBytes.Of(line + "\n")));
    }

    [Theory]
    [InlineData("\"abc")]
    [InlineData("'abc")]
    [InlineData("\"abc\"def")]
    [InlineData("'abc'def")]
    [InlineData("ECHO \"a\\\"")]
    [InlineData("ECHO 'a\\'b")]
    [InlineData("ECHO a\"b c\"d")]
    [InlineData("\"abc\\")]
    public void Unbalanced_quotes_are_a_protocol_error(string line)
    {
        Assert.Equal(["-" + ProtocolErrors.UnbalancedQuotes], FrameDriver.Run(TestBytes.Of(line + "\r\n")));
    }

    [Fact]
    public void A_closing_quote_may_be_followed_by_any_blank()
    {
        Assert.Equal(["a|b"], FrameDriver.Run(TestBytes.Of("\"a\"\vb\n")));
    }

    [Theory]
    [InlineData("\r\n")]
    [InlineData("\n")]
    [InlineData("   \n")]
    [InlineData("\t \v \f\r\n")]
    public void A_blank_line_is_an_empty_frame(string line)
    {
        var framer = new RequestFramer(ProtocolLimits.Default);

        framer.TryFrame(TestBytes.Of(line), out long length, out FrameKind kind);

        Assert.Equal(FrameKind.Empty, kind);
        Assert.Equal(line.Length, length);
    }

    [Fact]
    public void A_line_with_a_NUL_never_ends_as_with_Redis_strchr()
    {
        var framer = new RequestFramer(ProtocolLimits.Default);

        Assert.Equal(FrameStatus.Incomplete, framer.TryFrame(TestBytes.Of("ECHO a\0b\r\nPING\r\n"), out _, out _));
    }

    [Fact]
    public void The_reader_stops_an_inline_line_at_a_NUL_as_sdssplitargs_does()
    {
        var args = new RequestArgs();

        Assert.True(RequestReader.TryRead(TestBytes.Of("ECHO a\0b c\n"), FrameKind.Inline, args, out _));

        Assert.Equal(2, args.Count);
        Assert.Equal("a", args.ToString(1));
    }

    [Fact]
    public void Reads_an_inline_line_longer_than_the_stack_buffer()
    {
        string word = new('w', 5000);
        var args = new RequestArgs();

        Assert.True(RequestReader.TryRead(TestBytes.Of($"SET k \"{word}\"\r\n"), FrameKind.Inline, args, out _));

        Assert.Equal(word, args.ToString(2));
    }

    [Fact]
    public void Reads_an_inline_frame_split_across_segments()
    {
        byte[] frame = TestBytes.Of("SET \"a b\" 'c'\r\n");
        var args = new RequestArgs();

        Assert.True(RequestReader.TryRead(TestBytes.OneBytePerSegment(frame), FrameKind.Inline, args, out _));

        Assert.Equal("SET a b c", args.ToString());
    }

    [Fact]
    public void Unbalanced_quotes_leave_no_arguments()
    {
        var args = RequestArgs.From("stale");

        Assert.False(RequestReader.TryRead(TestBytes.Of("SET a \"b\n"), FrameKind.Inline, args, out string? error));

        Assert.Equal(ProtocolErrors.UnbalancedQuotes, error);
        Assert.Equal(0, args.Count);
    }
}
