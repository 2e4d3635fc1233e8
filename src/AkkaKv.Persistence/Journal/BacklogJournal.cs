using AkkaKv.Server.Journal;

namespace AkkaKv.Persistence.Journal;

/// <summary>
/// The server's <see cref="IJournal"/>: each batch's frames are copied into the replication backlog right away, under a
/// lock because shards append concurrently. Redis too appends to its backlog inline: the copy costs less than handing
/// the batch to another thread would, and the lock is held only for the copy.
/// </summary>
public sealed class BacklogJournal(ReplicationBacklog backlog) : IJournal
{
    private readonly Lock _appending = new();
    private volatile bool _active;

    /// <summary>Off until <see cref="Activate"/>: a standalone node keeps master_repl_offset at 0, as Redis does.</summary>
    public bool IsRecording => _active;

    /// <summary>
    /// Starts feeding the backlog from the next batch on, as Redis creates its backlog when the first replica attaches:
    /// the replication link calls it. There is no way back, as Redis keeps its backlog until repl-backlog-ttl.
    /// </summary>
    public void Activate() => _active = true;

    public long Offset => backlog.Offset;

    public long BacklogSize => backlog.Size;

    public void Append(ReadOnlySpan<byte> frames)
    {
        lock (_appending) backlog.Append(frames);
    }
}
