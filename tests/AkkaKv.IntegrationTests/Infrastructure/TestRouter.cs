using AkkaKv.Server.Cluster;

namespace AkkaKv.IntegrationTests.Infrastructure;

/// <summary>
/// A cluster router for tests: cluster mode on or off; this node serves the slots <paramref name="serves"/> accepts
/// (every slot when null), and the others are served at 127.0.0.1:7000.
/// </summary>
public sealed class TestRouter(bool enabled, Func<int, bool>? serves = null) : IClusterRouter
{
    public bool Enabled => enabled;

    public string? RedirectFor(int slot) => serves is null || serves(slot) ? null : "127.0.0.1:7000";
}
