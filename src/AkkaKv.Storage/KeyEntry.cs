namespace AkkaKv.Storage;

/// <summary>
/// One key and its value. Kept small on purpose (48 bytes on 64-bit): memory per key is dominated by
/// this object, the key array and the value.
/// </summary>
public sealed class KeyEntry
{
    private const uint VolatileSlotMask = (1u << 30) - 1;
    private const int EncodingShift = 30;

    /// <summary>The most keys with a TTL one database partition can hold (the slot field has 30 bits).</summary>
    internal const int MaxVolatileKeys = (int)VolatileSlotMask - 1;

    private object _value;

    // Seconds, like Redis's LRU clock: OBJECT IDLETIME has 1-second resolution anyway.
    private uint _accessClock;

    // Position in VolatileKeySet + 1 (0: no TTL) in the low 30 bits, StringEncodingHint in the top 2:
    // one field instead of two keeps the object at 48 bytes rather than 56.
    private uint _volatileSlotAndEncoding;

    internal KeyEntry(byte[] key, object value)
    {
        EnsureSupported(value);
        Key = key;
        _value = value;
        ExpireAtMs = -1;
    }

    /// <summary>The key. Never mutate it.</summary>
    public byte[] Key { get; }

    /// <summary>
    /// A <c>byte[]</c> for strings, an <see cref="ICollectionValue"/> otherwise. A stored <c>byte[]</c> changes only
    /// when a write of the same length reuses it (<see cref="Database.SetString"/>, INCR): read it within the command,
    /// and copy what must outlive it (replies and the journal copy at once).
    /// </summary>
    public object Value
    {
        get => _value;
        set
        {
            EnsureSupported(value);
            _value = value;
            StringEncoding = StringEncodingHint.FromContent;
        }
    }

    public DataType Type => _value is byte[] ? DataType.String : ((ICollectionValue)_value).Type;

    /// <summary>Unix time in ms at which the key expires, -1 when it does not. Change it only via <see cref="Database.SetExpire"/>.</summary>
    public long ExpireAtMs { get; internal set; }

    /// <summary>Unix time in ms of the last access, with 1-second resolution (the setter truncates).</summary>
    public long LastAccessMs
    {
        get => _accessClock * 1000L;
        set => _accessClock = (uint)Math.Clamp(value / 1000, 0, uint.MaxValue);
    }

    /// <summary>Position in <see cref="VolatileKeySet"/>, -1 when the key has no TTL.</summary>
    internal int VolatileIndex
    {
        get => (int)(_volatileSlotAndEncoding & VolatileSlotMask) - 1;
        set => _volatileSlotAndEncoding = (_volatileSlotAndEncoding & ~VolatileSlotMask) | (uint)(value + 1);
    }

    /// <summary>What OBJECT ENCODING must report when the content alone does not tell (APPEND makes "raw").</summary>
    internal StringEncodingHint StringEncoding
    {
        get => (StringEncodingHint)(_volatileSlotAndEncoding >> EncodingShift);
        set => _volatileSlotAndEncoding = (_volatileSlotAndEncoding & VolatileSlotMask) | ((uint)value << EncodingShift);
    }

    public bool IsExpiredAt(long nowMs) => ExpireAtMs >= 0 && nowMs > ExpireAtMs;

    private static void EnsureSupported(object value)
    {
        if (value is not (byte[] or ICollectionValue))
        {
            throw new ArgumentException("A value is a byte[] (string) or an ICollectionValue.", nameof(value));
        }
    }
}
