namespace AkkaKv.Actors.Dispatch;

/// <summary><c>type = thread-pool</c>: every actor's turns run on the shared .NET thread pool.</summary>
internal sealed class ThreadPoolDispatcher(DispatcherSettings settings) : MessageDispatcher(settings)
{
    public override IMailboxExecutor Attach(string actorName, int? threadAffinity) => ThreadPoolExecutor.Instance;
}
