using System.Diagnostics;

namespace AkkaKv.Storage;

/// <summary>
/// The keys of one database: a chained hash index over a dense array of entries.
/// </summary>
/// <remarks>
/// One structure serves lookups, uniform random picks (RANDOMKEY) and SCAN. Removal moves the last
/// entry into the hole, so an entry's dense index only ever decreases; a scan that walks the indexes
/// downwards therefore never misses an entry that stays present. Chains link dense indexes through
/// <see cref="KeyEntry.NextInChain"/>, so the index costs 4 bytes per slot plus the 8-byte dense slot,
/// far less than a Dictionary's 24-byte entries next to a separate dense array.
/// </remarks>
internal sealed class KeyTable
{
    private const int MinCapacity = 16;

    private KeyEntry?[] _entries = new KeyEntry?[MinCapacity];

    // Bucket heads as 1-based dense indexes, so a fresh array means "all empty".
    private int[] _buckets = new int[MinCapacity];
    private int _count;

    public int Count => _count;

    public KeyEntry this[int index]
    {
        get
        {
            Debug.Assert((uint)index < (uint)_count);
            return _entries[index]!;
        }
    }

    public KeyEntry? Find(ReadOnlySpan<byte> key)
    {
        var entries = _entries;
        var i = _buckets[BucketOf(key)] - 1;
        while (i >= 0)
        {
            var entry = entries[i]!;
            if (entry.Key.AsSpan().SequenceEqual(key))
            {
                return entry;
            }

            i = entry.NextInChain;
        }

        return null;
    }

    /// <summary>Adds an entry whose key is not present.</summary>
    public void Add(KeyEntry entry)
    {
        if (_count == _entries.Length)
        {
            Resize(_entries.Length * 2);
        }

        var bucket = BucketOf(entry.Key);
        entry.NextInChain = _buckets[bucket] - 1;
        _entries[_count] = entry;
        _count++;
        _buckets[bucket] = _count;
    }

    /// <summary>Removes this very entry; false when it is not in the table.</summary>
    public bool Remove(KeyEntry entry)
    {
        var index = Unlink(entry);
        if (index < 0)
        {
            return false;
        }

        var last = _count - 1;
        if (index != last)
        {
            var moved = _entries[last]!;
            RedirectLink(moved, last, index);
            _entries[index] = moved;
        }

        _entries[last] = null;
        _count = last;
        if (_entries.Length > MinCapacity && _count < _entries.Length / 8)
        {
            Resize(CapacityFor(_count));
        }

        return true;
    }

    public void Clear()
    {
        _entries = new KeyEntry?[MinCapacity];
        _buckets = new int[MinCapacity];
        _count = 0;
    }

    public KeyEntry[] Snapshot()
    {
        var copy = new KeyEntry[_count];
        Array.Copy(_entries, copy, _count);
        return copy;
    }

    private int BucketOf(ReadOnlySpan<byte> key) => (int)((uint)KeyHash.Of(key) & (uint)(_buckets.Length - 1));

    /// <summary>Takes the entry out of its chain and returns its dense index, or -1 if absent.</summary>
    private int Unlink(KeyEntry entry)
    {
        var bucket = BucketOf(entry.Key);
        var previous = -1;
        var i = _buckets[bucket] - 1;
        while (i >= 0)
        {
            var current = _entries[i]!;
            if (ReferenceEquals(current, entry))
            {
                if (previous < 0)
                {
                    _buckets[bucket] = entry.NextInChain + 1;
                }
                else
                {
                    _entries[previous]!.NextInChain = entry.NextInChain;
                }

                return i;
            }

            previous = i;
            i = current.NextInChain;
        }

        return -1;
    }

    /// <summary>Makes the one link that points at dense index <paramref name="from"/> point at <paramref name="to"/>.</summary>
    private void RedirectLink(KeyEntry moved, int from, int to)
    {
        var bucket = BucketOf(moved.Key);
        var i = _buckets[bucket] - 1;
        if (i == from)
        {
            _buckets[bucket] = to + 1;
            return;
        }

        while (_entries[i]!.NextInChain != from)
        {
            i = _entries[i]!.NextInChain;
        }

        _entries[i]!.NextInChain = to;
    }

    private void Resize(int capacity)
    {
        var entries = new KeyEntry?[capacity];
        Array.Copy(_entries, entries, _count);
        var buckets = new int[capacity];
        var mask = (uint)(capacity - 1);
        for (var i = 0; i < _count; i++)
        {
            var entry = entries[i]!;
            var bucket = (int)((uint)KeyHash.Of(entry.Key) & mask);
            entry.NextInChain = buckets[bucket] - 1;
            buckets[bucket] = i + 1;
        }

        _entries = entries;
        _buckets = buckets;
    }

    private static int CapacityFor(int count) =>
        Math.Max(MinCapacity, (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)count * 2));
}
