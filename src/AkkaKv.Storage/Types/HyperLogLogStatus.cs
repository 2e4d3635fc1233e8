namespace AkkaKv.Storage;

/// <summary>Outcome of a HyperLogLog operation; the server maps each to Redis's reply.</summary>
public enum HyperLogLogStatus
{
    Ok,

    /// <summary>The key holds another type: "WRONGTYPE Operation against a key holding the wrong kind of value".</summary>
    WrongType,

    /// <summary>A string that is not an HLL: "WRONGTYPE Key is not a valid HyperLogLog string value.".</summary>
    NotHyperLogLog,

    /// <summary>An HLL whose sparse encoding does not decode: "INVALIDOBJ Corrupted HLL object detected".</summary>
    Corrupted,
}
