namespace AkkaKv.Server.Stats;

/// <summary>A copy of one latency event's recorded samples, oldest first (never empty), and its all-time worst latency.</summary>
public sealed record LatencyEventHistory(string Name, IReadOnlyList<LatencySample> Samples, long MaxMilliseconds)
{
    public LatencySample Latest => Samples[^1];
}
