using AkkaKv.Server.Cluster;

namespace AkkaKv.Cluster.Routing;

/// <summary>The router of a node outside a cluster: it serves every slot, so nothing is ever redirected.</summary>
public sealed class StandaloneRouter : IClusterRouter
{
    public bool Enabled => false;

    public string? RedirectFor(int slot) => null;
}
