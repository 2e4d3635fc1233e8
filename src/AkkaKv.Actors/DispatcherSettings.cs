using AkkaKv.Hocon;

namespace AkkaKv.Actors;

/// <summary>One dispatcher's settings, read once from the config object at its path.</summary>
public sealed class DispatcherSettings
{
    private const string DefaultsPath = "akkakv.actors.dispatcher-defaults";

    public DispatcherSettings(string id, DispatcherType type, int throughput, int threadCount, string threadNamePrefix, TimeSpan idleSpin)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        ArgumentOutOfRangeException.ThrowIfLessThan(throughput, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(threadCount, 0);
        Id = id;
        Type = type;
        Throughput = throughput;
        ThreadCount = threadCount == 0 ? Environment.ProcessorCount : threadCount;
        ThreadNamePrefix = string.IsNullOrEmpty(threadNamePrefix) ? LastSegment(id) : threadNamePrefix;
        IdleSpin = idleSpin;
    }

    /// <summary>The config path that names the dispatcher.</summary>
    public string Id { get; }

    public DispatcherType Type { get; }

    /// <summary>User messages an actor processes per turn before yielding its thread.</summary>
    public int Throughput { get; }

    /// <summary>Threads of an affinity group (0 in config resolves to the processor count).</summary>
    public int ThreadCount { get; }

    public string ThreadNamePrefix { get; }

    /// <summary>How long an idle dedicated thread polls for work before it sleeps.</summary>
    public TimeSpan IdleSpin { get; }

    /// <summary>Reads the dispatcher at <paramref name="id"/>; missing keys come from <c>dispatcher-defaults</c>.</summary>
    public static DispatcherSettings FromConfig(Config config, string id)
    {
        if (!config.HasPath(id + ".type"))
        {
            throw new InvalidOperationException($"No dispatcher is configured at '{id}' (expected an object with a 'type').");
        }

        var own = config.GetConfig(id);
        var settings = config.HasPath(DefaultsPath) ? own.WithFallback(config.GetConfig(DefaultsPath)) : own;
        return new DispatcherSettings(
            id,
            ParseType(id, settings.GetString("type")),
            settings.GetInt("throughput", 30),
            settings.GetInt("thread-count", 0),
            settings.GetString("thread-name-prefix", ""),
            TimeSpan.FromMicroseconds(settings.GetInt("idle-spin-microseconds", 0)));
    }

    private static DispatcherType ParseType(string id, string type) => type switch
    {
        "thread-pool" => DispatcherType.ThreadPool,
        "pinned" => DispatcherType.Pinned,
        "affinity" => DispatcherType.Affinity,
        "event-loop" => DispatcherType.EventLoop,
        _ => throw new InvalidOperationException($"Dispatcher '{id}' has unknown type '{type}' (expected thread-pool, pinned, affinity or event-loop)."),
    };

    private static string LastSegment(string id) => id[(id.LastIndexOf('.') + 1)..];
}
