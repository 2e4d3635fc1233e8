using AkkaKv.Actors.Runtime;

namespace AkkaKv.Actors;

/// <summary>Applies the decider's directive to the failing child only.</summary>
public sealed class OneForOneStrategy : SupervisorStrategy
{
    private readonly Func<Exception, Directive> _decider;

    /// <param name="maxNrOfRetries">Restarts allowed within the window; a negative value means no limit.
    /// Once exceeded, the child is stopped instead.</param>
    /// <param name="withinTimeRange">The window; zero or <see cref="Timeout.InfiniteTimeSpan"/> counts restarts over the child's life.</param>
    public OneForOneStrategy(int maxNrOfRetries, TimeSpan withinTimeRange, Func<Exception, Directive> decider)
    {
        ArgumentNullException.ThrowIfNull(decider);
        MaxNrOfRetries = maxNrOfRetries;
        WithinTimeRange = withinTimeRange;
        _decider = decider;
    }

    public int MaxNrOfRetries { get; }

    public TimeSpan WithinTimeRange { get; }

    internal override Directive Decide(ChildRestartStats stats, Exception cause)
    {
        var directive = _decider(cause);
        if (directive == Directive.Restart && !stats.RequestRestartPermission(MaxNrOfRetries, WithinTimeRange))
        {
            return Directive.Stop;
        }

        return directive;
    }
}
