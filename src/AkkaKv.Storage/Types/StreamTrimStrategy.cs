namespace AkkaKv.Storage;

/// <summary>How XADD/XTRIM trim a stream.</summary>
public enum StreamTrimStrategy
{
    None,

    /// <summary>Keep at most a number of entries (MAXLEN).</summary>
    MaxLength,

    /// <summary>Drop the entries below an ID (MINID).</summary>
    MinId,
}
