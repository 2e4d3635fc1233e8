using System.Diagnostics;

namespace AkkaKv.Storage;

/// <summary>
/// Sub-key expiry: members of hashes, sets and sorted sets with their own deadline (Redis 7.4's hash-field TTLs,
/// KeyDB's EXPIREMEMBER). Due members are removed lazily whenever their key is looked up and actively by sampling
/// the keys that have member deadlines; a collection left empty is deleted, as Redis deletes empty keys.
/// </summary>
public sealed partial class Database
{
    private readonly DenseTable<KeyEntry, KeyEntryKey> _keysWithMemberDeadlines = new();
    private readonly List<byte[]> _dueMembers = new();

    /// <summary>Invoked with the members that just expired from a key, before the key is deleted if they were its last.</summary>
    public Action<Database, KeyEntry, IReadOnlyList<byte[]>>? MembersExpired { get; set; }

    /// <summary>Makes the active cycle visit this key; call after giving one of its members a deadline.</summary>
    public void TrackMemberDeadlines(KeyEntry entry)
    {
        if (_keysWithMemberDeadlines.IndexOf(entry.Key) < 0) _keysWithMemberDeadlines.Add(entry);
    }

    private void UntrackMemberDeadlines(KeyEntry entry)
    {
        var index = _keysWithMemberDeadlines.IndexOf(entry.Key);
        if (index >= 0 && ReferenceEquals(_keysWithMemberDeadlines[index], entry)) _keysWithMemberDeadlines.RemoveAt(index);
    }

    /// <summary>Removes up to <paramref name="max"/> due members of the key; true when that emptied and deleted it.</summary>
    private bool RemoveDueMembers(KeyEntry entry, long nowMs, int max)
    {
        if (entry.Value is not IExpiringMembers { Deadlines: { } deadlines } value) return false;
        var next = deadlines.Next;
        if (next < 0 || next > nowMs || KeepsExpiredKeys?.Invoke() == true) return false;
        _dueMembers.Clear();
        value.RemoveDueMembers(nowMs, max, _dueMembers);
        if (_dueMembers.Count > 0) MembersExpired?.Invoke(this, entry, _dueMembers);
        if (value.Count > 0) return false;
        Delete(entry);
        return true;
    }

    /// <summary>
    /// Samples keys with member deadlines and removes their due members (a bounded number per key per round), repeating
    /// while more than <see cref="ActiveExpireAcceptableStalePercent"/>% of a sample had due members and time remains.
    /// </summary>
    private void ActiveMemberExpireCycle(long nowMs, long startedTimestamp, TimeSpan timeBudget)
    {
        const int MembersPerKey = 64;
        while (_keysWithMemberDeadlines.Count > 0)
        {
            var sampleSize = Math.Min(_keysWithMemberDeadlines.Count, ActiveExpireSampleSize);
            var withDue = 0;
            for (var i = 0; i < sampleSize && _keysWithMemberDeadlines.Count > 0; i++)
            {
                var entry = _keysWithMemberDeadlines[_sampler.Next(_keysWithMemberDeadlines.Count)];
                if (entry.Value is not IExpiringMembers { Deadlines.Count: > 0 } value)
                {
                    UntrackMemberDeadlines(entry);
                    continue;
                }
                var before = value.Count;
                var deleted = RemoveDueMembers(entry, nowMs, MembersPerKey);
                if (!deleted && value.Count == before) continue;
                withDue++;
                if (!deleted && value.Deadlines is not { Count: > 0 }) UntrackMemberDeadlines(entry);
            }
            if (Stopwatch.GetElapsedTime(startedTimestamp) > timeBudget) break;
            if (withDue * 100 / sampleSize <= ActiveExpireAcceptableStalePercent) break;
        }
    }
}
