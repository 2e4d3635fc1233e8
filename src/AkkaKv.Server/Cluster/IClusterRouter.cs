namespace AkkaKv.Server.Cluster;

/// <summary>
/// Which node serves a hash slot. Declared by the server, implemented by the cluster module and wired by the host,
/// so the server never references the cluster (Garnet's rule). A standalone node owns every slot.
/// </summary>
public interface IClusterRouter
{
    bool Enabled { get; }

    /// <summary>Null when this node serves the slot; otherwise the MOVED target "host:port".</summary>
    string? RedirectFor(int slot);
}
