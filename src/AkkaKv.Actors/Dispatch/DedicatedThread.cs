using System.Collections.Concurrent;
using System.Diagnostics;
using AkkaKv.Actors.Runtime;

namespace AkkaKv.Actors.Dispatch;

/// <summary>
/// A background thread that runs the mailboxes scheduled on it, in FIFO order, and sleeps when it has
/// none. Waking it costs a lock and a futex; a producer pays that only when the thread is asleep,
/// so scheduling work on a busy thread is a single enqueue. <see cref="EventLoopThread"/> sleeps in the
/// kernel's readiness wait instead, and looks for I/O between rounds of mailboxes.
/// </summary>
internal class DedicatedThread : IMailboxExecutor
{
    // Mailboxes run per round before the thread looks for I/O, so sockets get their turn under load.
    private const int CellsPerRound = 64;

    private readonly ConcurrentQueue<ActorCell> _ready = new();
    private readonly object _gate = new(); // Monitor.Wait/Pulse need a plain object, not a Lock
    private readonly Thread _thread;
    private readonly long _idleSpinTicks;
    private readonly Action<string> _log;

    // 1 while the thread is asleep or about to be; whoever swaps it back to 0 owes the thread a Wake.
    private int _sleeping;
    private bool _signaled;
    private bool _runningNested;
    private volatile bool _stopRequested;
    private volatile bool _exited;

    public DedicatedThread(string name, TimeSpan idleSpin, Action<string> log)
    {
        _idleSpinTicks = (long)(idleSpin.TotalSeconds * Stopwatch.Frequency);
        _log = log;
        _thread = new Thread(Loop) { Name = name, IsBackground = true };
    }

    public string Name => _thread.Name!;

    public void Start() => _thread.Start();

    public void Schedule(ActorCell cell)
    {
        // Enqueue is a locked compare-exchange (a full fence), so the reads below cannot move before it;
        // the thread publishes _sleeping / _exited with full fences too. Hence either we see the flag or
        // the thread sees the cell.
        _ready.Enqueue(cell);
        if (_exited)
        {
            HandOverToThreadPool();
        }
        // No wake-up when the thread schedules on itself (an event loop dispatching I/O inside Park): it runs the cell next.
        else if (Volatile.Read(ref _sleeping) == 1 && Thread.CurrentThread != _thread && Interlocked.Exchange(ref _sleeping, 0) == 1)
        {
            Wake();
        }
    }

    public void RequestStop()
    {
        _stopRequested = true;
        Interlocked.Exchange(ref _sleeping, 0);
        Wake();
    }

    /// <summary>Waits for the thread to exit; a no-op on the thread itself (an actor may terminate the system).</summary>
    public void Join(TimeSpan timeout)
    {
        if (Thread.CurrentThread != _thread)
        {
            _thread.Join(timeout);
        }
    }

    /// <summary>
    /// Polls once and runs the mailboxes ready now, except those of <paramref name="notThese"/>, from within a running
    /// mailbox on this thread. A running mailbox is never in the ready queue, so it cannot be entered twice.
    /// </summary>
    protected void RunReadyExcept(IReadOnlyList<IActorRef> notThese)
    {
        if (_runningNested) return;
        _runningNested = true;
        List<ActorCell> skipped = [];
        try
        {
            PollWithoutWaiting();
            for (var count = _ready.Count; count > 0 && _ready.TryDequeue(out var cell); count--)
            {
                if (notThese.Contains(cell)) skipped.Add(cell);
                else cell.Run();
            }
        }
        finally
        {
            // Still scheduled: they run when the thread gets back to its loop.
            foreach (var cell in skipped) _ready.Enqueue(cell);
            _runningNested = false;
        }
    }

    /// <summary>Looks for I/O that became ready, without waiting; called between rounds of mailboxes while work remains.</summary>
    protected virtual void PollWithoutWaiting()
    {
    }

    /// <summary>Runs on the thread before its first mailbox.</summary>
    protected virtual void OnStarted()
    {
    }

    /// <summary>Runs on the thread as it exits.</summary>
    protected virtual void OnExiting()
    {
    }

    private void Loop()
    {
        OnStarted();
        while (true)
        {
            for (var n = 0; n < CellsPerRound && _ready.TryDequeue(out var cell); n++)
            {
                cell.Run();
            }

            // Work left over: look for I/O without waiting, then go on. None: Park waits for both at once.
            if (!_ready.IsEmpty && !_stopRequested)
            {
                PollWithoutWaiting();
                continue;
            }

            if (_stopRequested)
            {
                break;
            }

            if (SpinForWork())
            {
                continue;
            }

            Interlocked.Exchange(ref _sleeping, 1);
            if (_ready.IsEmpty && !_stopRequested)
            {
                Park();
            }

            // If a producer already swapped the flag, its Wake is spent on a later Park that returns at once.
            Volatile.Write(ref _sleeping, 0);
        }

        OnExiting();
        _exited = true;
        Interlocked.MemoryBarrier();
        HandOverToThreadPool();
    }

    private bool SpinForWork()
    {
        if (_idleSpinTicks <= 0)
        {
            return false;
        }

        var deadline = Stopwatch.GetTimestamp() + _idleSpinTicks;
        do
        {
            if (!_ready.IsEmpty || _stopRequested)
            {
                return true;
            }

            Thread.SpinWait(8);
        }
        while (Stopwatch.GetTimestamp() < deadline);
        return false;
    }

    /// <summary>Sleeps until <see cref="Wake"/>; a Wake that came first makes it return at once.</summary>
    protected virtual void Park()
    {
        lock (_gate)
        {
            while (!_signaled)
            {
                Monitor.Wait(_gate);
            }

            _signaled = false;
        }
    }

    protected virtual void Wake()
    {
        lock (_gate)
        {
            _signaled = true;
            Monitor.Pulse(_gate);
        }
    }

    // After exit, late schedules (a Tell racing with its actor's termination) still need a turn: the cell
    // then only moves its mail to dead letters.
    private void HandOverToThreadPool()
    {
        while (_ready.TryDequeue(out var cell))
        {
            try
            {
                ThreadPool.UnsafeQueueUserWorkItem(cell, preferLocal: false);
            }
            catch (Exception ex)
            {
                _log($"{Name}: could not hand a mailbox over to the thread pool: {ex}");
            }
        }
    }
}
