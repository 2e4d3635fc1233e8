namespace AkkaKv.Server.Blocking;

/// <summary>Messages about blocked clients, between shards and the blocked client's connection.</summary>
public static class BlockingProtocol
{
    /// <summary>To the session: a shard ran the command again and it was served; its reply is in <see cref="BlockedClient.Reply"/>.</summary>
    public sealed record BlockedClientServed(BlockedClient Client);

    /// <summary>To the session: a key of a client waiting on several shards is ready; run the command again across them.</summary>
    public sealed record BlockedClientWoken(BlockedClient Client);

    /// <summary>To the session, scheduled at the client's deadline.</summary>
    public sealed record BlockTimeoutElapsed(BlockedClient Client);

    /// <summary>To the session: CLIENT UNBLOCK claimed the client; reply the timeout reply, or the UNBLOCKED error.</summary>
    public sealed record UnblockClient(BlockedClient Client, bool WithError);

    /// <summary>To each shard a client was registered with: forget it.</summary>
    public sealed record ForgetBlockedClient(BlockedClient Client);
}
