using AkkaKv.Actors;
using AkkaKv.Protocol;
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

    /// <summary>Whether the pause in force holds this command; under WRITE, EXEC counts as the transaction it would run.</summary>
    private bool HeldByPause(CommandDefinition command, RequestArgs args) => _node.Pause.ModeAt(NodeState.NowMs()) switch
    {
        ClientPauseMode.All => true,
        ClientPauseMode.Write when command.FullName == "exec" =>
            _queued is { } queued && queued.Exists(q => ClientPause.MayReplicate(q.Command, q.Args, _node.Scripting)),
        ClientPauseMode.Write => ClientPause.MayReplicate(command, args, _node.Scripting),
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

    /// <summary>A command waiting for a client pause to end, with what it needs to run later.</summary>
    private sealed record ParkedRequest(CommandDefinition Command, RequestArgs Args, bool Suppressed);
}
