using System.Collections.Concurrent;

namespace AkkaKv.Actors.Scheduling;

/// <summary>
/// An <see cref="IScheduler"/> over .NET timers (one timer queue for the process, no thread of our own).
/// It remembers live schedules so that terminating the system cancels them all.
/// </summary>
internal sealed class TimerScheduler : IScheduler
{
    private readonly ConcurrentDictionary<ScheduledTell, byte> _live = new();
    private volatile bool _shutDown;

    public ICancelable ScheduleTellOnce(TimeSpan delay, IActorRef receiver, object message, IActorRef? sender = null) =>
        Schedule(delay, Timeout.InfiniteTimeSpan, receiver, message, sender);

    public ICancelable ScheduleTellRepeatedly(TimeSpan initialDelay, TimeSpan interval, IActorRef receiver, object message, IActorRef? sender = null)
    {
        if (interval <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(interval), interval, "A repeat interval must be positive.");
        }

        return Schedule(initialDelay, interval, receiver, message, sender);
    }

    public void Shutdown()
    {
        _shutDown = true;
        foreach (var scheduled in _live.Keys)
        {
            scheduled.Cancel();
        }
    }

    internal void Forget(ScheduledTell scheduled) => _live.TryRemove(scheduled, out _);

    private ScheduledTell Schedule(TimeSpan delay, TimeSpan interval, IActorRef receiver, object message, IActorRef? sender)
    {
        ArgumentNullException.ThrowIfNull(receiver);
        ArgumentNullException.ThrowIfNull(message);
        var scheduled = new ScheduledTell(this, receiver, message, sender, interval);
        _live[scheduled] = 0;
        if (_shutDown)
        {
            scheduled.Cancel();
            return scheduled;
        }

        scheduled.Start(delay < TimeSpan.Zero ? TimeSpan.Zero : delay);
        return scheduled;
    }
}
