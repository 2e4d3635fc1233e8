namespace AkkaKv.Hocon.Tests;

public sealed class UnquotedStringTests
{
    [Fact]
    public void Spaces_inside_a_value_line_are_kept_and_the_ends_trimmed()
    {
        var config = Config.ParseString("a =   hello   big world   \nb = x");

        Assert.Equal("hello   big world", config.GetString("a"));
    }

    [Fact]
    public void Numbers_booleans_and_null_are_typed_when_alone()
    {
        var config = Config.ParseString("n = -12.5e3\nt = true\nf = false\nz = null");

        Assert.Equal(-12500.0, config.GetDouble("n"));
        Assert.True(config.GetBoolean("t"));
        Assert.False(config.GetBoolean("f"));
        Assert.False(config.HasPath("z"));
        Assert.Equal("n = -12.5e3\nt = true\nf = false\nz = null\n", config.Render());
    }

    [Fact]
    public void Typed_words_inside_a_concatenation_become_text()
    {
        var config = Config.ParseString("a = true story\nb = 10 apples\nc = 1.2.3");

        Assert.Equal("true story", config.GetString("a"));
        Assert.Equal("10 apples", config.GetString("b"));
        Assert.Equal("1.2.3", config.GetString("c"));
    }

    [Fact]
    public void Number_followed_by_a_unit_is_a_string()
    {
        var config = Config.ParseString("timeout = 15s");

        Assert.Equal("15s", config.GetString("timeout"));
        Assert.Contains("timeout = \"15s\"", config.Render(), StringComparison.Ordinal);
    }

    [Fact]
    public void Unquoted_value_stops_at_a_comma_in_arrays()
    {
        var config = Config.ParseString("hosts = [alpha beta, gamma]");

        Assert.Equal(["alpha beta", "gamma"], config.GetStringList("hosts"));
    }

    [Fact]
    public void Reserved_character_in_an_unquoted_value_is_an_error()
    {
        var error = Assert.Throws<HoconParseException>(() => Config.ParseString("password = p@ss"));

        Assert.Equal(1, error.Line);
        Assert.Equal(13, error.Column);
        Assert.Contains("reserved character '@'", error.Message, StringComparison.Ordinal);
    }
}
