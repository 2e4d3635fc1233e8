using System.Buffers.Binary;
using System.Numerics;

namespace AkkaKv.Storage;

/// <summary>
/// The hash of a key for <see cref="DenseTable{TItem, TKeyOf}"/>: 8 bytes per step with multiply-rotate mixing and a final
/// avalanche, seeded randomly per process so chosen keys cannot be precomputed to collide.
/// </summary>
/// <remarks>HashCode.AddBytes distributes as well but costs about 100 ns for a 16-byte key; this takes a few.</remarks>
internal static class KeyHash
{
    private const ulong BlockMultiplier = 0x9E3779B97F4A7C15; // 2^64 / golden ratio
    private const ulong StateMultiplier = 0xBF58476D1CE4E5B9;
    private const ulong FinalMultiplier = 0x94D049BB133111EB;

    private static readonly ulong Seed = NewSeed();

    public static int Of(ReadOnlySpan<byte> key)
    {
        var state = Seed ^ ((ulong)key.Length * BlockMultiplier);
        while (key.Length >= 8)
        {
            state = Absorb(state, BinaryPrimitives.ReadUInt64LittleEndian(key));
            key = key[8..];
        }

        if (!key.IsEmpty)
        {
            Span<byte> tail = stackalloc byte[8];
            tail.Clear();
            key.CopyTo(tail);
            state = Absorb(state, BinaryPrimitives.ReadUInt64LittleEndian(tail));
        }

        state ^= state >> 33;
        state *= FinalMultiplier;
        state ^= state >> 31;
        return (int)state;
    }

    // A version 4 Guid comes from the OS's secure random source; RandomNumberGenerator would load OpenSSL, about
    // 5 MB of resident memory, for these 8 bytes. Folding both halves covers the Guid's fixed version bits.
    private static ulong NewSeed()
    {
        Span<byte> bytes = stackalloc byte[16];
        Guid.NewGuid().TryWriteBytes(bytes);
        return BinaryPrimitives.ReadUInt64LittleEndian(bytes) ^ BinaryPrimitives.ReadUInt64LittleEndian(bytes[8..]);
    }

    private static ulong Absorb(ulong state, ulong block)
    {
        block *= BlockMultiplier;
        block ^= block >> 29;
        return BitOperations.RotateLeft((state ^ block) * StateMultiplier, 31);
    }
}
