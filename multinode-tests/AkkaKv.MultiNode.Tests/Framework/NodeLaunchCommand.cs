using System.Diagnostics;
using System.Globalization;

namespace AkkaKv.MultiNode.Tests.Framework;

/// <summary>
/// How one role's server is started: <c>[prefix...] dotnet akkakv-server.dll --bind host --port port --dir dir [extra...]</c>.
/// The prefix is empty for loopback nodes; a spec that gives nodes their own network namespace sets it to
/// <c>ip netns exec &lt;ns&gt;</c> and <see cref="Host"/> to the namespace's address. <c>ip netns exec</c> execs the
/// command, so the process id stays the server's and signals still reach it.
/// </summary>
public sealed record NodeLaunchCommand(RoleName Role, string Host, int Port, string DataDirectory)
{
    public IReadOnlyList<string> Prefix { get; init; } = [];

    public IReadOnlyList<string> ExtraArguments { get; init; } = [];

    public IReadOnlyList<string> Arguments =>
    [
        .. Prefix,
        ServerExecutable.DotnetHost,
        ServerExecutable.Dll,
        "--bind", Host,
        "--port", Port.ToString(CultureInfo.InvariantCulture),
        "--dir", DataDirectory,
        .. ExtraArguments,
    ];

    public ProcessStartInfo ToStartInfo()
    {
        var arguments = Arguments;
        var start = new ProcessStartInfo(arguments[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = DataDirectory,
        };
        foreach (var argument in arguments.Skip(1)) start.ArgumentList.Add(argument);
        // A node sees only what the spec gives it, not AKKAKV_* variables of whoever runs the tests.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("AKKAKV_", StringComparison.Ordinal)).ToList())
            start.Environment.Remove(name);
        return start;
    }

    public override string ToString() => string.Join(' ', Arguments);
}
