namespace AkkaKv.Storage;

/// <summary>
/// One key and its value. Kept small on purpose (56 bytes on 64-bit): memory per key is dominated by
/// this object, the key array and the value.
/// </summary>
public sealed class KeyEntry
{
    private object _value;

    // Seconds, like Redis's LRU clock: OBJECT IDLETIME has 1-second resolution anyway, and 4 bytes
    // instead of 8 keeps the object at 56 bytes.
    private uint _accessClock;

    internal KeyEntry(byte[] key, object value)
    {
        EnsureSupported(value);
        Key = key;
        _value = value;
        ExpireAtMs = -1;
        VolatileIndex = -1;
    }

    /// <summary>The key. Never mutate it.</summary>
    public byte[] Key { get; }

    /// <summary>
    /// A <c>byte[]</c> for strings, an <see cref="ICollectionValue"/> otherwise. A stored <c>byte[]</c> is
    /// never mutated in place (writers replace it), so a reply may keep referencing it.
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

    /// <summary>Dense index of the next entry in the same hash chain of <see cref="KeyTable"/>, -1 at the end.</summary>
    internal int NextInChain { get; set; }

    /// <summary>Position in <see cref="VolatileKeySet"/>, -1 when the key has no TTL.</summary>
    internal int VolatileIndex { get; set; }

    /// <summary>What OBJECT ENCODING must report when the content alone does not tell (APPEND makes "raw").</summary>
    internal StringEncodingHint StringEncoding { get; set; }

    internal bool IsExpiredAt(long nowMs) => ExpireAtMs >= 0 && nowMs > ExpireAtMs;

    private static void EnsureSupported(object value)
    {
        if (value is not (byte[] or ICollectionValue))
        {
            throw new ArgumentException("A value is a byte[] (string) or an ICollectionValue.", nameof(value));
        }
    }
}
