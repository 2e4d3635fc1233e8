namespace AkkaKv.Hocon.Tests;

public sealed class SeparatorTests
{
    [Fact]
    public void Equals_and_colon_both_separate_key_and_value()
    {
        var config = Config.ParseString("a = 1\nb : 2\nc=3\nd:4");

        Assert.Equal([1, 2, 3, 4], new[] { "a", "b", "c", "d" }.Select(k => config.GetInt(k)));
    }

    [Fact]
    public void Object_may_follow_a_key_without_separator()
    {
        var config = Config.ParseString("a { b = 1 }\nc {}");

        Assert.Equal(1, config.GetInt("a.b"));
        Assert.True(config.GetConfig("c").IsEmpty);
    }

    [Fact]
    public void Commas_separate_fields_on_one_line_and_may_trail()
    {
        var config = Config.ParseString("a = 1, b = 2, c { d = 3, e = 4, },");

        Assert.Equal(2, config.GetInt("b"));
        Assert.Equal(4, config.GetInt("c.e"));
    }

    [Fact]
    public void Root_braces_are_optional()
    {
        var braced = Config.ParseString("{ a = 1, b { c = 2 } }");
        var bare = Config.ParseString("a = 1\nb { c = 2 }");

        Assert.Equal(bare, braced);
    }

    [Fact]
    public void Json_document_parses()
    {
        var config = Config.ParseString("""
            {
              "server": { "port": 6379, "tls": false, "name": null },
              "tags": ["a", "b"]
            }
            """);

        Assert.Equal(6379, config.GetInt("server.port"));
        Assert.False(config.GetBoolean("server.tls"));
        Assert.False(config.HasPath("server.name"));
        Assert.Equal(["a", "b"], config.GetStringList("tags"));
    }

    [Fact]
    public void Value_may_start_on_the_line_after_the_separator_as_in_json()
    {
        var config = Config.ParseString("{\"a\":\n  1}");

        Assert.Equal(1, config.GetInt("a"));
    }

    [Fact]
    public void Plus_equals_appends_to_an_array()
    {
        var config = Config.ParseString("""
            list = [1]
            list += 2
            fresh += x
            """);

        Assert.Equal(["1", "2"], config.GetStringList("list"));
        Assert.Equal(["x"], config.GetStringList("fresh"));
    }

    [Fact]
    public void Crlf_line_endings_are_accepted()
    {
        var config = Config.ParseString("a = 1\r\nb = two words\r\n");

        Assert.Equal(1, config.GetInt("a"));
        Assert.Equal("two words", config.GetString("b"));
    }
}
