using System.Collections;
using AkkaKv.Host.Tests.TestSupport;

namespace AkkaKv.Host.Tests;

/// <summary>reference.conf &lt; the HOCON file &lt; AKKAKV_* environment variables &lt; flags, one layer at a time.</summary>
public sealed class ConfigPrecedenceTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static Hashtable NoEnvironment() => [];

    private static Hashtable Environment(params (string Name, string Value)[] variables)
    {
        var table = new Hashtable();
        foreach (var (name, value) in variables) table[name] = value;
        return table;
    }

    private string ConfigFile(string hocon) => _dir.Write("node.conf", hocon);

    [Fact]
    public void Reference_defaults_apply_when_nothing_is_given()
    {
        var settings = ConfigLoader.Load(CommandLine.Parse([]), NoEnvironment());

        Assert.Equal(6379, settings.Port);
        Assert.Equal("127.0.0.1", settings.Bind);
        Assert.Equal(16, settings.Databases);
        Assert.Equal(10000, settings.MaxClients);
        Assert.Equal(1024 * 1024, settings.ReplBacklogSize);
        Assert.Null(settings.ConfigFile);
    }

    [Fact]
    public void File_overrides_reference_and_leaves_the_rest()
    {
        var file = ConfigFile("akkakv.server { port = 7001, maxclients = 50 }");

        var settings = ConfigLoader.Load(CommandLine.Parse([file]), NoEnvironment());

        Assert.Equal(7001, settings.Port);
        Assert.Equal(50, settings.MaxClients);
        Assert.Equal(16, settings.Databases);
        Assert.Equal(file, settings.ConfigFile);
    }

    [Fact]
    public void Environment_overrides_file()
    {
        var file = ConfigFile("akkakv.server { port = 7001, maxclients = 50 }");

        var settings = ConfigLoader.Load(CommandLine.Parse([file]), Environment(("AKKAKV_PORT", "7002")));

        Assert.Equal(7002, settings.Port);
        Assert.Equal(50, settings.MaxClients);
    }

    [Fact]
    public void Environment_overrides_reference_without_a_file()
    {
        var settings = ConfigLoader.Load(CommandLine.Parse([]), Environment(("AKKAKV_MAXCLIENTS", "77")));

        Assert.Equal(77, settings.MaxClients);
        Assert.Equal(6379, settings.Port);
    }

    [Fact]
    public void Flags_override_environment()
    {
        var file = ConfigFile("akkakv.server { port = 7001, maxclients = 50 }");

        var settings = ConfigLoader.Load(
            CommandLine.Parse([file, "--port", "7003"]),
            Environment(("AKKAKV_PORT", "7002"), ("AKKAKV_MAXCLIENTS", "60")));

        Assert.Equal(7003, settings.Port);
        Assert.Equal(60, settings.MaxClients);
    }

    [Fact]
    public void Each_key_comes_from_the_highest_layer_that_sets_it()
    {
        var file = ConfigFile("""
            akkakv.server {
              port = 7001
              maxclients = 50
              databases = 4
              hz = 20
            }
            """);

        var settings = ConfigLoader.Load(
            CommandLine.Parse([file, "--port", "7003", "--maxclients=70"]),
            Environment(("AKKAKV_PORT", "7002"), ("AKKAKV_MAXCLIENTS", "60"), ("AKKAKV_DATABASES", "8")));

        Assert.Equal(7003, settings.Port);           // flag
        Assert.Equal(70, settings.MaxClients);       // flag over env over file
        Assert.Equal(8, settings.Databases);         // env over file
        Assert.Equal(20, settings.Hz);               // file over reference
        Assert.Equal("127.0.0.1", settings.Bind);    // reference
    }

    [Fact]
    public void Nested_objects_merge_key_by_key_across_layers()
    {
        var file = ConfigFile("akkakv.server.client-output-buffer-limit.pubsub { hard = 64mb }");

        var settings = ConfigLoader.Load(CommandLine.Parse([file]), NoEnvironment());

        Assert.Equal(64L * 1024 * 1024, settings.PubSubOutputLimit.HardBytes);
        Assert.Equal(8L * 1024 * 1024, settings.PubSubOutputLimit.SoftBytes);
    }

    [Fact]
    public void Multi_key_flag_overrides_only_what_it_names()
    {
        var file = ConfigFile("akkakv.server.client-output-buffer-limit.pubsub { hard = 64mb }");

        var settings = ConfigLoader.Load(
            CommandLine.Parse([file, "--client-output-buffer-limit", "normal 10mb 5mb 30"]),
            NoEnvironment());

        Assert.Equal(10L * 1024 * 1024, settings.NormalOutputLimit.HardBytes);
        Assert.Equal(TimeSpan.FromSeconds(30), settings.NormalOutputLimit.SoftDuration);
        Assert.Equal(64L * 1024 * 1024, settings.PubSubOutputLimit.HardBytes);
    }

    [Fact]
    public void Unrelated_environment_variables_are_ignored()
    {
        var settings = ConfigLoader.Load(
            CommandLine.Parse([]),
            Environment(("PATH", "/usr/bin"), ("AKKAKV_SOMETHING_ELSE", "x"), ("akkakv_port", "1")));

        Assert.Equal(6379, settings.Port);
    }

    [Fact]
    public void Missing_file_is_refused()
    {
        var missing = Path.Combine(_dir.Path, "absent.conf");

        var error = Assert.Throws<FileNotFoundException>(() => ConfigLoader.Load(CommandLine.Parse([missing]), NoEnvironment()));

        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
    }
}
