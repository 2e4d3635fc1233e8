using AkkaKv.Server.Journal;
using AkkaKv.Testing;

namespace AkkaKv.Persistence.Tests.TestSupport;

/// <summary>
/// Wraps the real journal and keeps every entry a node appends, read back from its frames, in append order, so tests
/// can see what a running node journals (the node offers no way to read its backlog).
/// </summary>
public sealed class RecordingJournal(IJournal inner) : IJournal
{
    private readonly List<JournalEntry> _entries = [];
    private readonly Lock _appending = new();

    public IJournal Inner => inner;

    public IReadOnlyList<JournalEntry> Entries
    {
        get
        {
            lock (_appending) return _entries.ToList();
        }
    }

    public bool IsRecording => inner.IsRecording;

    public long Offset => inner.Offset;

    public long BacklogSize => inner.BacklogSize;

    public void Append(ReadOnlySpan<byte> frames)
    {
        // Recorded and passed on under one lock: the entries keep the order the inner journal got them in.
        lock (_appending)
        {
            _entries.AddRange(JournalEntry.ParseAll(frames));
            inner.Append(frames);
        }
    }
}
