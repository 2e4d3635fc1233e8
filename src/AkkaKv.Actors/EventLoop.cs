using AkkaKv.Actors.Dispatch;

namespace AkkaKv.Actors;

/// <summary>Finds the event loop of the calling thread.</summary>
public static class EventLoop
{
    /// <summary>The loop of the current thread when it is an event-loop dispatcher's thread; null on any other.</summary>
    public static IEventLoop? Current => EventLoopThread.Current;
}
