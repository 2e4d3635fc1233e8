namespace AkkaKv.Host.Tests;

public sealed class CommandLineTests
{
    private static (string Path, string Value) Override(string path, string value) => (path, value);

    [Fact]
    public void No_arguments_means_no_file_and_no_overrides()
    {
        var commandLine = CommandLine.Parse([]);

        Assert.Null(commandLine.ConfigFile);
        Assert.Empty(commandLine.Overrides);
        Assert.False(commandLine.ShowHelp);
        Assert.False(commandLine.ShowVersion);
    }

    [Fact]
    public void First_argument_without_dashes_is_the_config_file()
    {
        var commandLine = CommandLine.Parse(["hocon/standalone.conf"]);

        Assert.Equal("hocon/standalone.conf", commandLine.ConfigFile);
        Assert.Empty(commandLine.Overrides);
    }

    [Fact]
    public void File_then_flags_become_hocon_assignments_in_order()
    {
        var commandLine = CommandLine.Parse(["node.conf", "--port", "7000", "--io-threads", "2"]);

        Assert.Equal("node.conf", commandLine.ConfigFile);
        Assert.Equal(
            [Override("akkakv.server.port", "7000"), Override("akkakv.server.io-threads", "2")],
            commandLine.Overrides);
    }

    [Fact]
    public void Flags_without_a_file()
    {
        var commandLine = CommandLine.Parse(["--maxclients", "100"]);

        Assert.Null(commandLine.ConfigFile);
        Assert.Equal([Override("akkakv.server.maxclients", "100")], commandLine.Overrides);
    }

    [Fact]
    public void Name_equals_value_form_is_accepted()
    {
        var commandLine = CommandLine.Parse(["--port=7001", "--bind=0.0.0.0"]);

        Assert.Equal(
            [Override("akkakv.server.port", "7001"), Override("akkakv.server.bind", "\"0.0.0.0\"")],
            commandLine.Overrides);
    }

    [Fact]
    public void Value_after_equals_may_itself_contain_equals()
    {
        var commandLine = CommandLine.Parse(["--requirepass=a=b"]);

        Assert.Equal([Override("akkakv.server.requirepass", "\"a=b\"")], commandLine.Overrides);
    }

    [Theory]
    [InlineData("se cr\"et # not a comment")]
    [InlineData("p\u00e4ss\\word ${x} = {}")]
    public void String_values_reach_the_settings_verbatim(string password)
    {
        var commandLine = CommandLine.Parse(["--requirepass", password]);

        var settings = ConfigLoader.Load(commandLine, new System.Collections.Hashtable());

        Assert.Equal(password, settings.RequirePass);
    }

    [Fact]
    public void Redis_memory_units_and_yes_no_are_translated()
    {
        var commandLine = CommandLine.Parse(["--maxmemory", "2mb", "--appendonly", "yes", "--timeout", "30"]);

        Assert.Equal(
            [
                Override("akkakv.server.maxmemory", "2097152"),
                Override("akkakv.server.appendonly", "true"),
                Override("akkakv.server.timeout", "30s"),
            ],
            commandLine.Overrides);
    }

    [Fact]
    public void Parameter_names_are_case_insensitive_like_redis()
    {
        var commandLine = CommandLine.Parse(["--PORT", "7002"]);

        Assert.Equal([Override("akkakv.server.port", "7002")], commandLine.Overrides);
    }

    [Fact]
    public void Unknown_flag_is_refused_naming_the_flag()
    {
        var error = Assert.Throws<ArgumentException>(() => CommandLine.Parse(["--port", "7000", "--no-such-thing", "1"]));

        Assert.Equal("option '--no-such-thing': unknown configuration parameter 'no-such-thing'", error.Message);
    }

    [Fact]
    public void Unknown_flag_in_equals_form_is_refused_naming_the_flag()
    {
        var error = Assert.Throws<ArgumentException>(() => CommandLine.Parse(["--bogus=1"]));

        Assert.Contains("'--bogus'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Flag_without_a_value_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => CommandLine.Parse(["node.conf", "--port"]));

        Assert.Equal("option '--port' needs a value", error.Message);
    }

    [Fact]
    public void Value_of_the_wrong_kind_is_refused_with_redis_reason()
    {
        var error = Assert.Throws<ArgumentException>(() => CommandLine.Parse(["--port", "abc"]));

        Assert.Equal("option '--port': argument couldn't be parsed into an integer", error.Message);
    }

    [Fact]
    public void Value_out_of_range_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => CommandLine.Parse(["--io-threads", "0"]));

        Assert.Contains("option '--io-threads'", error.Message, StringComparison.Ordinal);
        Assert.Contains("between 1 and", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Stray_positional_argument_after_flags_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => CommandLine.Parse(["--port", "7000", "extra.conf"]));

        Assert.Contains("'extra.conf'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    public void Help_flag_asks_for_usage(string flag)
    {
        var commandLine = CommandLine.Parse([flag]);

        Assert.True(commandLine.ShowHelp);
        Assert.False(commandLine.ShowVersion);
        Assert.Contains("Usage: ./akkakv-server", CommandLine.Usage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--version")]
    [InlineData("-v")]
    public void Version_flag_asks_for_the_version(string flag)
    {
        var commandLine = CommandLine.Parse([flag]);

        Assert.True(commandLine.ShowVersion);
        Assert.False(commandLine.ShowHelp);
    }

    [Fact]
    public void Environment_variables_name_parameters_in_upper_snake_case()
    {
        var environment = new Dictionary<string, string>
        {
            ["AKKAKV_PORT"] = "7100",
            ["AKKAKV_IO_THREADS"] = "3",
            ["AKKAKV_NOT_A_PARAMETER"] = "ignored",
            ["PORT"] = "1",
        };

        var overrides = CommandLine.FromEnvironment(new System.Collections.Hashtable(environment));

        Assert.Equal(
            [Override("akkakv.server.io-threads", "3"), Override("akkakv.server.port", "7100")],
            overrides.OrderBy(o => o.Path, StringComparer.Ordinal));
    }

    [Fact]
    public void Environment_variable_with_a_bad_value_is_refused_naming_the_variable()
    {
        var environment = new System.Collections.Hashtable { ["AKKAKV_PORT"] = "seven" };

        var error = Assert.Throws<ArgumentException>(() => CommandLine.FromEnvironment(environment));

        Assert.Equal("environment variable AKKAKV_PORT: argument couldn't be parsed into an integer", error.Message);
    }
}
