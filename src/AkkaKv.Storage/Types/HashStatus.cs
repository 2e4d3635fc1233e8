namespace AkkaKv.Storage;

/// <summary>Outcome of HINCRBY / HINCRBYFLOAT; the server maps each to Redis's reply.</summary>
public enum HashStatus
{
    Ok,

    /// <summary>"ERR hash value is not an integer".</summary>
    ValueNotInteger,

    /// <summary>"ERR hash value is not a float".</summary>
    ValueNotFloat,

    /// <summary>"ERR increment or decrement would overflow".</summary>
    Overflow,

    /// <summary>"ERR increment would produce NaN or Infinity".</summary>
    ResultNotFinite,

    /// <summary>"ERR value is not a valid float": the increment itself.</summary>
    IncrementNotFloat,

    /// <summary>"ERR value is NaN or Infinity": the increment itself.</summary>
    IncrementNotFinite,
}
