namespace AkkaKv.Fpconv;

/// <summary>A "do it yourself" floating point number, Significand × 2^Exponent, as Grisu uses it.</summary>
internal readonly record struct DiyFp(ulong Significand, int Exponent)
{
    /// <summary>The product, its 128-bit significand rounded half up to the top 64 bits.</summary>
    public DiyFp Times(DiyFp other)
    {
        ulong high = Math.BigMul(Significand, other.Significand, out ulong low);
        return new DiyFp(high + (low >> 63), Exponent + other.Exponent + 64);
    }
}
