namespace AkkaKv.Actors;

/// <summary>Replies that report an outcome rather than carry a value; Ask unwraps them.</summary>
public static class Status
{
    /// <summary>The operation succeeded; Ask completes with <see cref="Value"/> when it has the asked type.</summary>
    public sealed record Success(object? Value);

    /// <summary>The operation failed; Ask faults with <see cref="Cause"/>.</summary>
    public sealed record Failure(Exception Cause);
}
