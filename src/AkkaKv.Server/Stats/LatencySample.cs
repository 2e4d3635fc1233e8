namespace AkkaKv.Server.Stats;

/// <summary>One point of a latency event's history: the second it happened in, and the worst latency (ms) of that second.</summary>
public readonly record struct LatencySample(long UnixTimeSeconds, long Milliseconds);
