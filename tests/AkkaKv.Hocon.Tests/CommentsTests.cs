namespace AkkaKv.Hocon.Tests;

public sealed class CommentsTests
{
    [Fact]
    public void Hash_and_double_slash_comments_are_ignored_on_their_own_lines()
    {
        var config = Config.ParseString("""
            # a hash comment
            // a slash comment
            port = 6379
            """);

        Assert.Equal(6379, config.GetInt("port"));
        Assert.Equal(["port"], config.Keys);
    }

    [Fact]
    public void Comment_after_a_value_ends_the_value()
    {
        var config = Config.ParseString("""
            name = hello world # trailing
            other = 5 // trailing
            """);

        Assert.Equal("hello world", config.GetString("name"));
        Assert.Equal(5, config.GetInt("other"));
    }

    [Fact]
    public void Comment_markers_inside_quoted_strings_are_text()
    {
        var config = Config.ParseString("""url = "http://example.com/#anchor" """);

        Assert.Equal("http://example.com/#anchor", config.GetString("url"));
    }

    [Fact]
    public void Comment_inside_an_object_and_an_array_is_ignored()
    {
        var config = Config.ParseString("""
            a {
              # inside object
              b = 1 // after b
            }
            list = [
              1 # first
              // between
              2
            ]
            """);

        Assert.Equal(1, config.GetInt("a.b"));
        Assert.Equal(["1", "2"], config.GetStringList("list"));
    }

    [Fact]
    public void Single_slash_is_part_of_an_unquoted_value()
    {
        var config = Config.ParseString("dir = /var/lib/akkakv");

        Assert.Equal("/var/lib/akkakv", config.GetString("dir"));
    }
}
