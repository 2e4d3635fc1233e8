namespace AkkaKv.Hocon.Tests;

public sealed class SubstitutionTests
{
    [Fact]
    public void Substitution_copies_a_value_of_any_type()
    {
        var config = Config.ParseString("""
            base { port = 6379, hosts = [a, b] }
            port = ${base.port}
            hosts = ${base.hosts}
            copy = ${base}
            """);

        Assert.Equal(6379, config.GetInt("port"));
        Assert.Equal(["a", "b"], config.GetStringList("hosts"));
        Assert.Equal(config.GetConfig("base"), config.GetConfig("copy"));
    }

    [Fact]
    public void Substitution_looks_forward_to_the_final_value()
    {
        var config = Config.ParseString("""
            a = ${b}
            b = 1
            b = 2
            """);

        Assert.Equal(2, config.GetInt("a"));
    }

    [Fact]
    public void Substitution_inside_a_string_concatenation()
    {
        var config = Config.ParseString("""
            name = akkakv
            dir = /var/lib/${name}/data
            banner = ${name}" is "running
            """);

        Assert.Equal("/var/lib/akkakv/data", config.GetString("dir"));
        Assert.Equal("akkakv is running", config.GetString("banner"));
    }

    [Fact]
    public void Object_inheritance_through_concatenation()
    {
        var config = Config.ParseString("""
            generic { cluster-size = 6, name = generic }
            east = ${generic} { name = east }
            """);

        Assert.Equal(6, config.GetInt("east.cluster-size"));
        Assert.Equal("east", config.GetString("east.name"));
    }

    [Fact]
    public void Field_may_refer_to_a_sibling_inside_its_own_object()
    {
        var config = Config.ParseString("""
            bar { foo = 42, baz = ${bar.foo} }
            bar { foo = 43 }
            """);

        Assert.Equal(43, config.GetInt("bar.baz"));
    }

    [Fact]
    public void Mutually_referring_objects_resolve()
    {
        var config = Config.ParseString("""
            bar : { a : ${foo.d}, b : 1 }
            bar.b = 3
            foo : { c : ${bar.b}, d : 2 }
            foo.d = 4
            """);

        Assert.Equal(4, config.GetInt("bar.a"));
        Assert.Equal(3, config.GetInt("foo.c"));
    }

    [Fact]
    public void Self_reference_appends_to_the_earlier_value()
    {
        var config = Config.ParseString("""
            path = [/bin]
            path = ${path} [/usr/bin]
            name = a
            name = ${name}b
            """);

        Assert.Equal(["/bin", "/usr/bin"], config.GetStringList("path"));
        Assert.Equal("ab", config.GetString("name"));
    }

    [Fact]
    public void Self_reference_to_a_path_inside_the_field_looks_below()
    {
        var config = Config.ParseString("""
            foo : { a : { c : 1 } }
            foo : ${foo.a}
            foo : { a : 2 }
            """);

        Assert.Equal(2, config.GetInt("foo.a"));
        Assert.Equal(1, config.GetInt("foo.c"));
    }

    [Fact]
    public void Optional_self_reference_with_nothing_below_is_undefined()
    {
        var config = Config.ParseString("""
            a = ${?a}foo
            gone = ${?gone}
            """);

        Assert.Equal("foo", config.GetString("a"));
        Assert.False(config.HasPath("gone"));
        Assert.Equal(["a"], config.Keys);
    }

    [Fact]
    public void Hidden_unresolvable_substitution_is_never_evaluated()
    {
        var config = Config.ParseString("foo = ${does-not-exist}\nfoo = 42");

        Assert.Equal(42, config.GetInt("foo"));
    }

    [Fact]
    public void Undefined_optional_substitution_keeps_the_previous_value()
    {
        var config = Config.ParseString("port = 6379\nport = ${?AKKAKV_TEST_SURELY_UNSET_PORT}");

        Assert.Equal(6379, config.GetInt("port"));
    }

