namespace AkkaKv.Actors.Scheduling;

/// <summary>One scheduled Tell (once, or repeatedly when it has an interval), backed by a timer.</summary>
internal sealed class ScheduledTell(TimerScheduler owner, IActorRef receiver, object message, IActorRef? sender, TimeSpan interval)
    : ICancelable
{
    private readonly Lock _timerLock = new();
    private Timer? _timer;
    private volatile bool _cancelled;

    public bool IsCancellationRequested => _cancelled;

    public void Start(TimeSpan delay)
    {
        lock (_timerLock)
        {
            if (!_cancelled)
            {
                _timer = new Timer(static state => ((ScheduledTell)state!).Fire(), this, delay, interval);
            }
        }
    }

    public void Cancel()
    {
        lock (_timerLock)
        {
            if (_cancelled)
            {
                return;
            }

            _cancelled = true;
            _timer?.Dispose();
        }

        owner.Forget(this);
    }

    private void Fire()
    {
        if (_cancelled)
        {
            return;
        }

        receiver.Tell(message, sender);
        if (interval == Timeout.InfiniteTimeSpan)
        {
            // Done, not cancelled: IsCancellationRequested stays false.
            lock (_timerLock)
            {
                _timer?.Dispose();
            }

            owner.Forget(this);
        }
    }
}
