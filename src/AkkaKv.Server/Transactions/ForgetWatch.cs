namespace AkkaKv.Server.Transactions;

/// <summary>To each shard holding a client's watched keys: the client unwatched (EXEC, DISCARD, UNWATCH, RESET, gone).</summary>
public sealed record ForgetWatch(WatchState State);
