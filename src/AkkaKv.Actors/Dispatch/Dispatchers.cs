using System.Collections.Concurrent;
using AkkaKv.Hocon;

namespace AkkaKv.Actors.Dispatch;

/// <summary>The system's dispatchers by config path, each created on first use and kept until shutdown.</summary>
internal sealed class Dispatchers(Config config, Action<string> log)
{
    private readonly ConcurrentDictionary<string, MessageDispatcher> _byId = new(StringComparer.Ordinal);
    private readonly Lock _createLock = new();
    private bool _shutDown;

    public MessageDispatcher Lookup(string id)
    {
        if (_byId.TryGetValue(id, out var dispatcher))
        {
            return dispatcher;
        }

        lock (_createLock)
        {
            ObjectDisposedException.ThrowIf(_shutDown, this);
            if (!_byId.TryGetValue(id, out dispatcher))
            {
                dispatcher = Create(DispatcherSettings.FromConfig(config, id));
                _byId[id] = dispatcher;
            }

            return dispatcher;
        }
    }

    /// <summary>Stops every dedicated thread and waits for them to exit (except the calling thread).</summary>
    public void Shutdown(TimeSpan joinTimeout)
    {
        List<DedicatedThread> threads = [];
        lock (_createLock)
        {
            _shutDown = true;
            foreach (var dispatcher in _byId.Values)
            {
                threads.AddRange(dispatcher.Shutdown());
            }
        }

        foreach (var thread in threads)
        {
            thread.Join(joinTimeout);
        }
    }

    private MessageDispatcher Create(DispatcherSettings settings) => settings.Type switch
    {
        DispatcherType.ThreadPool => new ThreadPoolDispatcher(settings),
        DispatcherType.Pinned => new PinnedDispatcher(settings, log),
        DispatcherType.Affinity => new AffinityDispatcher(settings, (name, _) => new DedicatedThread(name, settings.IdleSpin, log)),
        DispatcherType.EventLoop => new AffinityDispatcher(settings, (name, index) => new EventLoopThread(name, index, log)),
        _ => throw new InvalidOperationException($"Unsupported dispatcher type {settings.Type}."),
    };
}
