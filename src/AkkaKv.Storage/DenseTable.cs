using System.Diagnostics;

namespace AkkaKv.Storage;

/// <summary>
/// A set of items with unique byte-string keys: a chained hash index over a dense array of items. It holds a
/// database's keys and the members of big hashes, sets and sorted sets.
/// </summary>
/// <remarks>
/// One structure serves lookups, uniform random picks (RANDOMKEY, SRANDMEMBER) and SCAN. Removal moves the last
/// item into the hole, so an item's dense index only ever decreases: a scan that walks the indexes downwards
/// never misses an item that stays present, however the table grows or shrinks between calls. Each slot keeps
/// the item's hash and the next slot of its chain beside the item, so walking a chain compares hashes without
/// touching other items: 8 bytes per slot plus a 4-byte bucket on top of the item, against a Dictionary's
/// 24-byte entries next to a separate dense array.
/// </remarks>
public sealed class DenseTable<TItem, TKeyOf>
    where TKeyOf : struct, IItemKey<TItem>
{
    private const int MinCapacity = 4;

    private Slot[] _slots;

    // Bucket heads as 1-based slot indexes, so a fresh array means "all empty".
    private int[] _buckets;
    private int _count;

    public DenseTable(int capacity = MinCapacity)
    {
        var size = CapacityFor(capacity);
        _slots = new Slot[size];
        _buckets = new int[size];
    }

    public int Count => _count;

    /// <summary>The item at a dense index (0..Count-1), by reference so values can change in place; never change its key.</summary>
    public ref TItem this[int index]
    {
        get
        {
            Debug.Assert((uint)index < (uint)_count);
            return ref _slots[index].Item;
        }
    }

    /// <summary>The dense index of the item with this key, -1 when absent.</summary>
    public int IndexOf(ReadOnlySpan<byte> key)
    {
        var hash = KeyHash.Of(key);
        var slots = _slots;
        var i = _buckets[BucketOf(hash)] - 1;
        while (i >= 0)
        {
            ref var slot = ref slots[i];
            if (slot.Hash == hash && TKeyOf.KeyOf(slot.Item).SequenceEqual(key))
            {
                return i;
            }

            i = slot.Next;
        }

        return -1;
    }

    /// <summary>Adds an item whose key is not present; returns its dense index.</summary>
    public int Add(in TItem item)
    {
        if (_count == _slots.Length)
        {
            Resize(_slots.Length * 2);
        }

        var hash = KeyHash.Of(TKeyOf.KeyOf(item));
        var bucket = BucketOf(hash);
        _slots[_count] = new Slot(item, hash, _buckets[bucket] - 1);
        _count++;
        _buckets[bucket] = _count;
        return _count - 1;
    }

    /// <summary>Removes the item with this key; false when absent.</summary>
    public bool Remove(ReadOnlySpan<byte> key)
    {
        var index = IndexOf(key);
        if (index < 0)
        {
            return false;
        }

        RemoveAt(index);
        return true;
    }

    /// <summary>Removes the item at a dense index; the last item moves into its place.</summary>
    public void RemoveAt(int index)
    {
        Debug.Assert((uint)index < (uint)_count);
        RedirectLink(index, _slots[index].Next);
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
    }

    public void Clear()
    {
        _slots = new Slot[MinCapacity];
        _buckets = new int[MinCapacity];
        _count = 0;
    }

    /// <summary>
    /// Adds about <paramref name="count"/> items to <paramref name="into"/> and returns the cursor of the next call,
    /// 0 when the scan is complete. Start with cursor 0. Every item present for the whole scan is returned at least
    /// once; items added or removed meanwhile may or may not be, and an item may be returned twice.
    /// </summary>
    /// <remarks>The cursor is the next index to visit + 1; see the class remarks for why walking down never misses.</remarks>
    public long Scan(long cursor, int count, List<TItem> into)
    {
        ArgumentNullException.ThrowIfNull(into);
        if (_count == 0)
        {
            return 0;
        }

        var next = cursor <= 0 ? _count - 1 : (int)Math.Min(cursor - 1, _count - 1);
        for (var budget = Math.Max(1, count); next >= 0 && budget > 0; budget--)
        {
            into.Add(_slots[next].Item);
            next--;
        }

        return next < 0 ? 0 : next + 1;
    }

    /// <summary>A copy of the items, safe to use while the table changes.</summary>
    public TItem[] ToArray()
    {
        var copy = new TItem[_count];
        for (var i = 0; i < _count; i++)
        {
            copy[i] = _slots[i].Item;
        }

        return copy;
    }

    /// <summary>A table with the same items (the items themselves are copied as values: share only immutable parts).</summary>
    public DenseTable<TItem, TKeyOf> Clone()
    {
        var copy = new DenseTable<TItem, TKeyOf>(0)
        {
            _slots = (Slot[])_slots.Clone(),
            _buckets = (int[])_buckets.Clone(),
            _count = _count,
        };
        return copy;
    }

    private int BucketOf(int hash) => (int)((uint)hash & (uint)(_buckets.Length - 1));

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
        Math.Max(MinCapacity, (int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)Math.Max(count, 1) * 2));

    private struct Slot(TItem item, int hash, int next)
    {
        public TItem Item = item;
        public int Hash = hash;

        /// <summary>Slot index of the next item in the same chain, -1 at the end.</summary>
        public int Next = next;
    }
}
