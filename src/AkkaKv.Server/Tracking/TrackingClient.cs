namespace AkkaKv.Server.Tracking;

/// <summary>
/// A client with tracking on, as the shards see it: its id, modes and redirection. CLIENT TRACKING ON given again
/// replaces it with a new one; only the broken-redirection mark changes in place, set by the shard that found the
/// redirection target gone.
/// </summary>
public sealed class TrackingClient(long clientId, TrackingOptions options, long redirectId)
{
    private volatile bool _redirectBroken;

    public long ClientId { get; } = clientId;
    public TrackingOptions Options { get; } = options;

    /// <summary>The client the invalidations go to instead (REDIRECT); 0 when they go to this client.</summary>
    public long RedirectId { get; } = redirectId;

    public bool IsBroadcast => (Options & TrackingOptions.Broadcast) != 0;
    public bool NoLoop => (Options & TrackingOptions.NoLoop) != 0;

    /// <summary>The redirection target was found gone when an invalidation was due (CLIENT LIST flag R).</summary>
    public bool RedirectBroken => _redirectBroken;

    internal void MarkRedirectBroken() => _redirectBroken = true;
}
