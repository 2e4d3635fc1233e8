using AkkaKv.Actors;
using AkkaKv.Protocol;
using AkkaKv.Server.Commands;
using AkkaKv.Server.Shards;
using AkkaKv.Storage;

namespace AkkaKv.Server.Blocking;

/// <summary>
/// A client's blocking command (BLPOP, BZPOPMIN, XREAD BLOCK...), from the moment its session sends it to a shard until
/// it is served, times out, is unblocked or its client goes away. A shard that finds nothing to serve registers it
/// with the shards owning its keys. Whoever ends the wait first claims it, so it ends exactly once although the
/// enders run on different threads.
/// </summary>
public sealed class BlockedClient
{
    private const int Waiting = 0;
    private const int Claimed = 1;
    private const int Ended = 2;

    private int _state;
    private int _cancelled;
    private RespWriter? _reply;

    /// <param name="deadlineMs">Unix ms when the wait ends; 0 = never; -1 = set by the first block from the command's timeout.</param>
    public BlockedClient(IActorRef session, long deadlineMs = -1)
    {
        Session = session;
        DeadlineMs = deadlineMs;
    }

    /// <summary>The connection actor of the blocked session.</summary>
    public IActorRef Session { get; }

    /// <summary>Unix ms when the wait ends with the timeout reply; 0 = never; -1 = not blocked yet.</summary>
    public long DeadlineMs { get; internal set; }

    /// <summary>The command as it is run again (arguments copied, and rewritten where the handler asked); set when it blocks.</summary>
    public ShardRequest Request { get; internal set; }

    /// <summary>The keys waited on, with their database; set when it blocks.</summary>
    public IReadOnlyList<ReadyKey> Keys { get; internal set; } = [];

    /// <summary>The shards owning <see cref="Keys"/>, ascending and distinct.</summary>
    public IReadOnlyList<int> Shards { get; internal set; } = [];

    /// <summary>The type of value that can serve it (a list for BLPOP, a stream for XREAD...); set when it blocks.</summary>
    public DataType WaitsFor { get; internal set; }

    /// <summary>
    /// XREADGROUP: run again when its stream is gone or replaced, to fail with NOGROUP or WRONGTYPE (Redis's
    /// unblock_on_nokey). Others wait on while their key is missing or holds another type.
    /// </summary>
    public bool FailsWhenKeyGoes { get; internal set; }

    /// <summary>Whether the value now at a ready key (null: none) calls for running the command again.</summary>
    public bool IsServableBy(object? value) =>
        FailsWhenKeyGoes || (value is ICollectionValue collection && collection.Type == WaitsFor);

    /// <summary>The reply once a shard served the client.</summary>
    public RespWriter Reply => _reply ??= new RespWriter(256);

    public bool IsSingleShard => Shards.Count == 1;

    /// <summary>Takes the right to act on the client; false when someone else holds or ended it.</summary>
    public bool TryClaim() => Interlocked.CompareExchange(ref _state, Claimed, Waiting) == Waiting;

    /// <summary>A claimer that found nothing to serve puts the client back to waiting, keeping its place in line.</summary>
    public void Release() => Volatile.Write(ref _state, Waiting);

    /// <summary>The claimer ended the wait: nobody may claim it again.</summary>
    public void End() => Volatile.Write(ref _state, Ended);

    public bool IsEnded => Volatile.Read(ref _state) == Ended;

    /// <summary>
    /// The client went away. Whoever holds the claim (a shard running it again) then ends it instead of putting it back;
    /// a full fence, paired with the one in the shard's registration, so one side always sees the other.
    /// </summary>
    public void Cancel() => Interlocked.Exchange(ref _cancelled, 1);

    public bool IsCancelled => Volatile.Read(ref _cancelled) == 1;
}
