namespace AkkaKv.Hocon.Tests;

public sealed class DottedKeysTests
{
    [Fact]
    public void Dotted_key_creates_nested_objects()
    {
        var config = Config.ParseString("a.b.c = 1");

        Assert.Equal(1, config.GetInt("a.b.c"));
        Assert.True(config.GetConfig("a").HasPath("b.c"));
    }

    [Fact]
    public void Dotted_keys_with_a_common_prefix_merge()
    {
        var config = Config.ParseString("""
            akkakv.server.port = 6379
            akkakv.server.bind = localhost
            akkakv { server { io-threads = 2 } }
            """);

        Assert.Equal(["port", "bind", "io-threads"], config.GetConfig("akkakv.server").Keys);
    }

    [Fact]
    public void Quoted_key_segment_keeps_its_dot()
    {
        var config = Config.ParseString("""
            "a.b" = 1
            x."y.z".w = 2
            """);

        Assert.Equal(1, config.GetInt("\"a.b\""));
        Assert.False(config.HasPath("a.b"));
        Assert.Equal(2, config.GetInt("x.\"y.z\".w"));
    }

    [Fact]
    public void Whitespace_between_key_words_is_part_of_the_key()
    {
        var config = Config.ParseString("a b c = 42");

        Assert.Equal(42, config.GetInt("\"a b c\""));
    }

    [Fact]
    public void Numeric_key_with_a_dot_splits_into_two_segments()
    {
        var config = Config.ParseString("3.14 = pi");

        Assert.Equal("pi", config.GetString("3.14"));
        Assert.True(config.GetConfig("3").HasPath("14"));
    }

    [Fact]
    public void Empty_quoted_segment_is_a_real_key()
    {
        var config = Config.ParseString("a.\"\".b = 1");

        Assert.Equal(1, config.GetInt("a.\"\".b"));
    }
}
