namespace AkkaKv.Actors.Dispatch;

/// <summary>
/// <c>type = affinity</c>: a fixed group of dedicated threads, started on first use; each actor is
/// bound to one of them, round-robin at creation, for its whole life.
/// </summary>
internal sealed class AffinityDispatcher(DispatcherSettings settings, Action<string> log) : MessageDispatcher(settings)
{
    private readonly Lock _startLock = new();
    private DedicatedThread[]? _threads;
    private int _nextThread = -1;

    public override IMailboxExecutor Attach(string actorName)
    {
        var threads = _threads ?? StartThreads();
        var index = (int)((uint)Interlocked.Increment(ref _nextThread) % (uint)threads.Length);
        return threads[index];
    }

    public override IReadOnlyCollection<DedicatedThread> Shutdown()
    {
        DedicatedThread[] threads;
        lock (_startLock)
        {
            threads = _threads ?? [];
        }

        foreach (var thread in threads)
        {
            thread.RequestStop();
        }

        return threads;
    }

    private DedicatedThread[] StartThreads()
    {
        lock (_startLock)
        {
            if (_threads is null)
            {
                var threads = new DedicatedThread[Settings.ThreadCount];
                for (var i = 0; i < threads.Length; i++)
                {
                    threads[i] = new DedicatedThread($"{Settings.ThreadNamePrefix}-{i}", Settings.IdleSpin, log);
                    threads[i].Start();
                }

                _threads = threads;
            }

            return _threads;
        }
    }
}
