namespace AkkaKv.Hocon.Tests;

public sealed class ParseErrorTests
{
    private static HoconParseException Fail(string text, string file = "standalone.conf") =>
        Assert.Throws<HoconParseException>(() => Config.ParseString(text, file));

    [Fact]
    public void Key_without_separator_reports_file_line_column_and_expectation()
    {
        var error = Fail("a = 1\nb = 2\n  port\nc = 3");

        Assert.Equal("standalone.conf:3:7: expected '=' or ':' or '{' after key 'port' but found end of line", error.Message);
        Assert.Equal("standalone.conf", error.FileName);
        Assert.Equal(3, error.Line);
        Assert.Equal(7, error.Column);
    }

    [Fact]
    public void Missing_value_at_end_of_file()
    {
        var error = Fail("port =");

        Assert.Equal("standalone.conf:1:7: expected a value for 'port' but found end of file", error.Message);
    }

    [Fact]
    public void Unclosed_object_names_where_it_opened()
    {
        var error = Fail("a {\n  b = 1\n");

        Assert.Equal("standalone.conf:3:1: expected '}' to close the object opened at 1:3 but found end of file", error.Message);
    }

    [Fact]
    public void Unclosed_array_names_where_it_opened()
    {
        var error = Fail("a = [1, 2");

        Assert.Equal("standalone.conf:1:10: expected ']' to close the array opened at 1:5 but found end of file", error.Message);
    }

    [Fact]
    public void Unterminated_quoted_string()
    {
        var error = Fail("a = \"abc\nb = 1");

        Assert.Equal("standalone.conf:1:9: expected a closing '\"' for the string opened at 1:5 but found end of line", error.Message);
    }

    [Fact]
    public void Bad_escape_sequence()
    {
        var error = Fail("a = \"x\\qy\"");

        Assert.Contains("1:7: expected an escape sequence", error.Message, StringComparison.Ordinal);
        Assert.Contains("found '\\q'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_values_need_a_separator()
    {
        var error = Fail("a { b = 1 } c = 2");

        Assert.Equal(13, error.Column);
        Assert.Contains("expected only objects", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Stray_closing_brace()
    {
        var error = Fail("a = 1\n}");

        Assert.Equal("standalone.conf:2:1: expected a key but found '}'", error.Message);
    }

    [Fact]
    public void Double_dot_in_key()
    {
        var error = Fail("a..b = 1");

        Assert.Contains("1:1: expected a path element before '.'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unclosed_substitution()
    {
        var error = Fail("a = ${b\nc = 1");

        Assert.Equal("standalone.conf:1:8: expected '}' to close the substitution opened at 1:5 but found end of line", error.Message);
    }

    [Fact]
    public void Empty_substitution()
    {
        var error = Fail("a = ${}");

        Assert.Equal("standalone.conf:1:7: expected a path element but found '}'", error.Message);
    }

    [Fact]
    public void Root_array_is_rejected()
    {
        var error = Fail("[1, 2]");

        Assert.Contains("expected an object at the root", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Double_comma_in_an_array()
    {
        var error = Fail("a = [1,,2]");

        Assert.Equal("standalone.conf:1:8: expected an array element or ']' but found ','", error.Message);
    }

    [Fact]
    public void Parse_file_uses_the_path_as_the_file_name()
    {
        using var dir = new TempDirectory();
        var file = dir.Write("standalone.conf", "# comment\nbind = 0.0.0.0\nport\n");

        var error = Assert.Throws<HoconParseException>(() => Config.ParseFile(file));

        Assert.Equal($"{file}:3:5: expected '=' or ':' or '{{' after key 'port' but found end of line", error.Message);
    }

    [Fact]
    public void Missing_file_is_a_config_error()
    {
        Assert.Throws<ConfigException>(() => Config.ParseFile("/definitely/not/here.conf"));
    }
}
