using AkkaKv.Actors.Runtime;

namespace AkkaKv.Actors;

/// <summary>How a parent decides about a child that failed.</summary>
public abstract class SupervisorStrategy
{
    // Only the kernel's strategies: deciding also touches per-child restart statistics.
    private protected SupervisorStrategy()
    {
    }

    /// <summary>Restarts on any exception, without limit, except that failed initialisation and Kill stop.</summary>
    public static SupervisorStrategy Default { get; } = new OneForOneStrategy(-1, Timeout.InfiniteTimeSpan, DefaultDecider);

    public static Directive DefaultDecider(Exception cause) => cause switch
    {
        ActorInitializationException => Directive.Stop,
        ActorKilledException => Directive.Stop,
        _ => Directive.Restart,
    };

    /// <summary>The directive for one failure of one child, restart limits applied.</summary>
    internal abstract Directive Decide(ChildRestartStats stats, Exception cause);
}
