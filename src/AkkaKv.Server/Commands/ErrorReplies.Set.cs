namespace AkkaKv.Server.Commands;

/// <summary>Error texts of the set commands (Redis 7.2's t_set.c) and of KeyDB's member-expiry commands.</summary>
public static partial class ErrorReplies
{
    public const string SetNumKeysTooMany = "ERR Number of keys can't be greater than number of args";

    /// <summary>EXPIREMEMBER's unit neither "s" nor "ms" (KeyDB).</summary>
    public const string MemberExpireInvalidUnit = "ERR Invalid unit arg";

    /// <summary>EXPIREMEMBER with more than a unit after the time (KeyDB).</summary>
    public const string MemberExpireArguments = "ERR Invalid number of arguments";
}
