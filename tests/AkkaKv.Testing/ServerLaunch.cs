using System.Diagnostics;
using System.Net;

namespace AkkaKv.Testing;

/// <summary>
/// How akkakv-server is started: <c>[prefix...] dotnet akkakv-server.dll [arguments...]</c>. The prefix is empty unless
/// the node runs elsewhere, e.g. <c>ip netns exec &lt;ns&gt;</c>, which execs the command, so the process id stays the
/// server's and signals still reach it.
/// </summary>
public sealed class ServerLaunch(IReadOnlyList<string> arguments)
{
    /// <summary>The arguments after akkakv-server.dll.</summary>
    public IReadOnlyList<string> Arguments { get; } = arguments;

    /// <summary>What the captured output lines and error messages call this server.</summary>
    public string Name { get; init; } = "akkakv-server";

    public IReadOnlyList<string> Prefix { get; init; } = [];

    /// <summary>Created on start if missing (a node's data directory may be its working directory).</summary>
    public string WorkingDirectory { get; init; } = AppContext.BaseDirectory;

    /// <summary>Where the server accepts clients, when the caller knows it: what IsAnswering and Connect dial.</summary>
    public DnsEndPoint? EndPoint { get; init; }

    public IReadOnlyList<string> CommandLine => [.. Prefix, ServerExecutable.DotnetHost, ServerExecutable.Dll, .. Arguments];

    public ProcessStartInfo ToStartInfo()
    {
        var commandLine = CommandLine;
        var start = new ProcessStartInfo(commandLine[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = WorkingDirectory,
        };
        foreach (var argument in commandLine.Skip(1)) start.ArgumentList.Add(argument);
        // The node sees only what the test gives it, not AKKAKV_* variables of whoever runs the tests.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("AKKAKV_", StringComparison.Ordinal)).ToList())
            start.Environment.Remove(name);
        return start;
    }

    public override string ToString() => string.Join(' ', CommandLine);
}
