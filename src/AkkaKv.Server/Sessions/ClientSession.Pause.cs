using System.Text;
using AkkaKv.Actors;
using AkkaKv.Protocol;
using AkkaKv.Scripting;
using AkkaKv.Server.Commands;

namespace AkkaKv.Server.Sessions;

// CLIENT PAUSE on the client's side. A command the pause holds back is parked here: the replies before it are written,
// the input after it stays unread, and no shard or thread waits for it. When the pause ends (UNPAUSE tells the waiting
// clients; a timer set for the pause's end wakes each one) it runs, then the rest of the input, in order. As in Redis
// the check comes after the checks that answer at once (unknown command, arity, authentication), and before MULTI
// queueing: a write waits even to be queued.
public sealed partial class ClientSession
{
    private volatile ParkedRequest? _parked;
    private ICancelable? _pauseTimer;

    /// <summary>A command waits for a client pause to end (CLIENT LIST's "b" flag, counted in INFO blocked_clients).</summary>
    public bool IsPaused => _parked is not null;

    /// <summary>The connection passes on <see cref="PauseProtocol.PauseMayHaveEnded"/>.</summary>
    public void OnPauseMessage()
    {
        // With the replies before it still on the shards, CompleteStage looks again once they are back.
        if (_parked is not null && _pending == 0) TryResumeParked();
    }

    private bool HeldByPause(CommandDefinition command, RequestArgs args) => _node.Pause.ModeAt(NodeState.NowMs()) switch
    {
        ClientPauseMode.All => true,
        ClientPauseMode.Write => MayReplicate(command, args),
        _ => false,
    };

    private void Park(CommandDefinition command, RequestArgs args, bool suppressed)
    {
        _parked = new ParkedRequest(command, args, suppressed);
        // Its arguments live until it runs, not just this stage.
        _stageArgs.RemoveAt(_stageArgs.Count - 1);
        _node.Pause.Wait(_connection.Self);
        _node.Stats.BlockedClientStarted();
        SchedulePauseCheck();
    }

    /// <summary>Runs the parked command unless a pause (perhaps a newer one) still holds it; true when it ran.</summary>
    private bool TryResumeParked()
    {
        var parked = _parked!;
        if (HeldByPause(parked.Command, parked.Args))
        {
            SchedulePauseCheck();
            return false;
        }
        StopWaitingForPause();
        _stageArgs.Add(parked.Args);
        Execute(parked.Command, parked.Args, parked.Suppressed);
        EndStage();
        return true;
    }

    /// <summary>Called when the client goes away while its command waits.</summary>
    private void LeavePause()
    {
        if (_parked is not null) StopWaitingForPause();
    }

    private void StopWaitingForPause()
    {
        _pauseTimer?.Cancel();
        _pauseTimer = null;
        _parked = null;
        _node.Pause.StopWaiting(_connection.Self);
        _node.Stats.BlockedClientEnded();
    }

    /// <summary>Looks again when the pause is due to end (in steps, as timers are bounded); at once when it already did.</summary>
    private void SchedulePauseCheck()
    {
        _pauseTimer?.Cancel();
        var delay = TimeSpan.FromMilliseconds(Math.Clamp(_node.Pause.EndMs - NodeState.NowMs(), 0, MaxTimerStepMs));
        _pauseTimer = _node.System.Scheduler.ScheduleTellOnce(delay, _connection.Self, PauseProtocol.PauseMayHaveEnded.Instance);
    }

    /// <summary>
    /// Redis's is_may_replicate_command, what a WRITE pause holds: writes, commands that may replicate (PUBLISH, PFCOUNT),
    /// scripts that may write, and EXEC of a transaction holding any of those.
    /// </summary>
    private bool MayReplicate(CommandDefinition command, RequestArgs args)
    {
        if (command.FullName == "exec") return _queued is { } queued && queued.Exists(q => MayReplicateAlone(q.Command, q.Args));
        return MayReplicateAlone(command, args);
    }

    private bool MayReplicateAlone(CommandDefinition command, RequestArgs args) => command.FullName switch
    {
        "eval" or "evalsha" or "eval_ro" or "evalsha_ro" => ScriptMayWrite(command.FullName, args[1]),
        // Redis's fcallGetCommandFlags: a function says whether it writes; an unknown one counts as its command does.
        "fcall" or "fcall_ro" => _node.Scripting.Functions.Current.FindFunction(args[1]) is { } function
            ? !function.IsReadOnly
            : command.FullName == "fcall",
        _ => (command.Flags & (CommandFlags.Write | CommandFlags.MayReplicate)) != 0,
    };

    /// <summary>
    /// Redis's evalGetCommandFlags: a script with a shebang says itself whether it writes (no-writes, even under EVAL_RO);
    /// one without a shebang, or not known by its SHA1, counts as its command does: EVAL and EVALSHA may replicate.
    /// </summary>
    private bool ScriptMayWrite(string command, ReadOnlySpan<byte> bodyOrSha)
    {
        var declared = command.StartsWith("evalsha", StringComparison.Ordinal) ? CachedShebangFlags(bodyOrSha)
            : bodyOrSha.StartsWith("#!"u8) ? Script.Parse(bodyOrSha, "", out _)?.Flags
            : null;
        return declared is { } flags ? (flags & ScriptFlags.NoWrites) == 0 : command is "eval" or "evalsha";
    }

    private ScriptFlags? CachedShebangFlags(ReadOnlySpan<byte> sha)
    {
        if (sha.Length != 40) return null;
        return _node.Scripting.Cache.Find(Encoding.ASCII.GetString(sha).ToLowerInvariant()) is { HasShebang: true } script ? script.Flags : null;
    }

    /// <summary>A command waiting for a client pause to end, with what it needs to run later.</summary>
    private sealed record ParkedRequest(CommandDefinition Command, RequestArgs Args, bool Suppressed);
}
