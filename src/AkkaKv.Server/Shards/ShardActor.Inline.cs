using AkkaKv.Server.Commands;

namespace AkkaKv.Server.Shards;

// Thread-per-core (Dragonfly's shape): a shard shares its event-loop thread with connections, and a connection on
// that thread runs its batch for the shard with a direct call rather than a message: no hop, no wake-up, the reply
// written in the same turn. It is the same one-at-a-time execution the mailbox gives, since the thread runs one
// thing at a time. Only a shard at rest qualifies: not while any shard step is under way on this thread (a busy
// script lets the thread's connections run inside its step), not one parked by a cross-shard transaction (whose last
// shard is using this keyspace from its own thread), and not one holding work for a client pause (kept simple: that
// work and everything after it goes through the mailbox until the pause is over).
public sealed partial class ShardActor
{
    private int _threadId = -1;
    private bool _parked;

    /// <summary>Whether the calling thread may run a batch here now with <see cref="RunInline"/>.</summary>
    public bool CanRunInline =>
        Environment.CurrentManagedThreadId == _threadId && CommandContext.Current is null && !_parked && _heldByPause.Count == 0;

    /// <summary>
    /// Runs a batch on the calling thread (checked with <see cref="CanRunInline"/>). False when a client pause holds
    /// one of its requests: the shard then sends the batch back once it has run, as it does a batch it was told.
    /// </summary>
    public bool RunInline(ShardBatch batch) => RunBatch(batch, 0);

    /// <summary>
    /// Runs a transaction that involves this shard only, as <see cref="RunInline(ShardBatch)"/> runs a batch. Never one
    /// that may block: its session must see it come back to start waiting.
    /// </summary>
    public bool RunInline(ShardTransaction transaction) => RunTransaction(transaction);
}
