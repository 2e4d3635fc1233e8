namespace AkkaKv.Storage;

/// <summary>
/// A trim request: the strategy and its threshold; Approximate ("~") removes whole nodes only;
/// Limit caps the entries removed (0: no cap).
/// </summary>
public readonly record struct StreamTrim(StreamTrimStrategy Strategy, long MaxLength, StreamId MinId, bool Approximate, long Limit);
