namespace AkkaKv.Server.Commands;

/// <summary>Error texts of the hash commands (Redis 7.2's t_hash.c, and 7.4's for hash-field expiry).</summary>
public static partial class ErrorReplies
{
    public const string HashValueNotInteger = "ERR hash value is not an integer";
    public const string HashValueNotFloat = "ERR hash value is not a float";
    public const string HashIncrementNotFinite = "ERR value is NaN or Infinity";

    public const string HashExpireTimeNegative = "ERR invalid expire time, must be >= 0";
    public const string HashFieldsArgumentMissing = "ERR Mandatory argument FIELDS is missing or not at the right position";

    /// <summary>HEXPIRE family's numfields not a positive integer.</summary>
    public const string HashExpireNumFields = "ERR Parameter `numFields` should be greater than 0";

    /// <summary>HTTL family's and HPERSIST's numfields not a positive integer.</summary>
    public const string HashNumFieldsNotPositive = "ERR Number of fields must be a positive integer";

    public const string HashNumFieldsMismatch = "ERR The `numfields` parameter must match the number of arguments";
}
