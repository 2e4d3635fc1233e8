using AkkaKv.Actors;
using AkkaKv.Server.Journal;

namespace AkkaKv.Persistence.Journal;

/// <summary>The server's <see cref="IJournal"/>, backed by a <see cref="JournalActor"/>: appending is one Tell, never a wait.</summary>
public sealed class ActorJournal : IJournal
{
    private readonly IActorRef _journal;
    private readonly ReplicationBacklog _backlog;

    public ActorJournal(ActorSystem system, PersistenceSettings settings, long backlogSize)
    {
        _backlog = new ReplicationBacklog(backlogSize);
        _journal = system.ActorOf(JournalActor.Props(_backlog, settings.JournalDispatcher), "journal");
    }

    public IActorRef Actor => _journal;

    public long Offset => _backlog.Offset;

    public long BacklogSize => _backlog.Size;

    public void Append(IReadOnlyList<JournalEntry> entries) => _journal.Tell(new JournalProtocol.AppendEntries(entries));
}
