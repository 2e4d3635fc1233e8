using System.Diagnostics;

namespace AkkaKv.Storage;

/// <summary>
/// The keys of one database that have a TTL, in a dense array so active expiry can pick one at random
/// in O(1). Removal moves the last entry into the hole.
/// </summary>
internal sealed class VolatileKeySet
{
    private const int MinCapacity = 16;

    private KeyEntry?[] _entries = new KeyEntry?[MinCapacity];
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

    public void Add(KeyEntry entry)
    {
        Debug.Assert(entry.VolatileIndex < 0);
        if (_count == KeyEntry.MaxVolatileKeys)
        {
            throw new InvalidOperationException($"A database partition holds at most {KeyEntry.MaxVolatileKeys} keys with a TTL.");
        }

        if (_count == _entries.Length)
        {
            Array.Resize(ref _entries, _entries.Length * 2);
        }

        entry.VolatileIndex = _count;
        _entries[_count++] = entry;
    }

    public void Remove(KeyEntry entry)
    {
        var index = entry.VolatileIndex;
        Debug.Assert(index >= 0 && ReferenceEquals(_entries[index], entry));
        var last = --_count;
        if (index != last)
        {
            var moved = _entries[last]!;
            _entries[index] = moved;
            moved.VolatileIndex = index;
        }

        _entries[last] = null;
        entry.VolatileIndex = -1;
        if (_entries.Length > MinCapacity && _count < _entries.Length / 8)
        {
            Array.Resize(ref _entries, Math.Max(MinCapacity, _entries.Length / 4));
        }
    }

    public void Clear()
    {
        for (var i = 0; i < _count; i++)
        {
            _entries[i]!.VolatileIndex = -1;
        }

        _entries = new KeyEntry?[MinCapacity];
        _count = 0;
    }
}
