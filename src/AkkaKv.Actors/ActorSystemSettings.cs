using AkkaKv.Hocon;

namespace AkkaKv.Actors;

/// <summary>The kernel's settings (<c>akkakv.actors</c>), read once when the system is created.</summary>
public sealed class ActorSystemSettings
{
    public ActorSystemSettings(Config config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var actors = config.GetConfig("akkakv.actors");
        LogDeadLetters = actors.GetInt("log-dead-letters");
        LogDeadLettersDuringShutdown = actors.GetBoolean("log-dead-letters-during-shutdown");
        TerminateTimeout = actors.GetDuration("terminate-timeout");
        DefaultDispatcher = DispatcherSettings.FromConfig(config, DispatcherIds.Default);
    }

    /// <summary>How many dead letters are logged before the kernel goes quiet about them.</summary>
    public int LogDeadLetters { get; }

    public bool LogDeadLettersDuringShutdown { get; }

    /// <summary>How long <see cref="ActorSystem.Dispose"/> waits for termination.</summary>
    public TimeSpan TerminateTimeout { get; }

    public DispatcherSettings DefaultDispatcher { get; }
}
