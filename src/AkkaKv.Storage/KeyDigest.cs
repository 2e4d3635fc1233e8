using System.Buffers.Binary;
using System.Security.Cryptography;

namespace AkkaKv.Storage;

/// <summary>
/// DEBUG DIGEST and DEBUG DIGEST-VALUE, computed exactly as Redis's debug.c does, so two nodes holding
/// the same data report the same digest (and match a real Redis with that data).
/// </summary>
/// <remarks>
/// Redis mixes whether a key has a TTL, not the expiry time: two nodes that agree on the data but
/// applied a relative EXPIRE a few ms apart must still agree.
/// </remarks>
public static class KeyDigest
{
    public const int Length = 20;

    /// <summary>DEBUG DIGEST-VALUE of one key: its type, value and TTL flag mixed into 20 zero bytes.</summary>
    public static byte[] OfValue(KeyEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var digest = new byte[Length];
        MixObject(digest, entry);
        return digest;
    }

    /// <summary>
    /// XORs the digest of one key (name, type, value, TTL flag) into an order-independent accumulator;
    /// accumulating every key of a database gives the input of <see cref="MixDatabase"/>.
    /// </summary>
    public static void MixKey(Span<byte> digest, KeyEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        Span<byte> keyDigest = stackalloc byte[Length];
        keyDigest.Clear();
        Mix(keyDigest, entry.Key);
        MixObject(keyDigest, entry);
        Xor(digest, keyDigest);
    }

    /// <summary>The XOR of <see cref="MixKey"/> over every key of the database (20 zero bytes when empty).</summary>
    public static byte[] OfKeys(Database database)
    {
        ArgumentNullException.ThrowIfNull(database);
        var digest = new byte[Length];
        foreach (var entry in database.Entries)
        {
            MixKey(digest, entry);
        }

        return digest;
    }

    /// <summary>
    /// One step of the dataset digest: for each non-empty database in ascending index order, the running
    /// digest (20 zero bytes at first) absorbs the database index and then the XOR of its keys' digests
    /// across all shards. An empty dataset stays 20 zero bytes.
    /// </summary>
    public static void MixDatabase(Span<byte> digest, int databaseIndex, ReadOnlySpan<byte> keysDigest)
    {
        Span<byte> index = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(index, databaseIndex);
        Mix(digest, index);
        XorInto(digest, keysDigest);
    }

    /// <summary>Redis's mixDigest, order-dependent: digest = SHA1(digest XOR SHA1(data)).</summary>
    public static void Mix(Span<byte> digest, ReadOnlySpan<byte> data)
    {
        Xor(digest, data);
        Span<byte> hash = stackalloc byte[Length];
        SHA1.HashData(digest[..Length], hash);
        hash.CopyTo(digest);
    }

    /// <summary>Redis's xorDigest, order-independent: digest ^= SHA1(data).</summary>
    public static void Xor(Span<byte> digest, ReadOnlySpan<byte> data)
    {
        Span<byte> hash = stackalloc byte[Length];
        SHA1.HashData(data, hash);
        XorInto(digest, hash);
    }

    private static void MixObject(Span<byte> digest, KeyEntry entry)
    {
        Span<byte> type = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(type, RedisTypeCode(entry.Type));
        Mix(digest, type);
        if (entry.Value is byte[] text)
        {
            Mix(digest, text);
        }
        else
        {
            ((ICollectionValue)entry.Value).MixDigest(digest);
        }

        if (entry.ExpireAtMs >= 0)
        {
            Xor(digest, "!!expire!!"u8);
        }
    }

    // Redis's OBJ_* codes; 5 is OBJ_MODULE, which AkkaKv does not have.
    private static int RedisTypeCode(DataType type) => type == DataType.Stream ? 6 : (int)type;

    private static void XorInto(Span<byte> digest, ReadOnlySpan<byte> other)
    {
        for (var i = 0; i < Length; i++)
        {
            digest[i] ^= other[i];
        }
    }
}
