using System.Diagnostics;
using AkkaKv.Protocol;

namespace AkkaKv.Scripting;

/// <summary>
/// A script or function while it runs: read by SCRIPT KILL, FUNCTION KILL and FUNCTION STATS from other threads, which
/// may ask it to stop. The interpreter's hook notices the request within about 100000 Lua instructions.
/// </summary>
public sealed class RunningScript
{
    private readonly long _started = Stopwatch.GetTimestamp();
    private volatile bool _wrote;
    private volatile bool _killRequested;
    private volatile byte[][]? _command;

    internal RunningScript(string name, bool isFunction)
    {
        Name = name;
        IsFunction = isFunction;
    }

    /// <summary>The script's SHA1, or the function's name: what errors and FUNCTION STATS call it.</summary>
    public string Name { get; }

    /// <summary>Run by FCALL (FUNCTION KILL stops it) rather than EVAL (SCRIPT KILL stops it).</summary>
    public bool IsFunction { get; }

    public TimeSpan Elapsed => Stopwatch.GetElapsedTime(_started);

    /// <summary>A write command ran: the script can no longer be killed (its effects are partly applied).</summary>
    public bool Wrote => _wrote;

    public bool KillRequested => _killRequested;

    /// <summary>It ran past busy-reply-threshold (reported once in the log).</summary>
    public bool TimedOut => _command is not null;

    /// <summary>
    /// The request that runs it (FUNCTION STATS shows it), copied once it ran past busy-reply-threshold: only then can
    /// another client ask, and the request's own buffer is reused once the script ends.
    /// </summary>
    public IReadOnlyList<byte[]>? Command => _command;

    public void MarkWrote() => _wrote = true;

    public void RequestKill() => _killRequested = true;

    internal void MarkTimedOut(RequestArgs request)
    {
        var command = new byte[request.Count][];
        for (var i = 0; i < command.Length; i++) command[i] = request.ToArray(i);
        _command = command;
    }
}
