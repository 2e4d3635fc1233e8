namespace AkkaKv.Hocon.Tests;

public sealed class IncludeTests
{
    [Fact]
    public void Include_resolves_relative_to_the_including_file()
    {
        using var dir = new TempDirectory();
        dir.Write("conf/extra.conf", "b = 2\nshared = from-extra");
        var main = dir.Write("conf/main.conf", "a = 1\ninclude \"extra.conf\"\nshared = from-main");

        var config = Config.ParseFile(main);

        Assert.Equal(1, config.GetInt("a"));
        Assert.Equal(2, config.GetInt("b"));
        Assert.Equal("from-main", config.GetString("shared"));
    }

    [Fact]
    public void Fields_after_the_include_win_and_fields_before_lose()
    {
        using var dir = new TempDirectory();
        dir.Write("inc.conf", "x = included");
        var main = dir.Write("main.conf", "x = before\ninclude \"inc.conf\"\ny = ${x}");

        Assert.Equal("included", Config.ParseFile(main).GetString("y"));
    }

    [Fact]
    public void Include_inside_an_object_nests_its_fields_and_substitutions()
    {
        using var dir = new TempDirectory();
        dir.Write("server.conf", "port = 6379\nlisten = ${port}");
        var main = dir.Write("main.conf", "akkakv { include file(\"server.conf\") }");

        var config = Config.ParseFile(main);

        Assert.Equal(6379, config.GetInt("akkakv.port"));
        Assert.Equal(6379, config.GetInt("akkakv.listen"));
    }

    [Fact]
    public void Nested_include_substitution_falls_back_to_the_root_and_appends_at_its_own_path()
    {
        using var dir = new TempDirectory();
        dir.Write("mod.conf", "dir = ${home}/mod\nlist += b");
        var main = dir.Write("main.conf", "home = /srv\nakkakv { list = [a]\n include \"mod.conf\" }");

        var config = Config.ParseFile(main);

        Assert.Equal("/srv/mod", config.GetString("akkakv.dir"));
        Assert.Equal(["a", "b"], config.GetStringList("akkakv.list"));
    }

    [Fact]
    public void Nested_includes_resolve_relative_to_each_file()
    {
        using var dir = new TempDirectory();
        dir.Write("a/b/leaf.conf", "leaf = true");
        dir.Write("a/middle.conf", "include \"b/leaf.conf\"");
        var main = dir.Write("main.conf", "include \"a/middle.conf\"");

        Assert.True(Config.ParseFile(main).GetBoolean("leaf"));
    }

    [Fact]
    public void Missing_optional_include_is_ignored()
    {
        using var dir = new TempDirectory();
        var main = dir.Write("main.conf", "include \"nope.conf\"\ninclude file(\"nope2.conf\")\na = 1");

        Assert.Equal(["a"], Config.ParseFile(main).Keys);
    }

    [Fact]
    public void Missing_required_include_is_an_error_at_its_position()
    {
        using var dir = new TempDirectory();
        var main = dir.Write("main.conf", "a = 1\ninclude required(\"nope.conf\")");

        var error = Assert.Throws<HoconParseException>(() => Config.ParseFile(main));

        Assert.Equal(2, error.Line);
        Assert.Equal(18, error.Column);
        Assert.Contains("required include 'nope.conf'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Required_file_include_of_an_existing_file_works()
    {
        using var dir = new TempDirectory();
        dir.Write("x.conf", "x = 1");
        var main = dir.Write("main.conf", "include required(file(\"x.conf\"))");

        Assert.Equal(1, Config.ParseFile(main).GetInt("x"));
    }

    [Fact]
    public void Include_without_extension_finds_the_conf_file()
    {
        using var dir = new TempDirectory();
        dir.Write("defaults.conf", "d = 4");
        var main = dir.Write("main.conf", "include \"defaults\"");

        Assert.Equal(4, Config.ParseFile(main).GetInt("d"));
    }

    [Fact]
    public void Include_in_a_string_resolves_relative_to_the_current_directory()
    {
        var name = $"akkakv-hocon-cwd-{Guid.NewGuid():N}.conf";
        File.WriteAllText(name, "from-cwd = yes");
        try
        {
            var config = Config.ParseString($"include \"{name}\"");

            Assert.True(config.GetBoolean("from-cwd"));
        }
        finally
        {
            File.Delete(name);
        }
    }

    [Fact]
    public void Include_cycle_is_an_error()
    {
        using var dir = new TempDirectory();
        dir.Write("a.conf", "include \"b.conf\"");
        dir.Write("b.conf", "include \"a.conf\"");

        var error = Assert.Throws<HoconParseException>(() => Config.ParseFile(System.IO.Path.Combine(dir.Path, "a.conf")));
        Assert.Contains("cycle", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_error_in_an_included_file_names_that_file()
    {
        using var dir = new TempDirectory();
        var broken = dir.Write("broken.conf", "ok = 1\nport");
        var main = dir.Write("main.conf", "include \"broken.conf\"");

        var error = Assert.Throws<HoconParseException>(() => Config.ParseFile(main));

        Assert.Equal(broken, error.FileName);
        Assert.Equal(2, error.Line);
    }

    [Theory]
    [InlineData("include url(\"http://example.com/x.conf\")", "url(...), which is not supported")]
    [InlineData("include bogus(\"x.conf\")", "'bogus('")]
    [InlineData("include file(\"x.conf\"", "')' after the include name")]
    public void Malformed_or_unsupported_include_is_a_parse_error(string text, string expectedFragment)
    {
        var error = Assert.Throws<HoconParseException>(() => Config.ParseString(text));

        Assert.Equal(1, error.Line);
        Assert.Contains(expectedFragment, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Include_used_as_an_ordinary_key()
    {
        var config = Config.ParseString("include = 5");

        Assert.Equal(5, config.GetInt("\"include\""));
    }

    [Fact]
    public void Embedded_resource_is_found_by_suffix_and_includes_sibling_resources()
    {
        var config = Config.ParseResource(typeof(IncludeTests).Assembly, "test-reference.conf");

        Assert.Equal(6379, config.GetInt("akkakv.port"));
        Assert.Equal("from-resource", config.GetString("akkakv.included"));
    }

    [Fact]
    public void Missing_embedded_resource_is_a_config_error()
    {
        Assert.Throws<ConfigException>(() => Config.ParseResource(typeof(IncludeTests).Assembly, "nope.conf"));
    }
}
