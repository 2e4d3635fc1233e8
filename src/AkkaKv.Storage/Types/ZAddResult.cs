namespace AkkaKv.Storage;

/// <summary>What <see cref="SortedSetValue.Add"/> did (Redis's ZADD_OUT_* flags, which are exclusive in practice).</summary>
public enum ZAddResult
{
    /// <summary>The member was new and is now in the set.</summary>
    Added,

    /// <summary>The member existed and its score changed.</summary>
    Updated,

    /// <summary>The member existed and kept its score (same score, or an increment of 0).</summary>
    Unchanged,

    /// <summary>Nothing was done because of NX, XX, GT or LT.</summary>
    Skipped,

    /// <summary>The score, or the score after the increment, is not a number; nothing changed.</summary>
    NotANumber,
}
