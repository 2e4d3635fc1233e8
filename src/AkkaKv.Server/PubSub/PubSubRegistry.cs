using AkkaKv.Server.Sessions;
using AkkaKv.Storage;

namespace AkkaKv.Server.PubSub;

/// <summary>
/// Every Pub/Sub subscription of the node: channel, pattern and shard channel to the sessions subscribed. Sessions on
/// every I/O thread (and SPUBLISH on the shards) publish here; a message is built once and told to each subscriber's
/// connection actor, which appends it to its output, so a publisher never waits for a subscriber. Publishing holds the
/// registry's lock while it tells, so every subscriber sees the messages of a channel in the same order, as in Redis.
/// Each session keeps its own subscriptions too (<see cref="ClientSession"/>), and tells the registry of every change.
/// </summary>
public sealed class PubSubRegistry
{
    private readonly Lock _lock = new();
    private readonly Dictionary<byte[], ClientSession[]> _channels = new(ByteArrayComparer.Instance);
    private readonly Dictionary<byte[], ClientSession[]> _patterns = new(ByteArrayComparer.Instance);
    private readonly Dictionary<byte[], ClientSession[]> _shardChannels = new(ByteArrayComparer.Instance);

    /// <summary>Channels with at least one subscriber (INFO pubsub_channels).</summary>
    public int ChannelCount => Count(_channels);

    /// <summary>Distinct patterns subscribed to (INFO pubsub_patterns, PUBSUB NUMPAT).</summary>
    public int PatternCount => Count(_patterns);

    /// <summary>Shard channels with at least one subscriber (INFO pubsubshard_channels).</summary>
    public int ShardChannelCount => Count(_shardChannels);

    /// <summary>Adds a subscriber the session does not have yet; <paramref name="channel"/> is kept, not copied.</summary>
    public void Subscribe(PubSubKind kind, byte[] channel, ClientSession subscriber)
    {
        var map = Map(kind);
        lock (_lock)
        {
            map[channel] = map.TryGetValue(channel, out var subscribers) ? [.. subscribers, subscriber] : [subscriber];
        }
    }

    /// <summary>Removes a subscriber; a channel (or pattern) nobody listens to any more goes away, as in Redis.</summary>
    public void Unsubscribe(PubSubKind kind, byte[] channel, ClientSession subscriber)
    {
        var map = Map(kind);
        lock (_lock)
        {
            if (!map.TryGetValue(channel, out var subscribers)) return;
            var left = Array.FindAll(subscribers, s => !ReferenceEquals(s, subscriber));
            if (left.Length == 0) map.Remove(channel);
            else map[channel] = left;
        }
    }

    /// <summary>
    /// PUBLISH (or SPUBLISH when <paramref name="kind"/> is <see cref="PubSubKind.Shard"/>): tells the message to the
    /// channel's subscribers, then, for PUBLISH, to the subscribers of every matching pattern. Returns how many
    /// deliveries were made, a client subscribed both to the channel and to matching patterns counting once for each.
    /// </summary>
    public int Publish(PubSubKind kind, ReadOnlySpan<byte> channel, ReadOnlySpan<byte> payload)
    {
        byte[]? channelCopy = null;
        byte[]? payloadCopy = null;
        var receivers = 0;
        lock (_lock)
        {
            if (Map(kind).GetAlternateLookup<ReadOnlySpan<byte>>().TryGetValue(channel, out var subscribers))
            {
                var message = new PubSubMessage(kind, channelCopy = channel.ToArray(), payloadCopy = payload.ToArray());
                receivers += Deliver(message, subscribers);
            }
            // Shard channels ignore patterns.
            if (kind == PubSubKind.Shard) return receivers;
            foreach (var (pattern, patternSubscribers) in _patterns)
            {
                if (!GlobPattern.IsMatch(pattern, channel)) continue;
                var message = new PubSubMessage(PubSubKind.Pattern, channelCopy ??= channel.ToArray(), payloadCopy ??= payload.ToArray(), pattern);
                receivers += Deliver(message, patternSubscribers);
            }
        }
        return receivers;
    }

    /// <summary>How many clients are subscribed to <paramref name="channel"/> (PUBSUB NUMSUB / SHARDNUMSUB; patterns not counted).</summary>
    public int SubscriberCount(PubSubKind kind, ReadOnlySpan<byte> channel)
    {
        var map = Map(kind);
        lock (_lock)
        {
            return map.GetAlternateLookup<ReadOnlySpan<byte>>().TryGetValue(channel, out var subscribers) ? subscribers.Length : 0;
        }
    }

    /// <summary>The channels (or shard channels) with subscribers, those matching <paramref name="pattern"/> when it is given.</summary>
    public List<byte[]> ActiveChannels(PubSubKind kind, byte[]? pattern)
    {
        var map = Map(kind);
        lock (_lock)
        {
            var channels = new List<byte[]>(pattern is null ? map.Count : 0);
            foreach (var channel in map.Keys)
            {
                if (pattern is null || GlobPattern.IsMatch(pattern, channel)) channels.Add(channel);
            }
            return channels;
        }
    }

    private static int Deliver(PubSubMessage message, ClientSession[] subscribers)
    {
        foreach (var subscriber in subscribers) subscriber.Connection.Self.Tell(message);
        return subscribers.Length;
    }

    private Dictionary<byte[], ClientSession[]> Map(PubSubKind kind) => kind switch
    {
        PubSubKind.Pattern => _patterns,
        PubSubKind.Shard => _shardChannels,
        _ => _channels,
    };

    private int Count(Dictionary<byte[], ClientSession[]> map)
    {
        lock (_lock) return map.Count;
    }
}
