using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using AkkaKv.IntegrationTests.Infrastructure;
using Xunit.Abstractions;

namespace AkkaKv.IntegrationTests.Clients;

/// <summary>
/// Runs the real-client suites of tests/clients (redis-py, ioredis, redis-cli) as subprocesses, each against a
/// private in-process node (they FLUSHALL and CONFIG SET), told where through AKKAKV_HOST and AKKAKV_PORT.
/// </summary>
public sealed class RealClientTests(ITestOutputHelper output)
{
    private static readonly TimeSpan SuiteTimeout = TimeSpan.FromSeconds(120);

    [Fact]
    public Task Redis_py_suite_passes() =>
        RunSuite("/usr/bin/python3", ["-m", "unittest", "discover", "-v", "-s", "tests/clients/python", "-p", "test_*.py"]);

    [Fact]
    public async Task Ioredis_suite_passes()
    {
        var root = RepoRoot();
        var nodeDir = Path.Combine(root, "tests", "clients", "node");
        if (!Directory.Exists(Path.Combine(nodeDir, "node_modules", "ioredis")))
        {
            var npm = await Run("npm", ["--version"], root, [], TimeSpan.FromSeconds(30));
            if (npm is null)
            {
                output.WriteLine("SKIPPED: tests/clients/node/node_modules is missing and npm is not installed");
                return;
            }

            var install = await Run("npm", ["install", "--prefix", "tests/clients/node", "--no-audit", "--no-fund"], root, [], SuiteTimeout);
            Assert.True(install is { ExitCode: 0 }, $"npm install failed:\n{install?.Output}");
        }

        await RunSuite("node", ["--test", "--test-concurrency=1", "tests/clients/node/"]);
    }

    [Fact]
    public Task Redis_cli_suite_passes() =>
        RunSuite("bash", ["tests/clients/cli/redis_cli_test.sh"]);

    private async Task RunSuite(string program, string[] arguments)
    {
        await using var node = ServerFixture.Start();
        var port = node.EndPoint.Port;
        var environment = new Dictionary<string, string>
        {
            ["AKKAKV_HOST"] = "127.0.0.1",
            ["AKKAKV_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["PYTHONUNBUFFERED"] = "1",
            ["NO_COLOR"] = "1",
        };
        var clock = Stopwatch.StartNew();
        var result = await Run(program, arguments, RepoRoot(), environment, SuiteTimeout);
        Assert.NotNull(result); // the program exists
        var summary = $"{program} {string.Join(' ', arguments)} against port {port}: exit code {result.ExitCode} after {clock.Elapsed.TotalSeconds:F1} s";
        if (result.ExitCode != 0)
        {
            output.WriteLine(summary);
            output.WriteLine(result.Output);
            Assert.Fail(summary + (result.TimedOut ? " (timed out and killed)" : "") + "; its output is above");
        }

        output.WriteLine(summary);
        output.WriteLine(string.Join('\n', result.Output.TrimEnd().Split('\n').TakeLast(8)));
    }

    private sealed record ProcessResult(int ExitCode, string Output, bool TimedOut);

    /// <summary>Runs a program to completion (killing it and its children after the timeout); null when it cannot be started.</summary>
    private static async Task<ProcessResult?> Run(string program, string[] arguments, string directory, Dictionary<string, string> environment, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var text = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (text) text.Append(e.Data).Append('\n');
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (text) text.Append(e.Data).Append('\n');
            }
        };
        try
        {
            process.Start();
        }
        catch (Win32Exception)
        {
            return null;
        }

        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var timedOut = false;
        using (var cancel = new CancellationTokenSource(timeout))
        {
            try
            {
                await process.WaitForExitAsync(cancel.Token);
            }
            catch (OperationCanceledException)
            {
                timedOut = true;
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }

        process.WaitForExit(); // drains the redirected output
        lock (text)
        {
            return new ProcessResult(timedOut ? -1 : process.ExitCode, text.ToString(), timedOut);
        }
    }

    private static string RepoRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "AkkaKv.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"no AkkaKv.sln above {AppContext.BaseDirectory}");
    }
}
