namespace AkkaKv.Hocon.Tests;

public sealed class QuotedStringTests
{
    [Fact]
    public void Json_escapes_are_decoded()
    {
        var config = Config.ParseString("""s = "tab\there \"q\" back\\slash \/ nl\n \u00e9" """);

        Assert.Equal("tab\there \"q\" back\\slash / nl\n é", config.GetString("s"));
    }

    [Fact]
    public void Quoted_string_keeps_leading_and_trailing_spaces_and_reserved_characters()
    {
        var config = Config.ParseString("""s = "  a: b, {c} = ${d}  " """);

        Assert.Equal("  a: b, {c} = ${d}  ", config.GetString("s"));
    }

    [Fact]
    public void Quoted_number_stays_a_string_but_converts_on_request()
    {
        var config = Config.ParseString("""port = "6379" """);

        Assert.Equal("6379", config.GetString("port"));
        Assert.Equal(6379, config.GetInt("port"));
        Assert.Contains("port = \"6379\"", config.Render(), StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_quoted_string_is_a_value()
    {
        var config = Config.ParseString("""password = "" """);

        Assert.True(config.HasPath("password"));
        Assert.Equal("", config.GetString("password"));
    }

    [Fact]
    public void Quoted_and_unquoted_parts_concatenate()
    {
        var config = Config.ParseString("""greeting = "Hello, "world"!" """);

        Assert.Equal("Hello, world!", config.GetString("greeting"));
    }
}