    [Fact]
    public void Optional_substitution_falls_back_to_an_environment_variable()
    {
        Environment.SetEnvironmentVariable("AKKAKV_HOCON_TEST_PORT", "7000");
        try
        {
            var config = Config.ParseString("port = 6379\nport = ${?AKKAKV_HOCON_TEST_PORT}\nhome = ${AKKAKV_HOCON_TEST_PORT}");

            Assert.Equal(7000, config.GetInt("port"));
            Assert.Equal("7000", config.GetString("home"));
        }
        finally
        {
            Environment.SetEnvironmentVariable("AKKAKV_HOCON_TEST_PORT", null);
        }
    }

    [Fact]
    public void Config_value_wins_over_the_environment_even_when_null()
    {
        Environment.SetEnvironmentVariable("AKKAKV_HOCON_TEST_SHADOWED", "from-env");
        try
        {
            var config = Config.ParseString("AKKAKV_HOCON_TEST_SHADOWED = null\na = ${?AKKAKV_HOCON_TEST_SHADOWED}\nb = x");

            Assert.False(config.HasPath("a"));
        }
        finally
        {
            Environment.SetEnvironmentVariable("AKKAKV_HOCON_TEST_SHADOWED", null);
        }
    }

    [Fact]
    public void Missing_required_substitution_names_itself_and_where_it_is()
    {
        var config = Config.ParseString("a = 1\nb = ${akkakv.nope}", "app.conf");

        var error = Assert.Throws<ConfigException>(() => config.GetString("b"));
        Assert.Contains("${akkakv.nope}", error.Message, StringComparison.Ordinal);
        Assert.Contains("app.conf:2:5", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Cycle_is_reported_as_a_config_error()
    {
        var config = Config.ParseString("a = ${b}\nb = ${c}\nc = ${a}");

        var error = Assert.Throws<ConfigException>(() => config.GetString("a"));
        Assert.Contains("cycle", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Object_containing_a_reference_to_itself_is_a_cycle()
    {
        var config = Config.ParseString("bar { foo = 42, baz = ${bar} }");

        Assert.Throws<ConfigException>(() => config.Render());
    }

    [Fact]
    public void Lone_self_reference_is_an_error()
    {
        var config = Config.ParseString("foo = ${foo}");

        var error = Assert.Throws<ConfigException>(() => config.GetString("foo"));
        Assert.Contains("refers to its own field", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Concatenating_an_object_with_a_string_is_reported()
    {
        var config = Config.ParseString("o { x = 1 }\nbad = ${o} text");

        var error = Assert.Throws<ConfigException>(() => config.GetConfig("bad"));
        Assert.Contains("cannot concatenate", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Quoted_substitution_path_segment()
    {
        var config = Config.ParseString("\"a.b\" { c = 1 }\nx = ${\"a.b\".c}");

        Assert.Equal(1, config.GetInt("x"));
    }

    [Fact]
    public void Concurrent_first_reads_agree()
    {
        var lines = Enumerable.Range(1, 200).Select(i => $"k{i} = ${{k{i - 1}}}-{i}").Prepend("k0 = s");
        var config = Config.ParseString(string.Join('\n', lines));
        var expected = string.Join('-', Enumerable.Range(0, 201).Select(i => i == 0 ? "s" : i.ToString(System.Globalization.CultureInfo.InvariantCulture)));

        var results = new string[64];
        Parallel.For(0, results.Length, i => results[i] = config.GetString("k200"));

        Assert.All(results, value => Assert.Equal(expected, value));
    }

    [Fact]
    public void Resolving_a_long_chain_is_linear()
    {
        var lines = Enumerable.Range(1, 2000).Select(i => $"k{i} = ${{k{i - 1}}}").Prepend("k0 = start");
        var config = Config.ParseString(string.Join('\n', lines));

        var started = System.Diagnostics.Stopwatch.StartNew();
        var flattened = config.Flatten().ToList();

        Assert.All(flattened, leaf => Assert.Equal("start", leaf.Value));
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(5), $"took {started.Elapsed}");
    }
}
