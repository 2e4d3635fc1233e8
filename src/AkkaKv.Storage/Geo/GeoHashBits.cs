namespace AkkaKv.Storage.Geo;

/// <summary>
/// A geohash cell: <see cref="Step"/> bits of latitude interleaved with as many of longitude (latitude in the even
/// positions), as Redis's GeoHashBits. Step 0 with no bits is the "zero" cell a search skips.
/// </summary>
public readonly record struct GeoHashBits(ulong Bits, int Step)
{
    public static GeoHashBits Zero => default;

    public bool IsZero => Bits == 0 && Step == 0;

    /// <summary>The cell's bits shifted to 52 bits: the lowest sorted-set score a point inside it can have.</summary>
    public ulong Align52() => Bits << (52 - Step * 2);
}
