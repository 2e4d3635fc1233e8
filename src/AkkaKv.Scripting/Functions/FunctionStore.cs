namespace AkkaKv.Scripting.Functions;

/// <summary>
/// The node's libraries: the current <see cref="FunctionLibraries"/>, read by every shard's FCALL and replaced whole by
/// FUNCTION LOAD, DELETE, FLUSH and RESTORE. Those commands run while every shard is parked, so a replacement never
/// races an FCALL or another replacement.
/// </summary>
public sealed class FunctionStore
{
    private FunctionLibraries _current = FunctionLibraries.Empty;
    private int _flushes;

    public FunctionLibraries Current => Volatile.Read(ref _current);

    /// <summary>Counts FUNCTION FLUSHes: each shard then starts a fresh interpreter, as Redis starts a fresh Lua state.</summary>
    public int Flushes => Volatile.Read(ref _flushes);

    public void Publish(FunctionLibraries libraries) => Volatile.Write(ref _current, libraries);

    /// <summary>Replaces every library with <paramref name="libraries"/> (none for FUNCTION FLUSH, a payload's for RESTORE FLUSH).</summary>
    public void Flush(FunctionLibraries libraries)
    {
        Volatile.Write(ref _current, libraries);
        Interlocked.Increment(ref _flushes);
    }
}
