using System.Diagnostics;

namespace AkkaKv.Scripting;

/// <summary>
/// A script while it runs: read by SCRIPT KILL from other threads, which may ask it to stop. The interpreter's hook
/// notices the request within about 100000 Lua instructions.
/// </summary>
public sealed class RunningScript
{
    private readonly long _started = Stopwatch.GetTimestamp();
    private volatile bool _wrote;
    private volatile bool _killRequested;
    private volatile bool _timedOut;

    internal RunningScript(string sha) => Sha = sha;

    public string Sha { get; }

    public TimeSpan Elapsed => Stopwatch.GetElapsedTime(_started);

    /// <summary>A write command ran: the script can no longer be killed (its effects are partly applied).</summary>
    public bool Wrote => _wrote;

    public bool KillRequested => _killRequested;

    /// <summary>It ran past busy-reply-threshold (reported once in the log).</summary>
    public bool TimedOut
    {
        get => _timedOut;
        internal set => _timedOut = value;
    }

    public void MarkWrote() => _wrote = true;

    public void RequestKill() => _killRequested = true;
}
