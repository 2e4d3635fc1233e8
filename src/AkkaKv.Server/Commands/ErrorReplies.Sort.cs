namespace AkkaKv.Server.Commands;

/// <summary>Error texts of SORT and SORT_RO (Redis 7.2's sort.c).</summary>
public static partial class ErrorReplies
{
    /// <summary>A weight (or, without BY, an element) that is not a number strtod reads whole, without ALPHA.</summary>
    public const string SortScoreNotDouble = "ERR One or more scores can't be converted into double";

    /// <summary>A BY pattern with a '*' in cluster mode: the keys it forms may live on other nodes.</summary>
    public const string SortByInCluster = "ERR BY option of SORT denied in Cluster mode.";

    /// <summary>Any GET in cluster mode (even GET #, as Redis 7.2 checks before looking at the pattern).</summary>
    public const string SortGetInCluster = "ERR GET option of SORT denied in Cluster mode.";
}
