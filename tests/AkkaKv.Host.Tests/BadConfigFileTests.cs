using System.Collections;
using AkkaKv.Hocon;
using AkkaKv.Host.Tests.TestSupport;

namespace AkkaKv.Host.Tests;

public sealed class BadConfigFileTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static Server.Config.ServerSettings Load(string file) => ConfigLoader.Load(CommandLine.Parse([file]), new Hashtable());

    [Fact]
    public void Syntax_error_reports_file_line_and_column()
    {
        var file = _dir.Write("broken.conf", "akkakv.server {\n  port = 7000\n  bind\n}\n");

        var error = Assert.Throws<HoconParseException>(() => Load(file));

        Assert.Equal(file, error.FileName);
        Assert.Equal(3, error.Line);
        Assert.Equal(7, error.Column);
        Assert.StartsWith($"{file}:3:7: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unclosed_object_reports_where_the_file_ended()
    {
        var file = _dir.Write("unclosed.conf", "akkakv.server {\n  port = 7000\n");

        var error = Assert.Throws<HoconParseException>(() => Load(file));

        Assert.StartsWith($"{file}:3:1: expected '}}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Syntax_error_wins_over_valid_flags()
    {
        var file = _dir.Write("broken.conf", "akkakv.server { port = [1, }\n");

        var error = Assert.Throws<HoconParseException>(() => ConfigLoader.Load(CommandLine.Parse([file, "--port", "7000"]), new Hashtable()));

        Assert.Equal(1, error.Line);
    }

    [Fact]
    public void Text_where_a_number_belongs_is_refused()
    {
        var file = _dir.Write("wrong-type.conf", "akkakv.server {\n  port = \"abc\"\n}\n");

        var error = Assert.Throws<ConfigException>(() => Load(file));

        // The path is named relative to akkakv.server (the settings read a sub-config); the origin locates it.
        Assert.Contains("port'", error.Message, StringComparison.Ordinal);
        Assert.Contains("'abc'", error.Message, StringComparison.Ordinal);
        Assert.Contains($"{file}:2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Object_where_a_number_belongs_is_refused()
    {
        var file = _dir.Write("object.conf", "akkakv.server.port { value = 1 }\n");

        var error = Assert.Throws<ConfigException>(() => Load(file));

        Assert.Contains("port'", error.Message, StringComparison.Ordinal);
        Assert.Contains("an object", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_duration_is_refused()
    {
        var file = _dir.Write("duration.conf", "akkakv.server.timeout = soon\n");

        var error = Assert.Throws<ConfigException>(() => Load(file));

        Assert.Contains("timeout'", error.Message, StringComparison.Ordinal);
        Assert.Contains($"{file}:1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Port_out_of_range_is_refused()
    {
        var file = _dir.Write("port.conf", "akkakv.server.port = 70000\n");

        var error = Assert.Throws<ConfigException>(() => Load(file));

        Assert.Contains("port", error.Message, StringComparison.Ordinal);
    }
}
