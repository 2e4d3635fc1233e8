using AkkaKv.Protocol;
using AkkaKv.Server.Commands;
using AkkaKv.Server.PubSub;
using AkkaKv.Storage;

namespace AkkaKv.Server.Sessions;

// Pub/Sub: the client's subscriptions (mirrored in the node's PubSubRegistry) and the delivery of published messages.
// A message reaches the session through its connection actor, on the session's own thread. It is written unless the
// client no longer holds the subscription it was sent for (it may have been told just before an UNSUBSCRIBE), and it is
// held back while a stage that subscribed is still out: a RESP2 client must read the SUBSCRIBE confirmation first.
public sealed partial class ClientSession
{
    private HashSet<byte[]>? _channels;
    private HashSet<byte[]>? _patterns;
    private HashSet<byte[]>? _shardChannels;
    // Volatile: CLIENT LIST and CLIENT KILL read them from other clients' threads.
    private volatile int _channelCount;
    private volatile int _patternCount;
    private volatile int _shardChannelCount;
    private Queue<PubSubMessage>? _heldMessages;
    private bool _holdMessages;

    /// <summary>CLIENT LIST's sub=.</summary>
    public int ChannelSubscriptions => _channelCount;

    /// <summary>CLIENT LIST's psub=.</summary>
    public int PatternSubscriptions => _patternCount;

    /// <summary>CLIENT LIST's ssub=.</summary>
    public int ShardChannelSubscriptions => _shardChannelCount;

    /// <summary>
    /// Subscribed to anything (Redis's CLIENT_PUBSUB): the "P" flag, the pubsub client type and output limit class,
    /// and under RESP2 the subscribed mode where only the subscription commands, PING, QUIT and RESET run.
    /// </summary>
    public bool IsSubscribed => _channelCount + _patternCount + _shardChannelCount > 0;

    /// <summary>Subscribes to one channel, pattern or shard channel and writes the confirmation with the running count.</summary>
    public void Subscribe(PubSubKind kind, ReadOnlySpan<byte> channel, RespWriter reply)
    {
        var set = Subscriptions(kind) ?? CreateSubscriptions(kind);
        if (!set.GetAlternateLookup<ReadOnlySpan<byte>>().Contains(channel))
        {
            var name = channel.ToArray();
            set.Add(name);
            _node.PubSub.Subscribe(kind, name, this);
            UpdateSubscriptionCounts();
        }
        // Messages for it may arrive before this stage's replies are written: they wait for them.
        _holdMessages = true;
        WriteSubscription(reply, kind, subscribed: true, channel);
    }

    /// <summary>Unsubscribes from one channel, pattern or shard channel (subscribed or not) and writes the confirmation.</summary>
    public void Unsubscribe(PubSubKind kind, ReadOnlySpan<byte> channel, RespWriter reply)
    {
        if (Subscriptions(kind)?.GetAlternateLookup<ReadOnlySpan<byte>>().TryGetValue(channel, out var name) == true) Forget(kind, name);
        WriteSubscription(reply, kind, subscribed: false, channel);
    }

    /// <summary>UNSUBSCRIBE, PUNSUBSCRIBE or SUNSUBSCRIBE without arguments: one confirmation each, or one with a null name when there were none.</summary>
    public void UnsubscribeAll(PubSubKind kind, RespWriter reply)
    {
        var set = Subscriptions(kind);
        if (set is null || set.Count == 0)
        {
            WriteSubscriptionHead(reply, kind, subscribed: false);
            reply.WriteNull();
            WriteSubscriptionCount(reply, kind);
            return;
        }
        foreach (var name in set.ToArray())
        {
            Forget(kind, name);
            WriteSubscription(reply, kind, subscribed: false, name);
        }
    }

    /// <summary>Whether a RESP2 client in subscribed mode may run <paramref name="command"/> (Redis's processCommand list).</summary>
    private static bool AllowedWhileSubscribed(CommandDefinition command) =>
        command.FullName is "ping" or "subscribe" or "ssubscribe" or "unsubscribe" or "sunsubscribe" or "psubscribe"
            or "punsubscribe" or "quit" or "reset";

