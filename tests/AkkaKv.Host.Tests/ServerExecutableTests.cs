using AkkaKv.Host.Tests.TestSupport;
using AkkaKv.Protocol;
using AkkaKv.Testing;

namespace AkkaKv.Host.Tests;

/// <summary>The built akkakv-server executable, run as a real process.</summary>
public sealed class ServerExecutableTests : IDisposable
{
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(15);

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Bad_config_file_exits_non_zero_naming_file_line_and_column()
    {
        var file = _dir.Write("broken.conf", "akkakv.server {\n  port = 7000\n  bind\n}\n");

        using var server = ServerProcess.Run(ExitTimeout, file);

        Assert.NotEqual(0, server.ExitCode);
        Assert.Contains($"{file}:3:7:", server.Stderr, StringComparison.Ordinal);
        Assert.Contains("FATAL CONFIG ERROR", server.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Wrong_type_in_config_file_exits_non_zero()
    {
        var file = _dir.Write("wrong-type.conf", "akkakv.server.port = \"abc\"\n");

        using var server = ServerProcess.Run(ExitTimeout, file);

        Assert.NotEqual(0, server.ExitCode);
        Assert.Contains("port'", server.Stderr, StringComparison.Ordinal);
        Assert.Contains($"{file}:1", server.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_flag_exits_non_zero_naming_the_flag()
    {
        using var server = ServerProcess.Run(ExitTimeout, "--no-such-flag", "1");

        Assert.NotEqual(0, server.ExitCode);
        Assert.Contains("'--no-such-flag'", server.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Help_prints_usage_and_exits_zero()
    {
        using var server = ServerProcess.Run(ExitTimeout, "--help");

        Assert.Equal(0, server.ExitCode);
        Assert.Contains("Usage: ./akkakv-server", server.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Sigterm_stops_a_serving_node_cleanly()
    {
        using var server = StartServing(out var port);

        using (var client = new RespClient("127.0.0.1", port))
        {
            Assert.Equal("PONG", client.Execute("PING").ToString());
            Assert.Equal("OK", client.Execute("SET", "k", "v").ToString());
        }

        server.Terminate();

        Assert.True(server.WaitForExit(ExitTimeout), $"no exit within {ExitTimeout} of SIGTERM\n{server.Output}");
        Assert.True(server.ExitCode == 0, $"exit code {server.ExitCode}\n{server.Output}");
        Assert.Contains("Received SIGTERM", server.Stdout, StringComparison.Ordinal);
        Assert.Contains("ready to exit", server.Stdout, StringComparison.Ordinal);
    }

    /// <summary>Starts the executable on a port picked free just before; retried if another process took it meanwhile.</summary>
    private ServerProcess StartServing(out int port)
    {
        for (var attempt = 1; ; attempt++)
        {
            port = ServerProcess.FreePort();
            var server = ServerProcess.Start("--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--dir", _dir.Path);
            if (server.WaitForOutput($"Ready to accept connections tcp on 127.0.0.1:{port}", ReadyTimeout)) return server;
            var output = server.Output;
            server.Dispose();
            if (attempt == 3 || !output.Contains("Could not create server TCP listening socket", StringComparison.Ordinal))
                throw new InvalidOperationException($"akkakv-server did not become ready on port {port}\n{output}");
        }
    }
}
