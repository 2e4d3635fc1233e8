using AkkaKv.Actors;

namespace AkkaKv.Persistence.Journal;

/// <summary>
/// Owns the write journal: shards tell it their batches of entries, it appends them to the replication backlog in
/// the order they arrive. The AOF and snapshot writers will hang off this actor.
/// </summary>
public sealed class JournalActor : ActorBase
{
    private readonly ReplicationBacklog _backlog;

    public JournalActor(ReplicationBacklog backlog) => _backlog = backlog;

    public static Props Props(ReplicationBacklog backlog, string dispatcher) =>
        AkkaKv.Actors.Props.Create(() => new JournalActor(backlog)).WithDispatcher(dispatcher);

    protected override void Receive(object message)
    {
        switch (message)
        {
            case JournalProtocol.AppendEntries append: HandleAppend(append); break;
            case JournalProtocol.GetJournalState: Sender.Tell(new JournalProtocol.CurrentJournalState(_backlog.Offset, _backlog.Size)); break;
            default: Unhandled(message); break;
        }
    }

    private void HandleAppend(JournalProtocol.AppendEntries append)
    {
        foreach (var entry in append.Entries) _backlog.Append(entry);
    }
}
