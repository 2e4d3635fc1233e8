using AkkaKv.Server.Journal;

namespace AkkaKv.Persistence.Journal;

/// <summary>Messages of the journal actor.</summary>
public static class JournalProtocol
{
    /// <summary>A shard's batch of writes, in execution order.</summary>
    public sealed record AppendEntries(IReadOnlyList<JournalEntry> Entries);

    public sealed record GetJournalState
    {
        public static GetJournalState Instance { get; } = new();
    }

    public sealed record CurrentJournalState(long Offset, long BacklogSize);
}
