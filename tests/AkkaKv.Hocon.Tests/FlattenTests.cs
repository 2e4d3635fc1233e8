namespace AkkaKv.Hocon.Tests;

public sealed class FlattenTests
{
    [Fact]
    public void Every_leaf_with_its_full_path_and_plain_text()
    {
        var config = Config.ParseString("""
            akkakv {
              port = 6379
              name = "a b"
              tls { enabled = on }
              hosts = [x, "y z"]
              gone = null
              empty {}
            }
            "dotted.key" = 1
            """);

        var leaves = config.Flatten().ToList();

        Assert.Equal(
            [
                new("akkakv.port", "6379"),
                new("akkakv.name", "a b"),
                new("akkakv.tls.enabled", "on"),
                new("akkakv.hosts", "[x, \"y z\"]"),
                new KeyValuePair<string, string>("\"dotted.key\"", "1"),
            ],
            leaves);
    }

    [Fact]
    public void Flattened_paths_read_back_through_getters()
    {
        var config = Config.ParseString("a { \"b.c\" { d = 1 }, e = two }");

        foreach (var (path, value) in config.Flatten())
        {
            Assert.Equal(value, config.GetString(path));
        }
    }
}
