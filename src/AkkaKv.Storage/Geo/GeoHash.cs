namespace AkkaKv.Storage.Geo;

/// <summary>
/// Redis's geohash.c: coordinates to interleaved cell bits and back, with the same floating-point steps, so scores,
/// decoded positions and search cells are those Redis computes. A geo set stores each point as the 52-bit hash of
/// its step-26 cell (the score), over latitudes limited to ±85.05112878 (Web Mercator), and reports the cell's centre.
/// </summary>
public static class GeoHash
{
    public const double LongitudeMin = -180;
    public const double LongitudeMax = 180;
    public const double LatitudeMin = -85.05112878;
    public const double LatitudeMax = 85.05112878;

    /// <summary>The precision of stored points: 26 bits per axis, 52 in all.</summary>
    public const int MaxStep = 26;

    private const ulong EvenBits = 0x5555555555555555UL;
    private const ulong OddBits = 0xAAAAAAAAAAAAAAAAUL;
    private const string Base32Alphabet = "0123456789bcdefghjkmnpqrstuvwxyz";

    /// <summary>Whether Redis accepts the pair as a position (GEOADD, FROMLONLAT).</summary>
    public static bool IsValid(double longitude, double latitude) =>
        !(longitude < LongitudeMin || longitude > LongitudeMax || latitude < LatitudeMin || latitude > LatitudeMax);

    /// <summary>The score GEOADD stores for a valid position: its step-26 cell aligned to 52 bits.</summary>
    public static ulong ScoreOf(double longitude, double latitude)
    {
        if (!TryEncode(longitude, latitude, MaxStep, out var hash)) throw new ArgumentOutOfRangeException(nameof(longitude), "not a valid position");
        return hash.Align52();
    }

    /// <summary>The cell of <paramref name="step"/> bits per axis holding the point, over Redis's coordinate ranges.</summary>
    public static bool TryEncode(double longitude, double latitude, int step, out GeoHashBits hash) =>
        TryEncode(longitude, latitude, LongitudeMin, LongitudeMax, LatitudeMin, LatitudeMax, step, out hash);

    /// <summary>geohashEncode over explicit ranges (GEOHASH re-encodes over the standard ±90 latitudes).</summary>
    public static bool TryEncode(double longitude, double latitude, double longitudeMin, double longitudeMax,
        double latitudeMin, double latitudeMax, int step, out GeoHashBits hash)
    {
        hash = default;
        if (step is < 1 or > 32 || !IsValid(longitude, latitude)) return false;
        if (latitude < latitudeMin || latitude > latitudeMax || longitude < longitudeMin || longitude > longitudeMax) return false;

        var latitudeOffset = (latitude - latitudeMin) / (latitudeMax - latitudeMin);
        var longitudeOffset = (longitude - longitudeMin) / (longitudeMax - longitudeMin);
        latitudeOffset *= 1UL << step;
        longitudeOffset *= 1UL << step;
        hash = new GeoHashBits(Interleave((uint)latitudeOffset, (uint)longitudeOffset), step);
        return true;
    }

    /// <summary>The bounds of a cell over Redis's coordinate ranges (geohashDecode).</summary>
    public static GeoHashArea Decode(GeoHashBits hash)
    {
        var separated = Deinterleave(hash.Bits);
        const double LatitudeScale = LatitudeMax - LatitudeMin;
        const double LongitudeScale = LongitudeMax - LongitudeMin;
        var latitudeCell = (uint)separated;
        var longitudeCell = (uint)(separated >> 32);
        double cells = 1UL << hash.Step;

        // As in C, the cell after the last one wraps to 0 in 32 bits (only odd scores put there by ZADD get that far).
        return new GeoHashArea(
            LongitudeMin + (longitudeCell * 1.0 / cells) * LongitudeScale,
            LongitudeMin + (unchecked(longitudeCell + 1U) * 1.0 / cells) * LongitudeScale,
            LatitudeMin + (latitudeCell * 1.0 / cells) * LatitudeScale,
            LatitudeMin + (unchecked(latitudeCell + 1U) * 1.0 / cells) * LatitudeScale);
    }

    /// <summary>
    /// The position a score stands for: the centre of its step-26 cell, clamped to the valid ranges (Redis's
    /// decodeGeohash). Any score decodes, even one ZADD put there, through C's conversion of the double to 64 bits.
    /// </summary>
    public static (double Longitude, double Latitude) DecodeScore(double score)
    {
        var area = Decode(new GeoHashBits(ScoreBits(score), MaxStep));
        var longitude = Math.Clamp((area.LongitudeMin + area.LongitudeMax) / 2, LongitudeMin, LongitudeMax);
        var latitude = Math.Clamp((area.LatitudeMin + area.LatitudeMax) / 2, LatitudeMin, LatitudeMax);
        return (longitude, latitude);
    }

