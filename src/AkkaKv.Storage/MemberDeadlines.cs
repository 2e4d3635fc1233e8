namespace AkkaKv.Storage;

/// <summary>
/// The deadlines of the members of one collection that have one (hash fields with a TTL, KeyDB's EXPIREMEMBER):
/// a member's deadline by name, and the earliest one first.
/// </summary>
/// <remarks>
/// The queue is lazy: changing or removing a deadline leaves the old queue entry behind, and an entry counts only
/// while it still matches the member's current deadline. That keeps every change O(log n) without a heap index per
/// member; stale entries are dropped as they surface.
/// </remarks>
public sealed class MemberDeadlines
{
    private readonly Dictionary<byte[], long> _deadlines;
    private readonly PriorityQueue<byte[], long> _queue;

    public MemberDeadlines()
    {
        _deadlines = new Dictionary<byte[], long>(ByteArrayComparer.Instance);
        _queue = new PriorityQueue<byte[], long>();
    }

    private MemberDeadlines(MemberDeadlines source)
    {
        _deadlines = new Dictionary<byte[], long>(source._deadlines, ByteArrayComparer.Instance);
        _queue = new PriorityQueue<byte[], long>(source._deadlines.Select(d => (d.Key, d.Value)));
    }

    public int Count => _deadlines.Count;

    /// <summary>The earliest deadline (unix ms), -1 when no member has one.</summary>
    public long Next
    {
        get
        {
            while (_queue.TryPeek(out var member, out var at))
            {
                if (IsCurrent(member, at)) return at;
                _queue.Dequeue();
            }
            return -1;
        }
    }

    public IEnumerable<KeyValuePair<byte[], long>> Entries => _deadlines;

    /// <summary>The member's deadline, -1 when it has none.</summary>
    public long Get(ReadOnlySpan<byte> member) =>
        _deadlines.GetAlternateLookup<ReadOnlySpan<byte>>() is var lookup && lookup.TryGetValue(member, out var at) ? at : -1;

    /// <summary>Sets a member's deadline; <paramref name="member"/> should be the array the collection stores.</summary>
    public void Set(byte[] member, long atMs)
    {
        _deadlines[member] = atMs;
        _queue.Enqueue(member, atMs);
        // Rewriting deadlines over and over must not grow the queue without bound.
        if (_queue.Count > 2 * _deadlines.Count + 16) Compact();
    }

    public bool Remove(ReadOnlySpan<byte> member) =>
        _deadlines.GetAlternateLookup<ReadOnlySpan<byte>>().Remove(member);

    /// <summary>
    /// Removes up to <paramref name="max"/> members whose deadline is at or before <paramref name="nowMs"/> and adds
    /// them to <paramref name="due"/>; the collection then removes those members themselves.
    /// </summary>
    public int TakeDue(long nowMs, int max, List<byte[]> due)
    {
        var taken = 0;
        while (taken < max && _queue.TryPeek(out var member, out var at) && at <= nowMs)
        {
            _queue.Dequeue();
            if (!IsCurrent(member, at)) continue;
            _deadlines.Remove(member);
            due.Add(member);
            taken++;
        }
        return taken;
    }

    public MemberDeadlines Clone() => new(this);

    // A collection keeps its deadlines in a field that stays null while no member has one (it costs nothing then):
    // these create it on first use and drop it once empty.

    /// <summary>Gives a member the deadline <paramref name="atMs"/>, or none when negative.</summary>
    public static void Assign(ref MemberDeadlines? deadlines, byte[] storedMember, long atMs)
    {
        if (atMs < 0) Forget(ref deadlines, storedMember);
        else (deadlines ??= new MemberDeadlines()).Set(storedMember, atMs);
    }

    public static void Forget(ref MemberDeadlines? deadlines, ReadOnlySpan<byte> member)
    {
        if (deadlines is not null && deadlines.Remove(member) && deadlines.Count == 0) deadlines = null;
    }

    /// <summary>
    /// <see cref="IExpiringMembers.RemoveDueMembers"/>: removes from <paramref name="collection"/> up to
    /// <paramref name="max"/> members whose deadline passed and adds them to <paramref name="removed"/>.
    /// </summary>
    public static int RemoveDue(ref MemberDeadlines? deadlines, IExpiringMembers collection, long nowMs, int max, List<byte[]> removed)
    {
        ArgumentNullException.ThrowIfNull(removed);
        if (deadlines is null) return 0;
        var start = removed.Count;
        deadlines.TakeDue(nowMs, max, removed);
        for (var i = start; i < removed.Count; i++) collection.Remove(removed[i]);
        if (deadlines is { Count: 0 }) deadlines = null;
        return removed.Count - start;
    }

    private bool IsCurrent(byte[] member, long at) => _deadlines.TryGetValue(member, out var current) && current == at;

    private void Compact()
    {
        _queue.Clear();
        foreach (var (member, at) in _deadlines) _queue.Enqueue(member, at);
    }
}
