namespace AkkaKv.Server.PubSub;

/// <summary>The three subscription spaces of Redis's Pub/Sub: channels, patterns over channels, and shard channels.</summary>
public enum PubSubKind
{
    /// <summary>SUBSCRIBE / PUBLISH; delivered as "message".</summary>
    Channel,
    /// <summary>PSUBSCRIBE, matched against PUBLISH's channel; delivered as "pmessage".</summary>
    Pattern,
    /// <summary>SSUBSCRIBE / SPUBLISH, bound to the channel's slot; delivered as "smessage".</summary>
    Shard,
}
