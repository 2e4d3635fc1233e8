using AkkaKv.Server.Journal;
using AkkaKv.Testing;

namespace AkkaKv.IntegrationTests.Infrastructure;

/// <summary>
/// Keeps every journal entry, read back from the frames a node appends, so tests can assert what it journaled. Locked
/// because shards append concurrently; readers get snapshots so they can enumerate while writes continue.
/// </summary>
public sealed class CapturingJournal : IJournal
{
    private readonly List<JournalEntry> _entries = [];

    public bool IsRecording => true;

    public long Offset => 0;

    public long BacklogSize => 0;

    public List<JournalEntry> Entries
    {
        get
        {
            lock (_entries) return _entries.ToList();
        }
    }

    public void Append(ReadOnlySpan<byte> frames)
    {
        var entries = JournalEntry.ParseAll(frames);
        lock (_entries) _entries.AddRange(entries);
    }

    /// <summary>Each entry as "COMMAND arg arg", the form assertions read best in.</summary>
    public List<string> Lines() => Entries.Select(e => e.Text).ToList();
}
