using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;

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
/// <para>
/// The dense array is paged: a big table grows by one page of slots rather than by copying into an array twice
/// its size, so it never holds more than a page of unused slots, and growing leaves no large array behind as
/// garbage for a full collection to find. Buckets stay one power-of-two array, at most one per item.
/// </para>
/// </remarks>
public sealed class DenseTable<TItem, TKeyOf>
    where TKeyOf : struct, IItemKey<TItem>
{
    private const int MinCapacity = 4;

    // Pages of at most 64 KB (for slots of up to 128 bytes; ours have 16 or 24) stay below the large object heap
    // threshold of 85,000 bytes, so they are collected and compacted like any young object. Computed from the slot
    // size, which the JIT knows, rather than kept in static fields: the table's code is shared between
    // reference-type items, where a static costs a lookup.
    private static int PageShift => Unsafe.SizeOf<Slot>() switch { <= 16 => 12, <= 32 => 11, <= 64 => 10, _ => 9 };
    private static int PageSize => 1 << PageShift;
    private static int PageMask => PageSize - 1;

    // Every page but the first holds PageSize slots; the first grows by doubling up to PageSize, so small tables
    // stay small.
    private Slot[][] _pages;

    // Bucket heads as 1-based slot indexes, so a fresh array means "all empty".
    private int[] _buckets;
    private int _count;

    public DenseTable(int capacity = MinCapacity)
    {
        capacity = Math.Max(MinCapacity, capacity);
        _pages = capacity <= PageSize ? [new Slot[capacity]] : NewPages((capacity + PageMask) >> PageShift);
        _buckets = new int[BucketsFor(capacity)];
    }

    public int Count => _count;

    /// <summary>The item at a dense index (0..Count-1), by reference so values can change in place; never change its key.</summary>
    public ref TItem this[int index]
    {
        get
        {
            Debug.Assert((uint)index < (uint)_count);
            return ref SlotAt(index).Item;
        }
    }

    /// <summary>The dense index of the item with this key, -1 when absent.</summary>
    public int IndexOf(ReadOnlySpan<byte> key)
    {
        var hash = KeyHash.Of(key);
        var pages = _pages;
        var i = _buckets[BucketOf(hash)] - 1;
        while (i >= 0)
        {
            ref var slot = ref pages[i >> PageShift][i & PageMask];
            if (slot.Hash == hash && TKeyOf.KeyOf(slot.Item).SequenceEqual(key))
            {
                return i;
            }

            i = slot.Next;
        }

        return -1;
    }

    /// <summary>Prefetch, first step for a key of this hash: its bucket.</summary>
    public void PrefetchBucket(int hash) => CachePrefetch.Line(ref _buckets[BucketOf(hash)]);

    /// <summary>Prefetch, second step (once the bucket is in cache): the first slot of the key's chain.</summary>
    public void PrefetchChainHead(int hash)
    {
        var i = _buckets[BucketOf(hash)] - 1;
        if (i >= 0) CachePrefetch.Line(ref SlotAt(i));
    }

    /// <summary>
    /// The first item whose slot has this hash, found without comparing keys (so not necessarily the key's item): the
    /// one a lookup will most likely compare and return, for prefetching what it references. Default when none.
    /// </summary>
    public TItem? ItemWithHash(int hash)
    {
        var pages = _pages;
        var i = _buckets[BucketOf(hash)] - 1;
        while (i >= 0)
        {
            ref var slot = ref pages[i >> PageShift][i & PageMask];
            if (slot.Hash == hash) return slot.Item;
            i = slot.Next;
        }

        return default;
    }

    /// <summary>Adds an item whose key is not present; returns its dense index.</summary>
    public int Add(in TItem item)
    {
        if (_count == Capacity)
        {
            Grow();
        }

        if (_count == _buckets.Length)
        {
            Rehash(_buckets.Length * 2);
        }

        var hash = KeyHash.Of(TKeyOf.KeyOf(item));
        var bucket = BucketOf(hash);
        SlotAt(_count) = new Slot(item, hash, _buckets[bucket] - 1);
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
        RedirectLink(index, SlotAt(index).Next);
        var last = _count - 1;
        if (index != last)
        {
            RedirectLink(last, index);
            SlotAt(index) = SlotAt(last);
        }

        SlotAt(last) = default;
        _count = last;
        Shrink();
    }

    public void Clear()
    {
        _pages = [new Slot[MinCapacity]];
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
            into.Add(SlotAt(next).Item);
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
            copy[i] = SlotAt(i).Item;
        }

        return copy;
    }

    /// <summary>A table with the same items (the items themselves are copied as values: share only immutable parts).</summary>
    public DenseTable<TItem, TKeyOf> Clone()
    {
        var pages = new Slot[_pages.Length][];
        for (var p = 0; p < pages.Length; p++)
        {
            pages[p] = (Slot[])_pages[p].Clone();
        }

        return new DenseTable<TItem, TKeyOf>(0)
        {
            _pages = pages,
            _buckets = (int[])_buckets.Clone(),
            _count = _count,
        };
    }

    private int Capacity => _pages.Length == 1 ? _pages[0].Length : _pages.Length << PageShift;

    private ref Slot SlotAt(int index) => ref _pages[index >> PageShift][index & PageMask];

    private int BucketOf(int hash) => (int)((uint)hash & (uint)(_buckets.Length - 1));

    /// <summary>Makes the one link that points at slot <paramref name="from"/> point at <paramref name="to"/>.</summary>
    private void RedirectLink(int from, int to)
    {
        var bucket = BucketOf(SlotAt(from).Hash);
        var i = _buckets[bucket] - 1;
        if (i == from)
        {
            _buckets[bucket] = to + 1;
            return;
        }

        while (SlotAt(i).Next != from)
        {
            i = SlotAt(i).Next;
        }

        SlotAt(i).Next = to;
    }

    private void Grow()
    {
        var first = _pages[0];
        if (_pages.Length == 1 && first.Length < PageSize)
        {
            Array.Resize(ref first, Math.Min(first.Length * 2, PageSize));
            _pages[0] = first;
            return;
        }

        var pages = _pages;
        Array.Resize(ref pages, pages.Length + 1);
        pages[^1] = new Slot[PageSize];
        _pages = pages;
    }

    // Gives memory back once most of it is unused, with enough slack that a table hovering around one size does
    // not keep reallocating: a page goes when two are empty, buckets and the only page when 7/8 are unused.
    private void Shrink()
    {
        if (_pages.Length > 1)
        {
            var pagesInUse = (_count + PageMask) >> PageShift;
            if (_pages.Length - pagesInUse >= 2)
            {
                Array.Resize(ref _pages, pagesInUse + 1);
            }
        }
        else if (_pages[0].Length > MinCapacity && _count < _pages[0].Length / 8)
        {
            Array.Resize(ref _pages[0], Math.Max(MinCapacity, _count * 2));
        }

        if (_buckets.Length > MinCapacity && _count < _buckets.Length / 8)
        {
            Rehash(BucketsFor(_count * 2));
        }
    }

    /// <summary>Relinks every item into a new bucket array of <paramref name="size"/> (a power of two).</summary>
    private void Rehash(int size)
    {
        var buckets = new int[size];
        var mask = (uint)(size - 1);
        var index = 0;
        foreach (var page in _pages)
        {
            for (var i = 0; i < page.Length && index < _count; i++, index++)
            {
                ref var slot = ref page[i];
                var bucket = (int)((uint)slot.Hash & mask);
                slot.Next = buckets[bucket] - 1;
                buckets[bucket] = index + 1;
            }
        }

        _buckets = buckets;
    }

    private static Slot[][] NewPages(int count)
    {
        var pages = new Slot[count][];
        for (var p = 0; p < count; p++)
        {
            pages[p] = new Slot[PageSize];
        }

        return pages;
    }

    private static int BucketsFor(int count) => (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(MinCapacity, count));

    private struct Slot(TItem item, int hash, int next)
    {
        public TItem Item = item;
        public int Hash = hash;

        /// <summary>Slot index of the next item in the same chain, -1 at the end.</summary>
        public int Next = next;
    }
}
