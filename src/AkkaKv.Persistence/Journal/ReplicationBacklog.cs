namespace AkkaKv.Persistence.Journal;

/// <summary>
/// The tail of the replication stream: KeyDB's active-replica frames (RREPLAY origin-uuid command db version, as the
/// shards encode them with <see cref="AkkaKv.Server.Journal.JournalFrameWriter"/>), kept in a ring of a fixed size.
/// A replica that reconnects within the backlog resumes from its offset instead of a full resync. Not thread-safe:
/// <see cref="BacklogJournal"/> serializes its use; <see cref="Offset"/> alone may be read from anywhere.
/// </summary>
public sealed class ReplicationBacklog
{
    private readonly byte[] _ring;
    private long _offset;

    public ReplicationBacklog(long size) => _ring = new byte[Math.Max(16 * 1024, size)];

    /// <summary>Total bytes ever appended: Redis's master_repl_offset.</summary>
    public long Offset => Volatile.Read(ref _offset);

    public long Size => _ring.Length;

    /// <summary>Appends whole frames; what no longer fits pushes the oldest bytes out.</summary>
    public void Append(ReadOnlySpan<byte> frames)
    {
        var position = (int)(_offset % _ring.Length);
        while (frames.Length > 0)
        {
            var chunk = Math.Min(frames.Length, _ring.Length - position);
            frames[..chunk].CopyTo(_ring.AsSpan(position));
            frames = frames[chunk..];
            position = 0;
            Volatile.Write(ref _offset, _offset + chunk);
        }
    }

    /// <summary>Copies the bytes from <paramref name="fromOffset"/> to the end, or returns false when they are no longer held.</summary>
    public bool TryRead(long fromOffset, out byte[] bytes)
    {
        var end = Offset;
        if (fromOffset > end || end - fromOffset > _ring.Length)
        {
            bytes = [];
            return false;
        }
        bytes = new byte[end - fromOffset];
        for (long i = 0; i < bytes.Length; i++) bytes[i] = _ring[(fromOffset + i) % _ring.Length];
        return true;
    }
}
