namespace AkkaKv.Storage;

/// <summary>
/// A cut in a sorted set's order: the elements before it form a prefix (true for a prefix of the elements, false
/// after), so a search can find where it falls. Implemented by structs so searches are specialised per bound.
/// </summary>
internal interface IZSetBound
{
    bool IsBefore(double score, ReadOnlySpan<byte> member);
}
