using System.Diagnostics;

namespace AkkaKv.Storage;

/// <summary>
/// The keys of one database: a chained hash index over a dense array of entries.
/// </summary>
/// <remarks>
/// One structure serves lookups, uniform random picks (RANDOMKEY) and SCAN. Removal moves the last
/// entry into the hole, so an entry's dense index only ever decreases; a scan that walks the indexes
/// downwards therefore never misses an entry that stays present. Each dense slot keeps the entry's hash
/// and the next slot of its chain beside the entry reference, so walking a chain compares hashes without
/// touching other entries: 16 bytes per slot plus a 4-byte bucket, against a Dictionary's 24-byte
/// entries next to a separate dense array.
/// </remarks>
internal sealed class KeyTable
{
    private const int MinCapacity = 16;

    private Slot[] _slots = new Slot[MinCapacity];

    // Bucket heads as 1-based slot indexes, so a fresh array means "all empty".
    private int[] _buckets = new int[MinCapacity];
    private int _count;

    public int Count => _count;

    public KeyEntry this[int index]
    {
        get
        {
            Debug.Assert((uint)index < (uint)_count);
            return _slots[index].Entry!;
        }
    }

    public KeyEntry? Find(ReadOnlySpan<byte> key)
    {
        var hash = KeyHash.Of(key);
        var slots = _slots;
        var i = _buckets[BucketOf(hash)] - 1;
        while (i >= 0)
        {
            ref var slot = ref slots[i];
            if (slot.Hash == hash && slot.Entry!.Key.AsSpan().SequenceEqual(key))
            {
                return slot.Entry;
            }

            i = slot.Next;
        }

        return null;
    }

    /// <summary>Adds an entry whose key is not present.</summary>
    public void Add(KeyEntry entry)
    {
        if (_count == _slots.Length)
        {
            Resize(_slots.Length * 2);
        }

        var hash = KeyHash.Of(entry.Key);
        var bucket = BucketOf(hash);
        _slots[_count] = new Slot(entry, hash, _buckets[bucket] - 1);
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
            RedirectLink(last, index);
            _slots[index] = _slots[last];
        }

        _slots[last] = default;
        _count = last;
        if (_slots.Length > MinCapacity && _count < _slots.Length / 8)
        {
            Resize(CapacityFor(_count));
        }

        return true;
    }

    public void Clear()
    {
        _slots = new Slot[MinCapacity];
        _buckets = new int[MinCapacity];
        _count = 0;
    }

    public KeyEntry[] Snapshot()
    {
        var copy = new KeyEntry[_count];
        for (var i = 0; i < _count; i++)
        {
            copy[i] = _slots[i].Entry!;
        }

        return copy;
    }

    private int BucketOf(int hash) => (int)((uint)hash & (uint)(_buckets.Length - 1));

    /// <summary>Takes the entry out of its chain and returns its slot index, or -1 if absent.</summary>
    private int Unlink(KeyEntry entry)
    {
        var hash = KeyHash.Of(entry.Key);
        var bucket = BucketOf(hash);
        var previous = -1;
        var i = _buckets[bucket] - 1;
        while (i >= 0)
        {
            ref var slot = ref _slots[i];
            if (ReferenceEquals(slot.Entry, entry))
            {
                if (previous < 0)
                {
                    _buckets[bucket] = slot.Next + 1;
                }
                else
                {
                    _slots[previous].Next = slot.Next;
                }

                return i;
            }

            previous = i;
            i = slot.Next;
        }

        return -1;
    }

    /// <summary>Makes the one link that points at slot <paramref name="from"/> point at <paramref name="to"/>.</summary>
    private void RedirectLink(int from, int to)
    {
        var bucket = BucketOf(_slots[from].Hash);
        var i = _buckets[bucket] - 1;
        if (i == from)
        {
            _buckets[bucket] = to + 1;
            return;
        }

        while (_slots[i].Next != from)
        {
            i = _slots[i].Next;
        }

        _slots[i].Next = to;
    }

    private void Resize(int capacity)
    {
        var slots = new Slot[capacity];
        Array.Copy(_slots, slots, _count);
        var buckets = new int[capacity];
        var mask = (uint)(capacity - 1);
        for (var i = 0; i < _count; i++)
        {
            var bucket = (int)((uint)slots[i].Hash & mask);
            slots[i].Next = buckets[bucket] - 1;
            buckets[bucket] = i + 1;
        }

        _slots = slots;
        _buckets = buckets;
    }

    private static int CapacityFor(int count) =>
        Math.Max(MinCapacity, (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)count * 2));

    private struct Slot(KeyEntry entry, int hash, int next)
    {
        public KeyEntry? Entry = entry;
        public int Hash = hash;

        /// <summary>Slot index of the next entry in the same chain, -1 at the end.</summary>
        public int Next = next;
    }
}
