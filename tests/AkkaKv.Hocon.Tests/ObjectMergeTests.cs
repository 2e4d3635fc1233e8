namespace AkkaKv.Hocon.Tests;

public sealed class ObjectMergeTests
{
    [Fact]
    public void Duplicate_object_keys_merge_with_later_fields_winning()
    {
        var config = Config.ParseString("""
            a { x = 1, y = 2 }
            a { y = 3, z = 4 }
            """);

        Assert.Equal(1, config.GetInt("a.x"));
        Assert.Equal(3, config.GetInt("a.y"));
        Assert.Equal(4, config.GetInt("a.z"));
    }

    [Fact]
    public void Later_non_object_replaces_an_object()
    {
        var config = Config.ParseString("a { x = 1 }\na = 5");

        Assert.Equal(5, config.GetInt("a"));
    }

    [Fact]
    public void Null_clears_an_object_so_a_later_object_starts_fresh()
    {
        var config = Config.ParseString("a { x = 1 }\na = null\na { y = 2 }");

        Assert.False(config.HasPath("a.x"));
        Assert.Equal(2, config.GetInt("a.y"));
    }

    [Fact]
    public void Objects_on_one_line_merge()
    {
        var config = Config.ParseString("a = { x = 1, y = 1 } { y = 2 }");

        Assert.Equal(1, config.GetInt("a.x"));
        Assert.Equal(2, config.GetInt("a.y"));
    }

    [Fact]
    public void Merge_is_recursive_through_several_levels()
    {
        var config = Config.ParseString("""
            a { b { c { d = 1 } } }
            a.b.c.e = 2
            a { b { f = 3 } }
            """);

        Assert.Equal(1, config.GetInt("a.b.c.d"));
        Assert.Equal(2, config.GetInt("a.b.c.e"));
        Assert.Equal(3, config.GetInt("a.b.f"));
    }

    [Fact]
    public void Many_dotted_keys_under_one_object_parse_quickly()
    {
        var text = string.Join('\n', Enumerable.Range(0, 20_000).Select(i => $"big.key{i} = {i}"));

        var started = System.Diagnostics.Stopwatch.StartNew();
        var config = Config.ParseString(text);
        var total = config.GetConfig("big").Keys.Count();

        Assert.Equal(20_000, total);
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(5), $"took {started.Elapsed}");
    }
}