    /// <summary>
    /// GEOHASH's text: the 11-character standard geohash of the point a score stands for, re-encoded over latitudes
    /// ±90 (Redis stores ±85.05); the 11th character stands for the 3 bits the 52-bit score lacks, always "0".
    /// </summary>
    public static byte[] Base32Of(double score)
    {
        var (longitude, latitude) = DecodeScore(score);
        TryEncode(longitude, latitude, -180, 180, -90, 90, MaxStep, out var hash);
        var text = new byte[11];
        for (var i = 0; i < 10; i++) text[i] = (byte)Base32Alphabet[(int)((hash.Bits >> (52 - (i + 1) * 5)) & 0x1f)];
        text[10] = (byte)Base32Alphabet[0];
        return text;
    }

    /// <summary>The cell <paramref name="east"/> columns east and <paramref name="north"/> rows north, wrapping around.</summary>
    public static GeoHashBits Neighbor(GeoHashBits hash, int east, int north)
    {
        var bits = hash.Bits;
        var shift = 64 - hash.Step * 2;
        if (east != 0) bits = Move(bits, OddBits, EvenBits >> shift, OddBits >> shift, east > 0);
        if (north != 0) bits = Move(bits, EvenBits, OddBits >> shift, EvenBits >> shift, north > 0);
        return hash with { Bits = bits };
    }

    /// <summary>
    /// C's (uint64_t) conversion of a score as x86-64 compilers emit it: values past 2^63 go through the signed
    /// conversion of the difference, and anything out of range becomes the "indefinite" 0x8000000000000000.
    /// </summary>
    public static ulong ScoreBits(double score)
    {
        const double TwoTo63 = 9223372036854775808.0;
        if (score < TwoTo63) return (ulong)TruncateLikeC(score);
        return (ulong)TruncateLikeC(score - TwoTo63) ^ 0x8000000000000000UL;
    }

    /// <summary>cvttsd2si: truncation, with long.MinValue for NaN and values out of range.</summary>
    public static long TruncateLikeC(double value) =>
        value >= -9223372036854775808.0 && value < 9223372036854775808.0 ? (long)value : long.MinValue;

    // Adds or subtracts one along one axis: the other axis' bits are filled in (or out) so the carry runs through.
    private static ulong Move(ulong bits, ulong axisMask, ulong otherAxisFill, ulong axisLimit, bool forward)
    {
        var axis = bits & axisMask;
        var other = bits & ~axisMask;
        axis = forward ? axis + (otherAxisFill + 1) : (axis | otherAxisFill) - (otherAxisFill + 1);
        return (axis & axisLimit) | other;
    }

    // x's bits in the even positions, y's in the odd ones (bithacks' InterleaveBMN).
    private static ulong Interleave(uint xlo, uint ylo)
    {
        ulong x = xlo, y = ylo;
        x = (x | (x << 16)) & 0x0000FFFF0000FFFFUL;
        y = (y | (y << 16)) & 0x0000FFFF0000FFFFUL;
        x = (x | (x << 8)) & 0x00FF00FF00FF00FFUL;
        y = (y | (y << 8)) & 0x00FF00FF00FF00FFUL;
        x = (x | (x << 4)) & 0x0F0F0F0F0F0F0F0FUL;
        y = (y | (y << 4)) & 0x0F0F0F0F0F0F0F0FUL;
        x = (x | (x << 2)) & 0x3333333333333333UL;
        y = (y | (y << 2)) & 0x3333333333333333UL;
        x = (x | (x << 1)) & EvenBits;
        y = (y | (y << 1)) & EvenBits;
        return x | (y << 1);
    }

    // The even-position bits in the low 32 bits, the odd ones in the high 32.
    private static ulong Deinterleave(ulong interleaved)
    {
        var x = interleaved & EvenBits;
        var y = (interleaved >> 1) & EvenBits;
        x = (x | (x >> 1)) & 0x3333333333333333UL;
        y = (y | (y >> 1)) & 0x3333333333333333UL;
        x = (x | (x >> 2)) & 0x0F0F0F0F0F0F0F0FUL;
        y = (y | (y >> 2)) & 0x0F0F0F0F0F0F0F0FUL;
        x = (x | (x >> 4)) & 0x00FF00FF00FF00FFUL;
        y = (y | (y >> 4)) & 0x00FF00FF00FF00FFUL;
        x = (x | (x >> 8)) & 0x0000FFFF0000FFFFUL;
        y = (y | (y >> 8)) & 0x0000FFFF0000FFFFUL;
        x = (x | (x >> 16)) & 0x00000000FFFFFFFFUL;
        y = (y | (y >> 16)) & 0x00000000FFFFFFFFUL;
        return x | (y << 32);
    }
}
