namespace AkkaKv.Actors;

/// <summary>How a dispatcher gives actors threads; the <c>type</c> key of a dispatcher's config.</summary>
public enum DispatcherType
{
    /// <summary><c>thread-pool</c>: actors take turns on the .NET thread pool.</summary>
    ThreadPool,

    /// <summary><c>pinned</c>: every actor gets a dedicated thread of its own.</summary>
    Pinned,

    /// <summary><c>affinity</c>: a fixed group of dedicated threads; each actor is bound to one for life.</summary>
    Affinity,

    /// <summary><c>event-loop</c>: as affinity, and each thread is also an epoll loop its actors watch sockets with (<see cref="IEventLoop"/>).</summary>
    EventLoop,
}
