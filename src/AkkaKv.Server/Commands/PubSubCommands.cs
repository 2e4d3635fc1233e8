using AkkaKv.Protocol;
using AkkaKv.Server.PubSub;
using AkkaKv.Server.Sessions;
using AkkaKv.Storage;

namespace AkkaKv.Server.Commands;

/// <summary>
/// Pub/Sub (Redis's pubsub.c). Subscriptions are connection state, so (un)subscribing runs in the session; PUBLISH too,
/// as its channel is no key. SPUBLISH's shard channel is its key: it is routed by slot like a key and publishes from
/// the shard owning it. The node-wide <see cref="PubSubRegistry"/> delivers to subscribers on every I/O thread.
/// </summary>
public static class PubSubCommands
{
    private const string Group = "pubsub";
    private const CommandFlags Subscribing = CommandFlags.PubSub | CommandFlags.NoScript | CommandFlags.Loading | CommandFlags.Stale;
    // May replicate (Redis propagates publications): CLIENT PAUSE WRITE holds them.
    private const CommandFlags Publishing = CommandFlags.PubSub | CommandFlags.Loading | CommandFlags.Stale | CommandFlags.Fast | CommandFlags.MayReplicate;
    private const CommandFlags Inspecting = CommandFlags.PubSub | CommandFlags.Loading | CommandFlags.Stale;

    internal static IEnumerable<CommandDefinition> Definitions =>
    [
        Define.Session("subscribe", -2, Subscribing, Group, "Listens for messages published to channels.", Subscribe,
            "2.0.0", "O(N) where N is the number of channels to subscribe to."),
        Define.Session("unsubscribe", -1, Subscribing, Group, "Stops listening to messages posted to channels.", Unsubscribe,
            "2.0.0", "O(N) where N is the number of channels to unsubscribe."),
        Define.Session("psubscribe", -2, Subscribing, Group, "Listens for messages published to channels that match one or more patterns.",
            PSubscribe, "2.0.0", "O(N) where N is the number of patterns to subscribe to."),
        Define.Session("punsubscribe", -1, Subscribing, Group, "Stops listening to messages published to channels that match one or more patterns.",
            PUnsubscribe, "2.0.0", "O(N) where N is the number of patterns to unsubscribe."),
        Define.Session("publish", 3, Publishing, Group, "Posts a message to a channel.", Publish, "2.0.0",
            "O(N+M) where N is the number of clients subscribed to the receiving channel and M is the total number of subscribed patterns (by any client)."),
        ShardChannelCommand("ssubscribe", -2, "Listens for messages published to shard channels.", SSubscribe,
            "O(N) where N is the number of shard channels to subscribe to."),
        ShardChannelCommand("sunsubscribe", -1, "Stops listening to messages posted to shard channels.", SUnsubscribe,
            "O(N) where N is the number of shard channels to unsubscribe."),
        Define.Keyed("spublish", 3, Publishing, 1, 1, 1, Group, "Post a message to a shard channel", SPublish, "7.0.0",
            "O(N) where N is the number of clients subscribed to the receiving shard channel."),
        Define.Container("pubsub", Group, "A container for Pub/Sub commands.", "2.8.0",
            Define.Session("channels", -2, Inspecting, Group, "Returns the active channels.", Channels, "2.8.0",
                "O(N) where N is the number of active channels, and assuming constant time pattern matching (relatively short channels and patterns)"),
            Define.Session("numpat", 2, Inspecting, Group, "Returns a count of unique pattern subscriptions.", NumPat, "2.8.0"),
            Define.Session("numsub", -2, Inspecting, Group, "Returns a count of subscribers to channels.", NumSub, "2.8.0",
                "O(N) for the NUMSUB subcommand, where N is the number of requested channels"),
            Define.Session("shardchannels", -2, Inspecting, Group, "Returns the active shard channels.", ShardChannels, "7.0.0",
                "O(N) where N is the number of active shard channels, and assuming constant time pattern matching (relatively short shard channels)."),
            Define.Session("shardnumsub", -2, Inspecting, Group, "Returns the count of subscribers of shard channels.", ShardNumSub, "7.0.0",
                "O(N) for the SHARDNUMSUB subcommand, where N is the number of requested shard channels"),
            Define.Session("help", 2, CommandFlags.Loading | CommandFlags.Stale, Group, "Returns helpful text about the different subcommands.",
                (s, a, r) => Help.Write(r, "PUBSUB", HelpLines), "6.2.0")),
    ];

    private static readonly string[] HelpLines =
    [
        "CHANNELS [<pattern>]",
        "    Return the currently active channels matching a <pattern> (default: '*').",
        "NUMPAT",
        "    Return number of subscriptions to patterns.",
        "NUMSUB [<channel> ...]",
        "    Return the number of subscribers for the specified channels, excluding",
        "    pattern subscriptions(default: no channels).",
        "SHARDCHANNELS [<pattern>]",
        "    Return the currently active shard level channels matching a <pattern> (default: '*').",
        "SHARDNUMSUB [<shardchannel> ...]",
        "    Return the number of subscribers for the specified shard level channel(s)",
    ];

    /// <summary>
    /// SSUBSCRIBE and SUNSUBSCRIBE change the session but name shard channels, which COMMAND reports as their keys
    /// (first 1, last -1): a cluster redirects them by slot as it does keys.
    /// </summary>
    private static CommandDefinition ShardChannelCommand(string name, int arity, string summary, SessionCommandHandler handler, string complexity) =>
        new()
        {
            Name = name, Arity = arity, Flags = Subscribing, FirstKey = 1, LastKey = -1, KeyStep = 1, Group = Group,
            Summary = summary, Since = "7.0.0", Complexity = complexity, Routing = CommandRouting.Session, ExecuteInSession = handler,
        };

