using AkkaKv.Cluster.Routing;
using AkkaKv.Server.Cluster;

namespace AkkaKv.Cluster.Tests.Routing;

public sealed class StandaloneRouterTests
{
    private const int SlotCount = 16384;

    private readonly IClusterRouter _router = new StandaloneRouter();

    [Fact]
    public void Cluster_mode_is_disabled()
    {
        Assert.False(_router.Enabled);
    }

    [Fact]
    public void No_slot_is_ever_redirected()
    {
        for (var slot = 0; slot < SlotCount; slot++) Assert.Null(_router.RedirectFor(slot));
    }
}
