namespace AkkaKv.Storage;

/// <summary>Conversions a command asks for explicitly.</summary>
public sealed partial class SortedSetValue
{
    /// <summary>
    /// Turns a listpack sorted set into its skiplist form for good, as Redis's SORT does to any sorted set it reads
    /// (zsetConvert to OBJ_ENCODING_SKIPLIST); nothing happens to one already in that form.
    /// </summary>
    public void ConvertToSkiplist()
    {
        if (_tree is null)
        {
            ConvertToSkiplist(_count);
        }
    }
}
