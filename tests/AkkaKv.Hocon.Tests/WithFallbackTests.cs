namespace AkkaKv.Hocon.Tests;

public sealed class WithFallbackTests
{
    [Fact]
    public void Receiver_wins_and_objects_merge_recursively()
    {
        var app = Config.ParseString("akkakv { port = 7000, tls { enabled = on } }");
        var reference = Config.ParseString("akkakv { port = 6379, bind = localhost, tls { enabled = off, port = 6380 } }");

        var config = app.WithFallback(reference);

        Assert.Equal(7000, config.GetInt("akkakv.port"));
        Assert.Equal("localhost", config.GetString("akkakv.bind"));
        Assert.True(config.GetBoolean("akkakv.tls.enabled"));
        Assert.Equal(6380, config.GetInt("akkakv.tls.port"));
    }

    [Fact]
    public void Substitution_in_a_file_may_refer_to_a_key_only_the_fallback_defines()
    {
        var app = Config.ParseString("akkakv.dir = ${akkakv.home}/data");
        var reference = Config.ParseString("akkakv.home = /opt/akkakv");

        Assert.Equal("/opt/akkakv/data", app.WithFallback(reference).GetString("akkakv.dir"));
    }

    [Fact]
    public void Fallback_substitution_sees_the_overriding_value()
    {
        var app = Config.ParseString("akkakv.port = 7000");
        var reference = Config.ParseString("akkakv { port = 6379, cluster-bus-port = ${akkakv.port}0 }");

        Assert.Equal(70000, app.WithFallback(reference).GetInt("akkakv.cluster-bus-port"));
    }

    [Fact]
    public void Self_reference_appends_to_the_fallback_value()
    {
        var app = Config.ParseString("akkakv.modules = ${akkakv.modules} [extra]");
        var reference = Config.ParseString("akkakv.modules = [core]");

        Assert.Equal(["core", "extra"], app.WithFallback(reference).GetStringList("akkakv.modules"));
    }

    [Fact]
    public void Optional_environment_override_keeps_the_fallback_when_unset()
    {
        var app = Config.ParseString("akkakv.port = ${?AKKAKV_HOCON_TEST_NEVER_SET}");
        var reference = Config.ParseString("akkakv.port = 6379");

        Assert.Equal(6379, app.WithFallback(reference).GetInt("akkakv.port"));
    }

    [Fact]
    public void Non_object_between_objects_hides_the_lower_object()
    {
        var first = Config.ParseString("a { x = 1 }");
        var second = Config.ParseString("a = 42");
        var third = Config.ParseString("a { y = 2 }");

        var config = first.WithFallback(second).WithFallback(third);

        Assert.True(config.HasPath("a.x"));
        Assert.False(config.HasPath("a.y"));
    }

    [Fact]
    public void Inputs_are_not_modified()
    {
        var app = Config.ParseString("a { x = 1 }");
        var reference = Config.ParseString("a { y = 2 }");

        _ = app.WithFallback(reference).Render();

        Assert.False(app.HasPath("a.y"));
        Assert.False(reference.HasPath("a.x"));
    }

    [Fact]
    public void Empty_is_neutral()
    {
        var config = Config.ParseString("a = 1");

        Assert.Same(config, config.WithFallback(Config.Empty));
        Assert.Same(config, Config.Empty.WithFallback(config));
        Assert.True(Config.Empty.IsEmpty);
    }
}
