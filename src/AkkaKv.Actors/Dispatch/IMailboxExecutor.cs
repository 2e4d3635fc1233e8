using AkkaKv.Actors.Runtime;

namespace AkkaKv.Actors.Dispatch;

/// <summary>Runs a cell's mailbox on some thread; called only when the cell went from idle to scheduled.</summary>
internal interface IMailboxExecutor
{
    void Schedule(ActorCell cell);
}