    private static void Subscribe(ClientSession session, RequestArgs args, RespWriter reply) =>
        SubscribeGeneric(session, args, reply, PubSubKind.Channel);

    private static void PSubscribe(ClientSession session, RequestArgs args, RespWriter reply) =>
        SubscribeGeneric(session, args, reply, PubSubKind.Pattern);

    private static void SSubscribe(ClientSession session, RequestArgs args, RespWriter reply)
    {
        // EXEC's clients may not block; Redis lets the classic SUBSCRIBE through for compatibility, not this one.
        if (session.InMulti)
        {
            session.ReplyError(reply, ErrorReplies.SSubscribeDenyBlocking);
            return;
        }
        if (RedirectBySlot(session, args, reply)) return;
        SubscribeGeneric(session, args, reply, PubSubKind.Shard);
    }

    private static void SubscribeGeneric(ClientSession session, RequestArgs args, RespWriter reply, PubSubKind kind)
    {
        for (var i = 1; i < args.Count; i++) session.Subscribe(kind, args[i], reply);
    }

    private static void Unsubscribe(ClientSession session, RequestArgs args, RespWriter reply) =>
        UnsubscribeGeneric(session, args, reply, PubSubKind.Channel);

    private static void PUnsubscribe(ClientSession session, RequestArgs args, RespWriter reply) =>
        UnsubscribeGeneric(session, args, reply, PubSubKind.Pattern);

    private static void SUnsubscribe(ClientSession session, RequestArgs args, RespWriter reply)
    {
        if (RedirectBySlot(session, args, reply)) return;
        UnsubscribeGeneric(session, args, reply, PubSubKind.Shard);
    }

    private static void UnsubscribeGeneric(ClientSession session, RequestArgs args, RespWriter reply, PubSubKind kind)
    {
        if (args.Count == 1)
        {
            session.UnsubscribeAll(kind, reply);
            return;
        }
        for (var i = 1; i < args.Count; i++) session.Unsubscribe(kind, args[i], reply);
    }

    private static void Publish(ClientSession session, RequestArgs args, RespWriter reply) =>
        reply.WriteInteger(session.Node.PubSub.Publish(PubSubKind.Channel, args[1], args[2]));

    private static void SPublish(CommandContext c) =>
        c.Reply.WriteInteger(c.Node.PubSub.Publish(PubSubKind.Shard, c.Arg(1), c.Arg(2)));

    /// <summary>In a cluster, shard channels in different slots are refused and a slot served elsewhere is redirected, as for keys.</summary>
    private static bool RedirectBySlot(ClientSession session, RequestArgs args, RespWriter reply)
    {
        if (!session.Node.Router.Enabled || args.Count < 2) return false;
        var slot = HashSlot.Of(args[1]);
        for (var i = 2; i < args.Count; i++)
        {
            if (HashSlot.Of(args[i]) == slot) continue;
            session.ReplyError(reply, ErrorReplies.CrossSlot);
            return true;
        }
        if (session.Node.Router.RedirectFor(slot) is not { } target) return false;
        session.ReplyError(reply, $"MOVED {slot} {target}");
        return true;
    }

    /// <summary>PING of a RESP2 client in subscribed mode: ["pong", message or ""], as Redis's pingCommand answers it.</summary>
    internal static void WriteSubscribedPong(RequestArgs args, RespWriter reply)
    {
        reply.WriteArrayHeader(2);
        reply.WriteBulk("pong"u8);
        reply.WriteBulk(args.Count == 2 ? args[1] : []);
    }

    private static void Channels(ClientSession session, RequestArgs args, RespWriter reply) =>
        ChannelsGeneric(session, args, reply, PubSubKind.Channel);

    private static void ShardChannels(ClientSession session, RequestArgs args, RespWriter reply) =>
        ChannelsGeneric(session, args, reply, PubSubKind.Shard);

    private static void ChannelsGeneric(ClientSession session, RequestArgs args, RespWriter reply, PubSubKind kind)
    {
        if (args.Count > 3)
        {
            session.ReplyError(reply, ErrorReplies.SubcommandSyntax(args.ToString(1), "PUBSUB"));
            return;
        }
        var channels = session.Node.PubSub.ActiveChannels(kind, args.Count == 3 ? args.ToArray(2) : null);
        reply.WriteArrayHeader(channels.Count);
        foreach (var channel in channels) reply.WriteBulk(channel);
    }

    private static void NumSub(ClientSession session, RequestArgs args, RespWriter reply) =>
        NumSubGeneric(session, args, reply, PubSubKind.Channel);

    private static void ShardNumSub(ClientSession session, RequestArgs args, RespWriter reply) =>
        NumSubGeneric(session, args, reply, PubSubKind.Shard);

    /// <summary>A flat array of channel, count pairs under both protocols, as Redis replies it.</summary>
    private static void NumSubGeneric(ClientSession session, RequestArgs args, RespWriter reply, PubSubKind kind)
    {
        reply.WriteArrayHeader((args.Count - 2) * 2);
        for (var i = 2; i < args.Count; i++)
        {
            reply.WriteBulk(args[i]);
            reply.WriteInteger(session.Node.PubSub.SubscriberCount(kind, args[i]));
        }
    }

    private static void NumPat(ClientSession session, RequestArgs args, RespWriter reply) =>
        reply.WriteInteger(session.Node.PubSub.PatternCount);
}
