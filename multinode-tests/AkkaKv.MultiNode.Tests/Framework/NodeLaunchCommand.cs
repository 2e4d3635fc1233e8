using System.Globalization;
using System.Net;
using AkkaKv.Testing;

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

    /// <summary>The launch as the process runner takes it: named after the role, run in the data directory.</summary>
    public ServerLaunch ToServerLaunch() =>
        new(["--bind", Host, "--port", Port.ToString(CultureInfo.InvariantCulture), "--dir", DataDirectory, .. ExtraArguments])
        {
            Name = Role.Name,
            Prefix = Prefix,
            WorkingDirectory = DataDirectory,
            EndPoint = new DnsEndPoint(Host, Port),
        };

    public override string ToString() => ToServerLaunch().ToString();
}
