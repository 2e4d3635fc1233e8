namespace AkkaKv.Scripting;

/// <summary>
/// Redis's math.random generator (rand.c): the 48-bit linear congruential rand48, so a seeded script draws the same
/// numbers as on Redis. Its state starts at rand48's documented initial value.
/// </summary>
internal struct Rand48
{
    private const ulong Multiplier = 0x5DEECE66D;
    private const ulong Increment = 0xB;
    private const ulong Mask = (1UL << 48) - 1;

    /// <summary>REDIS_LRAND48_MAX.</summary>
    public const int Max = int.MaxValue;

    private ulong _state;

    public Rand48() => _state = 0x1234ABCD330E;

    public void Seed(int seed) => _state = ((ulong)(uint)seed << 16) | 0x330E;

    /// <summary>The next value in 0..2^31-1.</summary>
    public int Next()
    {
        _state = (Multiplier * _state + Increment) & Mask;
        return (int)(_state >> 17);
    }
}
