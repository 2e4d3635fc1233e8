namespace AkkaKv.Storage;

/// <summary>The outcome of adding a stream entry.</summary>
public enum StreamAddStatus
{
    Ok,

    /// <summary>The ID is not greater than the stream's last ID (or no greater ID exists).</summary>
    IdTooSmall,

    /// <summary>The fields and values together exceed what one node can hold (1 GB).</summary>
    TooLarge,
}
