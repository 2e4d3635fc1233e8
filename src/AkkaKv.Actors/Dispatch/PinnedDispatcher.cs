using System.Collections.Concurrent;

namespace AkkaKv.Actors.Dispatch;

/// <summary><c>type = pinned</c>: a dedicated thread per actor, which exits when the actor terminates.</summary>
internal sealed class PinnedDispatcher(DispatcherSettings settings, Action<string> log) : MessageDispatcher(settings)
{
    private readonly ConcurrentDictionary<DedicatedThread, byte> _threads = new();

    public override IMailboxExecutor Attach(string actorName, int? threadAffinity)
    {
        var thread = new DedicatedThread($"{Settings.ThreadNamePrefix}-{actorName}", Settings.IdleSpin, log);
        _threads[thread] = 0;
        thread.Start();
        return thread;
    }

    public override void Detach(IMailboxExecutor executor)
    {
        var thread = (DedicatedThread)executor;
        thread.RequestStop();
        _threads.TryRemove(thread, out _);
    }

    public override IReadOnlyCollection<DedicatedThread> Shutdown()
    {
        var threads = _threads.Keys.ToArray();
        foreach (var thread in threads)
        {
            thread.RequestStop();
        }

        return threads;
    }
}
