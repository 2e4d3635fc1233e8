using AkkaKv.Protocol;

namespace AkkaKv.Server.PubSub;

/// <summary>
/// One published message as its subscribers receive it: "message", "pmessage" (with the pattern that matched) or
/// "smessage". Told to every subscriber's connection actor; the frame is encoded at most once per protocol, by the first
/// subscriber that needs it, and shared by the others. Immutable once published.
/// </summary>
public sealed class PubSubMessage
{
    private byte[]? _resp2;
    private byte[]? _resp3;

    public PubSubMessage(PubSubKind kind, byte[] channel, byte[] payload, byte[]? pattern = null)
    {
        Kind = kind;
        Channel = channel;
        Payload = payload;
        Pattern = pattern;
    }

    public PubSubKind Kind { get; }
    public byte[] Channel { get; }
    public byte[] Payload { get; }
    /// <summary>The pattern that matched, for <see cref="PubSubKind.Pattern"/>.</summary>
    public byte[]? Pattern { get; }

    /// <summary>The subscription the message was delivered for: the pattern for a pmessage, else the channel.</summary>
    public byte[] Subscription => Pattern ?? Channel;

    /// <summary>The frame for a client speaking <paramref name="protocol"/>: an array under RESP2, a push under RESP3.</summary>
    public byte[] Frame(int protocol)
    {
        ref var slot = ref protocol == 3 ? ref _resp3 : ref _resp2;
        var frame = Volatile.Read(ref slot);
        if (frame is not null) return frame;
        // Two threads may encode at once; both frames are equal, one is kept.
        return Interlocked.CompareExchange(ref slot, Encode(protocol), null) ?? slot;
    }

    private byte[] Encode(int protocol)
    {
        using var writer = new RespWriter(Channel.Length + Payload.Length + (Pattern?.Length ?? 0) + 64) { Protocol = protocol };
        writer.WritePushHeader(Pattern is null ? 3 : 4);
        writer.WriteBulk(Kind switch
        {
            PubSubKind.Pattern => "pmessage"u8,
            PubSubKind.Shard => "smessage"u8,
            _ => "message"u8,
        });
        if (Pattern is not null) writer.WriteBulk(Pattern);
        writer.WriteBulk(Channel);
        writer.WriteBulk(Payload);
        return writer.WrittenSpan.ToArray();
    }
}
