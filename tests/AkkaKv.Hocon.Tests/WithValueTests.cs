namespace AkkaKv.Hocon.Tests;

public sealed class WithValueTests
{
    private static readonly Config Base = Config.ParseString("akkakv { port = 6379, bind = localhost, tls { enabled = off } }");

    [Theory]
    [InlineData("6379", "6379")]
    [InlineData("\"a b\"", "a b")]
    [InlineData("15s", "15s")]
    [InlineData("hello world", "hello world")]
    public void Sets_a_scalar_from_hocon_text(string hocon, string expected)
    {
        Assert.Equal(expected, Base.WithValue("akkakv.bind", hocon).GetString("akkakv.bind"));
    }

    [Fact]
    public void Sets_an_array_and_leaves_siblings_alone()
    {
        var config = Base.WithValue("akkakv.hosts", "[1,2]");

        Assert.Equal(["1", "2"], config.GetStringList("akkakv.hosts"));
        Assert.Equal(6379, config.GetInt("akkakv.port"));
        Assert.False(Base.HasPath("akkakv.hosts"));
    }

    [Fact]
    public void Creates_missing_parents_and_replaces_a_scalar_parent()
    {
        var config = Base.WithValue("new.deep.key", "1").WithValue("akkakv.port.sub", "2");

        Assert.Equal(1, config.GetInt("new.deep.key"));
        Assert.Equal(2, config.GetInt("akkakv.port.sub"));
    }

    [Fact]
    public void Replaces_an_object_rather_than_merging()
    {
        var config = Base.WithValue("akkakv.tls", "{ cert = x }");

        Assert.False(config.HasPath("akkakv.tls.enabled"));
        Assert.Equal("x", config.GetString("akkakv.tls.cert"));
    }

    [Fact]
    public void Value_may_refer_to_other_keys_and_to_its_old_value()
    {
        var config = Base.WithValue("akkakv.bind", "${akkakv.bind}\":\"${akkakv.port}");

        Assert.Equal("localhost:6379", config.GetString("akkakv.bind"));
    }

    [Fact]
    public void Substitution_in_a_set_value_resolves_after_a_later_fallback()
    {
        var config = Config.Empty.WithValue("dir", "${home}/data").WithFallback(Config.ParseString("home = /srv"));

        Assert.Equal("/srv/data", config.GetString("dir"));
    }

    [Fact]
    public void Bad_value_text_is_a_parse_error_naming_the_path()
    {
        var error = Assert.Throws<HoconParseException>(() => Base.WithValue("akkakv.port", "[1,"));

        Assert.Equal("<value for akkakv.port>", error.FileName);
    }

    [Fact]
    public void Quoted_path_segment()
    {
        var config = Config.Empty.WithValue("a.\"b.c\"", "1");

        Assert.Equal(1, config.GetInt("a.\"b.c\""));
        Assert.False(config.HasPath("a.b"));
    }
}
