namespace AkkaKv.Actors.Dispatch;

/// <summary>
/// <c>type = affinity</c> (and <c>event-loop</c>, whose threads are also epoll loops): a fixed group of dedicated
/// threads, started on first use; each actor is bound to one of them for its whole life, the one its props ask for
/// (<see cref="Props.WithThreadAffinity"/>) or else round-robin at creation.
/// </summary>
internal sealed class AffinityDispatcher(DispatcherSettings settings, Func<string, int, DedicatedThread> newThread) : MessageDispatcher(settings)
{
    private readonly Lock _startLock = new();
    private DedicatedThread[]? _threads;
    private int _nextThread = -1;

    public override IMailboxExecutor Attach(string actorName, int? threadAffinity)
    {
        var threads = _threads ?? StartThreads();
        var index = threadAffinity ?? Interlocked.Increment(ref _nextThread);
        return threads[(int)((uint)index % (uint)threads.Length)];
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
                    threads[i] = newThread($"{Settings.ThreadNamePrefix}-{i}", i);
                    threads[i].Start();
                }

                _threads = threads;
            }

            return _threads;
        }
    }
}
