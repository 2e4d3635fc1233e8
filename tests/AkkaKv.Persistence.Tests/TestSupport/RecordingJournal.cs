using System.Collections.Concurrent;
using AkkaKv.Server.Journal;

namespace AkkaKv.Persistence.Tests.TestSupport;

/// <summary>
/// Wraps the real journal and keeps a copy of every entry a node appends, in append order, so tests can see what a
/// running node journals (the node offers no way to read its backlog).
/// </summary>
public sealed class RecordingJournal(IJournal inner) : IJournal
{
    private readonly ConcurrentQueue<JournalEntry> _entries = new();

    public IJournal Inner => inner;

    public IReadOnlyList<JournalEntry> Entries => _entries.ToList();

    public long Offset => inner.Offset;

    public long BacklogSize => inner.BacklogSize;

    public void Append(IReadOnlyList<JournalEntry> entries)
    {
        foreach (var entry in entries) _entries.Enqueue(entry);
        inner.Append(entries);
    }
}
