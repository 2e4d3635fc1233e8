namespace AkkaKv.Server.Journal;

/// <summary>
/// Where every write goes after it is applied. Declared by the server; the persistence module implements it
/// (AOF, snapshots, the replication stream) and the host wires it. Called from shard threads, concurrently, once per
/// batch that wrote, with the batch's effects already encoded as replication-stream frames
/// (<see cref="JournalFrameWriter"/>), in execution order. Implementations must not wait: at most a short lock around
/// a copy.
/// </summary>
public interface IJournal
{
    /// <summary>
    /// Whether anything consumes the stream now (replicas, the AOF). While nothing does, shards encode nothing and
    /// never call <see cref="Append"/>, as Redis feeds no backlog before its first replica: writes then cost nothing here
    /// (measured: encoding and copying the frames took a quarter of a pipelined SET load's throughput).
    /// </summary>
    bool IsRecording { get; }

    /// <summary>Takes a batch's frames; the bytes are the shard's buffer, reused once this returns, so keep a copy.</summary>
    void Append(ReadOnlySpan<byte> frames);

    /// <summary>Bytes of replication stream produced so far (INFO replication master_repl_offset).</summary>
    long Offset { get; }

    /// <summary>Bytes of the stream kept for replicas that reconnect (INFO replication repl_backlog_size).</summary>
    long BacklogSize { get; }
}
