using AkkaKv.Actors;

namespace AkkaKv.Server.Shards;

// CLIENT PAUSE on the shard's side. Sessions hold the commands a pause holds before sending them, but a request that
// passed that check just before the pause began may still be on its way, or queued here behind other work: Redis
// guarantees that nothing the pause holds runs once CLIENT PAUSE has replied, so the shard checks again. What it
// holds (a batch from the request it stopped at, or a whole transaction, whose shards it releases) waits here, while
// everything else runs on, and resumes when the pause ends: the shard waits on the pause as a paused client does, so
// UNPAUSE tells it, and a timer looks at the end.
public sealed partial class ShardActor
{
    private readonly Queue<object> _heldByPause = new();
    private ICancelable? _pauseTimer;
    private bool _waitingForPause;

    private bool HeldByPause(in ShardRequest request) =>
        _node.Pause.IsActive && _node.Pause.Holds(request.Command, request.Args, _node.Scripting);

    private bool HoldsAnyByPause(ShardTransaction transaction)
    {
        if (!_node.Pause.IsActive) return false;
        foreach (var request in transaction.Requests)
        {
            if (HeldByPause(request)) return true;
        }
        return false;
    }

    private void Hold(object work)
    {
        _heldByPause.Enqueue(work);
        if (!_waitingForPause)
        {
            _node.Pause.Wait(Self);
            _waitingForPause = true;
        }
        _pauseTimer?.Cancel();
        // Timers are bounded, so a long pause is looked at again every second until it is over.
        var delay = Math.Clamp(_node.Pause.EndMs - NodeState.NowMs(), 0, 1000);
        _pauseTimer = Context.System.Scheduler.ScheduleTellOnce(TimeSpan.FromMilliseconds(delay), Self, Sessions.PauseProtocol.PauseMayHaveEnded.Instance);
    }

    /// <summary>Runs the held work again, in the order it was held; what a pause (perhaps a newer one) still holds is held again.</summary>
    private void ResumeHeldWork()
    {
        for (var count = _heldByPause.Count; count > 0; count--)
        {
            switch (_heldByPause.Dequeue())
            {
                case HeldBatch held:
                    RunBatchAndReply(held.Batch, held.Next);
                    break;
                case ShardTransaction transaction:
                    transaction.Position = 0;
                    _node.Shards.Actors[transaction.Shards[0]].Tell(transaction);
                    break;
            }
        }
        if (_heldByPause.Count == 0 && _waitingForPause)
        {
            _node.Pause.StopWaiting(Self);
            _waitingForPause = false;
        }
    }

    /// <summary>A batch held at request <paramref name="Next"/>; the replies before it are written.</summary>
    private sealed record HeldBatch(ShardBatch Batch, int Next);
}
