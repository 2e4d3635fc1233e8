namespace AkkaKv.Server.Journal;

/// <summary>
/// Where every write goes after it is applied. Declared by the server; the persistence module implements it
/// (AOF, snapshots, the replication stream) and the host wires it. Called from shard threads, once per batch,
/// with the batch's entries in execution order; implementations must not block.
/// </summary>
public interface IJournal
{
    void Append(IReadOnlyList<JournalEntry> entries);

    /// <summary>Bytes of replication stream produced so far (INFO replication master_repl_offset).</summary>
    long Offset { get; }

    /// <summary>Bytes of the stream kept for replicas that reconnect (INFO replication repl_backlog_size).</summary>
    long BacklogSize { get; }
}
