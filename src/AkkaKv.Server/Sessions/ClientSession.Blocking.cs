using AkkaKv.Actors;
using AkkaKv.Server.Blocking;
using AkkaKv.Server.Commands;

namespace AkkaKv.Server.Sessions;

// A blocking command that found nothing waits as the only request of its stage, so the client's later requests wait
// too, as in Redis. The wait ends in exactly one of four ways, whichever claims the BlockedClient first: a shard serves
// it (or wakes it to run again across shards), its timeout, CLIENT UNBLOCK, or the client going away.
public sealed partial class ClientSession
{
    // Volatile: CLIENT UNBLOCK and CLIENT LIST read it from other clients' threads.
    private volatile BlockedClient? _blocked;
    private ICancelable? _blockTimer;

    // A shard may serve the client before the transaction that blocked it is back here: keep that news until then.
    private object? _earlyBlockNews;

    /// <summary>The wait in progress, if any (CLIENT UNBLOCK, CLIENT LIST's "b" flag).</summary>
    public BlockedClient? Blocked => _blocked;

    private void OnBlocked(BlockedClient client)
    {
        _transaction.Blocked = null;
        _blocked = client;
        _node.Stats.BlockedClientStarted();
        if (client.DeadlineMs > 0) ScheduleBlockTimeout(client);
        if (_earlyBlockNews is { } news)
        {
            _earlyBlockNews = null;
            OnBlockingMessage(news);
        }
    }

    /// <summary>Timers take at most ~49 days; a longer timeout (Redis allows any) is reached in steps of this.</summary>
    private const long MaxTimerStepMs = 24L * 3600 * 1000;

    private void ScheduleBlockTimeout(BlockedClient client)
    {
        var delay = TimeSpan.FromMilliseconds(Math.Clamp(client.DeadlineMs - NodeState.NowMs(), 0, MaxTimerStepMs));
        _blockTimer = _node.System.Scheduler.ScheduleTellOnce(delay, _connection.Self, new BlockingProtocol.BlockTimeoutElapsed(client));
    }

    /// <summary>The connection passes on every <see cref="BlockingProtocol"/> message addressed to this client.</summary>
    public void OnBlockingMessage(object message)
    {
        var client = message switch
        {
            BlockingProtocol.BlockedClientServed m => m.Client,
            BlockingProtocol.BlockedClientWoken m => m.Client,
            BlockingProtocol.BlockTimeoutElapsed m => m.Client,
            BlockingProtocol.UnblockClient m => m.Client,
            _ => null,
        };
        if (client is null) return;
        if (!ReferenceEquals(client, _blocked))
        {
            // Not blocked on it yet: the shard's news overtook the transaction. A stale timer is simply dropped.
            if (message is not BlockingProtocol.BlockTimeoutElapsed && IsBusy) _earlyBlockNews = message;
            return;
        }
        switch (message)
        {
            case BlockingProtocol.BlockedClientServed:
                EndBlock(client.Reply.WrittenSpan);
                break;
            case BlockingProtocol.BlockedClientWoken:
                ForgetEverywhere(client);
                RunAgain(client);
                break;
            case BlockingProtocol.BlockTimeoutElapsed when client.DeadlineMs > NodeState.NowMs():
                // One step of a timeout longer than a timer can take.
                ScheduleBlockTimeout(client);
                break;
            case BlockingProtocol.BlockTimeoutElapsed:
                if (!client.TryClaim())
                {
                    // A shard is running it right now; it either serves it or puts it back. Look again shortly.
                    _blockTimer = _node.System.Scheduler.ScheduleTellOnce(TimeSpan.FromMilliseconds(5), _connection.Self, message);
                    return;
                }
                client.End();
                ForgetEverywhere(client);
                EndBlockWith(client, error: null);
                break;
            case BlockingProtocol.UnblockClient unblock:
                ForgetEverywhere(client);
                EndBlockWith(client, unblock.WithError ? ErrorReplies.UnblockedByClient : null);
                break;
        }
    }

    /// <summary>CLIENT UNBLOCK, from another client's thread: true when this client was blocked and is now unblocked.</summary>
    public bool TryUnblock(bool withError)
    {
        var client = _blocked;
        if (client is null || !client.TryClaim()) return false;
        client.End();
        _connection.Self.Tell(new BlockingProtocol.UnblockClient(client, withError));
        return true;
    }

    /// <summary>The client is going away: end its wait so no shard serves (and consumes data for) it.</summary>
    private void DetachBlocked()
    {
        _blockTimer?.Cancel();
        var client = _blocked ?? (_transaction.Requests.Count > 0 ? _transaction.Requests[0].Blocking : null);
        if (_blocked is not null)
        {
            _blocked = null;
            _node.Stats.BlockedClientEnded();
        }
        if (client is null) return;
        // A shard running it right now sees the cancellation: it ends the client rather than putting it back (if it
        // served it, that reply is lost with the connection, as in Redis). Shards not yet told (the request still
        // travelling) see it when they register it, and forget it then; the others are told here.
        client.Cancel();
        if (client.TryClaim()) client.End();
        ForgetEverywhere(client);
    }

    private void ForgetEverywhere(BlockedClient client)
    {
        var forget = new BlockingProtocol.ForgetBlockedClient(client);
        foreach (var shard in client.Shards) _node.Shards.Actors[shard].Tell(forget);
    }

    /// <summary>A key of a client waiting across shards is ready: run the command again across them, same deadline.</summary>
    private void RunAgain(BlockedClient woken)
    {
        _blockTimer?.Cancel();
        _blocked = null;
        _node.Stats.BlockedClientEnded();
        var request = woken.Request with { Blocking = new BlockedClient(_connection.Self, woken.DeadlineMs) };
        _transaction.Reset();
        Send(request);
    }

    private void EndBlockWith(BlockedClient client, string? error)
    {
        var reply = client.Reply;
        reply.Reset();
        reply.Protocol = client.Request.Protocol;
        if (error is null)
        {
            reply.WriteNullArray();
        }
        else
        {
            _node.Stats.CountError(error);
            reply.WriteError(error);
        }
        EndBlock(reply.WrittenSpan);
    }

    /// <summary>The wait is over with this reply: it completes the stage like any transaction's reply.</summary>
    private void EndBlock(ReadOnlySpan<byte> reply)
    {
        _blockTimer?.Cancel();
        _blockTimer = null;
        _blocked = null;
        _node.Stats.BlockedClientEnded();
        _transaction.Replies.WriteRaw(reply);
        _transaction.ReplyEnds.Add(_transaction.Replies.Length);
        if (--_pending == 0) CompleteStage();
    }
}
