using AkkaKv.Actors.Runtime;

namespace AkkaKv.Actors.Dispatch;

/// <summary>Queues the cell itself (an IThreadPoolWorkItem) to the .NET thread pool: no allocation per turn.</summary>
internal sealed class ThreadPoolExecutor : IMailboxExecutor
{
    public static ThreadPoolExecutor Instance { get; } = new();

    public void Schedule(ActorCell cell) => ThreadPool.UnsafeQueueUserWorkItem(cell, preferLocal: false);
}