    /// <summary>The connection passes on every <see cref="PubSubMessage"/> told to this client.</summary>
    public void OnPubSubMessage(PubSubMessage message)
    {
        if (_holdMessages && IsBusy)
        {
            (_heldMessages ??= new Queue<PubSubMessage>()).Enqueue(message);
            return;
        }
        Deliver(message, _connection.Output);
    }

    /// <summary>The stage's replies are written: messages held back for them follow.</summary>
    private void ReleaseHeldMessages(RespWriter output)
    {
        _holdMessages = false;
        if (_heldMessages is not { } held) return;
        while (held.TryDequeue(out var message)) Deliver(message, output);
    }

    private void Deliver(PubSubMessage message, RespWriter output)
    {
        if (Subscriptions(message.Kind)?.Contains(message.Subscription) != true) return;
        output.WriteRaw(message.Frame(Protocol));
    }

    /// <summary>RESET and disconnection: every subscription goes, without confirmations (Redis's notify=0).</summary>
    private void LeavePubSub()
    {
        foreach (var kind in (ReadOnlySpan<PubSubKind>)[PubSubKind.Channel, PubSubKind.Pattern, PubSubKind.Shard])
        {
            if (Subscriptions(kind) is not { Count: > 0 } set) continue;
            foreach (var name in set.ToArray()) Forget(kind, name);
        }
        _heldMessages?.Clear();
    }

    private void Forget(PubSubKind kind, byte[] name)
    {
        Subscriptions(kind)!.Remove(name);
        _node.PubSub.Unsubscribe(kind, name, this);
        UpdateSubscriptionCounts();
    }

    /// <summary>
    /// Redis's addReplyPubsub(Un)Subscribed: [kind, name, count], a push under RESP3. The count is the channels plus
    /// patterns left for the classic kinds, the shard channels left for the shard kind.
    /// </summary>
    private void WriteSubscription(RespWriter reply, PubSubKind kind, bool subscribed, ReadOnlySpan<byte> channel)
    {
        WriteSubscriptionHead(reply, kind, subscribed);
        reply.WriteBulk(channel);
        WriteSubscriptionCount(reply, kind);
    }

    private static void WriteSubscriptionHead(RespWriter reply, PubSubKind kind, bool subscribed)
    {
        reply.WritePushHeader(3);
        reply.WriteBulk((kind, subscribed) switch
        {
            (PubSubKind.Channel, true) => "subscribe"u8,
            (PubSubKind.Channel, false) => "unsubscribe"u8,
            (PubSubKind.Pattern, true) => "psubscribe"u8,
            (PubSubKind.Pattern, false) => "punsubscribe"u8,
            (_, true) => "ssubscribe"u8,
            _ => "sunsubscribe"u8,
        });
    }

    private void WriteSubscriptionCount(RespWriter reply, PubSubKind kind) =>
        reply.WriteInteger(kind == PubSubKind.Shard ? _shardChannelCount : _channelCount + _patternCount);

    private HashSet<byte[]>? Subscriptions(PubSubKind kind) => kind switch
    {
        PubSubKind.Pattern => _patterns,
        PubSubKind.Shard => _shardChannels,
        _ => _channels,
    };

    private HashSet<byte[]> CreateSubscriptions(PubSubKind kind)
    {
        var set = new HashSet<byte[]>(ByteArrayComparer.Instance);
        switch (kind)
        {
            case PubSubKind.Pattern: _patterns = set; break;
            case PubSubKind.Shard: _shardChannels = set; break;
            default: _channels = set; break;
        }
        return set;
    }

    private void UpdateSubscriptionCounts()
    {
        _channelCount = _channels?.Count ?? 0;
        _patternCount = _patterns?.Count ?? 0;
        _shardChannelCount = _shardChannels?.Count ?? 0;
    }
}
