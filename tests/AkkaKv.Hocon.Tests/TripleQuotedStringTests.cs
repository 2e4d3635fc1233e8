namespace AkkaKv.Hocon.Tests;

public sealed class TripleQuotedStringTests
{
    [Fact]
    public void Triple_quoted_string_spans_lines_without_escapes()
    {
        var config = Config.ParseString("text = \"\"\"line one\n  line \"two\" \\n\n\"\"\"\nafter = 1");

        Assert.Equal("line one\n  line \"two\" \\n\n", config.GetString("text"));
        Assert.Equal(1, config.GetInt("after"));
    }

    [Fact]
    public void Extra_closing_quotes_belong_to_the_string()
    {
        var config = Config.ParseString("text = \"\"\"foo\"\"\"\"\"");

        Assert.Equal("foo\"\"", config.GetString("text"));
    }

    [Fact]
    public void Line_numbers_after_a_multi_line_string_stay_correct()
    {
        var error = Assert.Throws<HoconParseException>(() =>
            Config.ParseString("a = \"\"\"1\n2\n3\"\"\"\nb ="));

        Assert.Equal(4, error.Line);
    }

    [Fact]
    public void Unterminated_triple_quoted_string_reports_where_it_opened()
    {
        var error = Assert.Throws<HoconParseException>(() => Config.ParseString("a = \"\"\"never closed\n"));

        Assert.Contains("opened at 1:5", error.Message, StringComparison.Ordinal);
        Assert.Contains("end of file", error.Message, StringComparison.Ordinal);
    }
}
