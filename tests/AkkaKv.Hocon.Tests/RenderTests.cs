namespace AkkaKv.Hocon.Tests;

public sealed class RenderTests
{
    [Fact]
    public void Nested_objects_are_indented_and_strings_quoted_when_needed()
    {
        var config = Config.ParseString("""
            akkakv {
              port = 6379
              bind = "0.0.0.0"
              name = akkakv
              motd = "hello world"
              tls { enabled = false }
              empty {}
              hosts = [a, "b c"]
            }
            """);

        var expected = """
            akkakv {
                port = 6379
                bind = "0.0.0.0"
                name = akkakv
                motd = "hello world"
                tls {
                    enabled = false
                }
                empty {}
                hosts = [a, "b c"]
            }

            """;
        Assert.Equal(expected, config.Render());
    }

    [Fact]
    public void Render_shows_resolved_values()
    {
        var config = Config.ParseString("a = 1\nb = ${a}\nc = ${?nope}");

        Assert.Equal("a = 1\nb = 1\n", config.Render());
    }

    [Theory]
    [InlineData("s = \"\"")]
    [InlineData("s = \"true\"")]
    [InlineData("s = \"null\"")]
    [InlineData("s = \"12\"")]
    [InlineData("s = \"-1\"")]
    [InlineData("s = \"line\\nbreak\\ttab \\\"quoted\\\" back\\\\slash\"")]
    [InlineData("s = \"a//b\"")]
    [InlineData("s = \"${x}\"")]
    [InlineData("\"a.b\" { \"\" = 1, \"c d\" = 2, include = 3 }")]
    [InlineData("n = [1, 2.5, -3e2, true, null, \"x\", [], {}, { k = v }]")]
    [InlineData("u = \"\\u0001\"")]
    public void Render_then_parse_gives_an_equal_config(string text)
    {
        var config = Config.ParseString(text);

        var reparsed = Config.ParseString(config.Render());

        Assert.Equal(config, reparsed);
        Assert.Equal(config.GetHashCode(), reparsed.GetHashCode());
    }

    [Fact]
    public void Round_trip_of_a_realistic_merged_config()
    {
        var app = Config.ParseString("akkakv { port = 7000, dir = ${akkakv.home}/data, modules = ${akkakv.modules} [x] }");
        var reference = Config.ParseString("""
            akkakv {
              home = /opt/akkakv
              modules = [core]
              timeouts { connect = 5s, idle = "2 minutes" }
              memory = 512mb
            }
            """);
        var config = app.WithFallback(reference);

        var reparsed = Config.ParseString(config.Render());

        Assert.Equal(config, reparsed);
        Assert.Equal("/opt/akkakv/data", reparsed.GetString("akkakv.dir"));
        Assert.Equal(TimeSpan.FromMinutes(2), reparsed.GetDuration("akkakv.timeouts.idle"));
    }

    [Fact]
    public void Equality_distinguishes_types_and_values()
    {
        Assert.NotEqual(Config.ParseString("a = 1"), Config.ParseString("a = \"1\""));
        Assert.NotEqual(Config.ParseString("a = 1"), Config.ParseString("a = 2"));
        Assert.Equal(Config.ParseString("a = 1, b = 2"), Config.ParseString("b = 2, a = 1"));
    }
}
