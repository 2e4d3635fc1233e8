namespace AkkaKv.Storage;

/// <summary>
/// A hash (Redis's t_hash.c): fields with values, and optionally a deadline per field (Redis 7.4's hash-field
/// expiry). Protocol-free.
/// </summary>
/// <remarks>
/// A small hash is one packed byte array of length-prefixed fields and values, scanned linearly, as Redis's
/// listpack: no object per field. Once it holds more than hash-max-listpack-entries fields, or a field or value
/// longer than hash-max-listpack-value, it converts to a <see cref="DenseTable{TItem, TKeyOf}"/> of
/// <see cref="HashField"/>s ("hashtable") and never converts back, as in Redis.
/// </remarks>
public sealed partial class HashValue : IExpiringMembers
{
    private DenseTable<HashField, HashFieldKey>? _table;
    private MemberDeadlines? _deadlines;

    // Redis turns a listpack hash into "listpackex" the first time a field-expiry command touches it, for good.
    private bool _fieldExpiryUsed;

    public HashValue()
    {
    }

    private HashValue(HashValue source)
    {
        _packed = source._packed?.AsSpan(0, source._packedLength).ToArray();
        _packedLength = source._packedLength;
        _packedCount = source._packedCount;
        _table = source._table?.Clone();
        _deadlines = source._deadlines?.Clone();
        _fieldExpiryUsed = source._fieldExpiryUsed;
    }

    public DataType Type => DataType.Hash;

    public ReadOnlySpan<byte> Encoding =>
        _table is not null ? "hashtable"u8 : _fieldExpiryUsed ? "listpackex"u8 : "listpack"u8;

    public long Count => _table?.Count ?? _packedCount;

    /// <summary>Whether the hash is still in its compact (listpack) form.</summary>
    public bool IsCompact => _table is null;

    /// <summary>The field's value; false when the field is absent. The view is valid until the hash changes.</summary>
    public bool TryGet(ReadOnlySpan<byte> field, out ReadOnlySpan<byte> value)
    {
        if (_table is { } table)
        {
            var index = table.IndexOf(field);
            value = index < 0 ? default : table[index].Value;
            return index >= 0;
        }

        var offset = FindPacked(field);
        if (offset < 0)
        {
            value = default;
            return false;
        }

        ReadPacked(SkipPacked(offset), out var start, out var length);
        value = _packed.AsSpan(start, length);
        return true;
    }

    public bool Contains(ReadOnlySpan<byte> field) => _table is { } table ? table.IndexOf(field) >= 0 : FindPacked(field) >= 0;

    /// <summary>
    /// Before HSET/HMSET of <paramref name="pairs"/> field-value pairs: like Redis, a compact hash converts at once
    /// when that many pairs could not stay compact, even if some of them turn out to be overwrites.
    /// </summary>
    public void Reserve(int pairs, CollectionLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        if (_table is null && pairs > limits.HashMaxListpackEntries)
        {
            ConvertToTable(_packedCount + pairs);
        }
    }

    /// <summary>
    /// Sets a field (HSET); true when it is new. Overwriting clears the field's deadline unless
    /// <paramref name="keepDeadline"/> (HINCRBY and HINCRBYFLOAT keep it, as in Redis 7.4). Both spans are copied.
    /// </summary>
    public bool Set(ReadOnlySpan<byte> field, ReadOnlySpan<byte> value, CollectionLimits limits, bool keepDeadline = false)
    {
        ArgumentNullException.ThrowIfNull(limits);
        if (_table is null && (field.Length > limits.HashMaxListpackValue || value.Length > limits.HashMaxListpackValue))
        {
            ConvertToTable(_packedCount + 1);
        }

        bool added;
        if (_table is { } table)
        {
            var index = table.IndexOf(field);
            added = index < 0;
            if (added)
            {
                table.Add(new HashField(field, value));
            }
            else
            {
                table[index] = table[index].WithValue(value);
            }
        }
        else
        {
            added = SetPacked(field, value);
            if (_packedCount > limits.HashMaxListpackEntries)
            {
                ConvertToTable(_packedCount);
            }
        }

        if (!added && !keepDeadline)
        {
            ClearDeadline(field);
        }

        return added;
    }

    /// <summary>Removes a field and its deadline (HDEL); false when it was absent.</summary>
    public bool Remove(ReadOnlySpan<byte> field)
    {
        if (!RemoveField(field))
        {
            return false;
        }

        ClearDeadline(field);
        return true;
    }

    public ICollectionValue Clone() => new HashValue(this);

    /// <summary>Redis's xorObjectDigest for hashes: per field, SHA1 of (field mixed, then value mixed) XORed in.</summary>
    public void MixDigest(Span<byte> digest)
    {
        Span<byte> element = stackalloc byte[KeyDigest.Length];
        foreach (var entry in this)
        {
            element.Clear();
            KeyDigest.Mix(element, entry.Field);
            KeyDigest.Mix(element, entry.Value);
            KeyDigest.Xor(digest, element);
        }
    }

    private bool RemoveField(ReadOnlySpan<byte> field) => _table is { } table ? table.Remove(field) : RemovePacked(field);

    private void ConvertToTable(int capacity)
    {
        var table = new DenseTable<HashField, HashFieldKey>(Math.Max(capacity, _packedCount));
        foreach (var entry in this)
        {
            table.Add(new HashField(entry.Field, entry.Value));
        }

        _table = table;
        _packed = null;
        _packedLength = 0;
        _packedCount = 0;
    }
}
