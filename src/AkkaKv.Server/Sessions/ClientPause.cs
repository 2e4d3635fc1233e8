using System.Text;
using AkkaKv.Actors;
using AkkaKv.Protocol;
using AkkaKv.Scripting;
using AkkaKv.Server.Commands;
using AkkaKv.Server.Scripting;

namespace AkkaKv.Server.Sessions;

/// <summary>
/// The node's CLIENT PAUSE. While it lasts, normal clients' commands wait (all of them, or those that may write or
/// replicate) and keys do not expire. A new pause extends it to the later end and to the stronger mode (ALL over WRITE),
/// as Redis keeps the most restrictive; UNPAUSE ends it and tells every waiting client at once (each resumes on its own
/// I/O thread, so clients of different threads may resume in any order). Every command reads <see cref="IsActive"/>
/// (one volatile read); the rest is under a lock.
/// </summary>
public sealed class ClientPause
{
    private readonly Lock _lock = new();
    private readonly List<IActorRef> _waiting = [];
    private long _endMs;
    private volatile bool _all;

    /// <summary>A pause was set and not yet seen to end: the only check commands make while nothing is paused.</summary>
    public bool IsActive => Volatile.Read(ref _endMs) != 0;

    /// <summary>When the pause in force ends (unix ms); 0 when none.</summary>
    public long EndMs => Volatile.Read(ref _endMs);

    /// <summary>Keys do not expire now, neither lazily nor actively: a pause of any mode is in force.</summary>
    public bool HoldsExpiry => IsActive && ModeAt(NodeState.NowMs()) != ClientPauseMode.None;

    /// <summary>The mode in force at <paramref name="nowMs"/>; a pause found over is cleared, so <see cref="IsActive"/> is false again.</summary>
    public ClientPauseMode ModeAt(long nowMs)
    {
        var end = Volatile.Read(ref _endMs);
        if (end == 0) return ClientPauseMode.None;
        if (nowMs < end) return _all ? ClientPauseMode.All : ClientPauseMode.Write;
        lock (_lock)
        {
            if (_endMs == end) Clear();
        }
        return ClientPauseMode.None;
    }

    /// <summary>Whether the pause in force holds <paramref name="command"/> (for a shard, which sees EXEC as its commands).</summary>
    public bool Holds(CommandDefinition command, RequestArgs args, ScriptEngine scripting) => ModeAt(NodeState.NowMs()) switch
    {
        ClientPauseMode.All => true,
        ClientPauseMode.Write => MayReplicate(command, args, scripting),
        _ => false,
    };

    /// <summary>
    /// Redis's is_may_replicate_command, what a WRITE pause holds: writes, commands that may replicate (PUBLISH, PFCOUNT),
    /// and scripts and functions that may write.
    /// </summary>
    public static bool MayReplicate(CommandDefinition command, RequestArgs args, ScriptEngine scripting) => command.FullName switch
    {
        "eval" or "evalsha" or "eval_ro" or "evalsha_ro" => ScriptMayWrite(command.FullName, args[1], scripting),
        // Redis's fcallGetCommandFlags: a function says whether it writes; an unknown one counts as its command does.
        "fcall" or "fcall_ro" => scripting.Functions.Current.FindFunction(args[1]) is { } function
            ? !function.IsReadOnly
            : command.FullName == "fcall",
        _ => (command.Flags & (CommandFlags.Write | CommandFlags.MayReplicate)) != 0,
    };

    /// <summary>
    /// Redis's evalGetCommandFlags: a script with a shebang says itself whether it writes (no-writes, even under EVAL_RO);
    /// one without a shebang, or not known by its SHA1, counts as its command does: EVAL and EVALSHA may replicate.
    /// </summary>
    private static bool ScriptMayWrite(string command, ReadOnlySpan<byte> bodyOrSha, ScriptEngine scripting)
    {
        var declared = command.StartsWith("evalsha", StringComparison.Ordinal) ? CachedShebangFlags(bodyOrSha, scripting)
            : bodyOrSha.StartsWith("#!"u8) ? Script.Parse(bodyOrSha, "", out _)?.Flags
            : null;
        return declared is { } flags ? (flags & ScriptFlags.NoWrites) == 0 : command is "eval" or "evalsha";
    }

    private static ScriptFlags? CachedShebangFlags(ReadOnlySpan<byte> sha, ScriptEngine scripting)
    {
        if (sha.Length != 40) return null;
        return scripting.Cache.Find(Encoding.ASCII.GetString(sha).ToLowerInvariant()) is { HasShebang: true } script ? script.Flags : null;
    }

    /// <summary>CLIENT PAUSE until <paramref name="endMs"/>; an end already past pauses nothing.</summary>
    public void Pause(long endMs, bool all)
    {
        lock (_lock)
        {
            if (_endMs != 0 && _endMs <= NodeState.NowMs()) Clear();
            if (endMs <= NodeState.NowMs() && _endMs == 0) return;
            _all |= all;
            Volatile.Write(ref _endMs, Math.Max(_endMs, endMs));
        }
    }

    /// <summary>CLIENT UNPAUSE: the pause ends now, and every waiting client is told.</summary>
    public void Unpause()
    {
        IActorRef[] waiting;
        lock (_lock)
        {
            Clear();
            waiting = [.. _waiting];
        }
        foreach (var connection in waiting) connection.Tell(PauseProtocol.PauseMayHaveEnded.Instance);
    }

    /// <summary>A client's command (or a shard's held work) now waits for the pause to end: UNPAUSE tells <paramref name="waiter"/>.</summary>
    public void Wait(IActorRef waiter)
    {
        lock (_lock) _waiting.Add(waiter);
    }

    public void StopWaiting(IActorRef waiter)
    {
        lock (_lock) _waiting.Remove(waiter);
    }

    private void Clear()
    {
        _all = false;
        Volatile.Write(ref _endMs, 0);
    }
}
