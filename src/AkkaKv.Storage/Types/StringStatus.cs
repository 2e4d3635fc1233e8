namespace AkkaKv.Storage;

/// <summary>Outcome of a string operation; the server maps each to Redis's reply.</summary>
public enum StringStatus
{
    Ok,

    /// <summary>The key does not exist (or had expired).</summary>
    NotFound,

    /// <summary>"WRONGTYPE Operation against a key holding the wrong kind of value".</summary>
    WrongType,

    /// <summary>"ERR value is not an integer or out of range".</summary>
    NotInteger,

    /// <summary>"ERR value is not a valid float".</summary>
    NotFloat,

    /// <summary>"ERR increment or decrement would overflow".</summary>
    Overflow,

    /// <summary>"ERR increment would produce NaN or Infinity".</summary>
    NaNOrInfinity,

    /// <summary>"ERR string exceeds maximum allowed size (proto-max-bulk-len)".</summary>
    TooLarge,

    /// <summary>"ERR offset is out of range" (SETRANGE with a negative offset).</summary>
    OffsetOutOfRange,
}
