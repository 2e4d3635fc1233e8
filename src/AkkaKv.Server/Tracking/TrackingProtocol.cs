namespace AkkaKv.Server.Tracking;

/// <summary>What shards tell a client's connection about the keys it caches; the session encodes them for its protocol.</summary>
public static class TrackingProtocol
{
    /// <summary>
    /// Keys the client (or a client redirecting to it, when <paramref name="Redirected"/>) may cache have changed;
    /// null <paramref name="Keys"/> means every key (a flush).
    /// </summary>
    public sealed record KeysInvalidated(byte[][]? Keys, bool Redirected);

    /// <summary>The client this one redirects its invalidations to is gone.</summary>
    public sealed record RedirectBroken(long RedirectId);
}
