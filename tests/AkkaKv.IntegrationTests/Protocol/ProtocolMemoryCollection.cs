namespace AkkaKv.IntegrationTests.Protocol;

/// <summary>
/// Tests that measure the process's memory: they run alone, after the parallel tests, so that other tests'
/// allocations do not blur the measurement.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProtocolMemoryCollection
{
    public const string Name = "Protocol memory (runs alone)";
}
