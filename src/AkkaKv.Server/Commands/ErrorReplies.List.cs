namespace AkkaKv.Server.Commands;

/// <summary>Error texts of the list commands (Redis 7.2's t_list.c).</summary>
public static partial class ErrorReplies
{
    public const string ListIndexOutOfRange = "ERR index out of range";
    public const string ListRankZero = "ERR RANK can't be zero: use 1 to start from the first match, 2 from the second ... or use negative to start from the end of the list";
    public const string ListCountNegative = "ERR COUNT can't be negative";
    public const string ListMaxLenNegative = "ERR MAXLEN can't be negative";
}
