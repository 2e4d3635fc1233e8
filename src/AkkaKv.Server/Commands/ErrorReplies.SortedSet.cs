namespace AkkaKv.Server.Commands;

/// <summary>Error texts of the sorted-set commands (Redis 7.2's t_zset.c).</summary>
public static partial class ErrorReplies
{
    public const string ZSetScoreNaN = "ERR resulting score is not a number (NaN)";
    public const string ZAddXxAndNx = "ERR XX and NX options at the same time are not compatible";
    public const string ZAddGtLtNx = "ERR GT, LT, and/or NX options at the same time are not compatible";
    public const string ZAddIncrSinglePair = "ERR INCR option supports a single increment-element pair";
    public const string ZSetMinMaxNotFloat = "ERR min or max is not a float";
    public const string ZSetMinMaxNotString = "ERR min or max not valid string range item";
    public const string ZRangeLimitNeedsByScoreOrLex = "ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX";
    public const string ZRangeWithScoresByLex = "ERR syntax error, WITHSCORES not supported in combination with BYLEX";
    public const string ZSetWeightNotFloat = "ERR weight value is not a float";

    public static string ZSetNeedsInputKey(string command) => $"ERR at least 1 input key is needed for '{command}' command";
}
