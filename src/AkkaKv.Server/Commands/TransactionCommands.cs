using AkkaKv.Protocol;
using AkkaKv.Server.Sessions;
using AkkaKv.Server.Transactions;

namespace AkkaKv.Server.Commands;

/// <summary>Redis's multi.c commands: MULTI, EXEC, DISCARD, WATCH, UNWATCH. The queue lives in the session.</summary>
public static class TransactionCommands
{
    private const string Group = "transactions";
    private const CommandFlags Immediate = CommandFlags.NoScript | CommandFlags.Loading | CommandFlags.Stale | CommandFlags.Fast | CommandFlags.AllowBusy;

    internal static IEnumerable<CommandDefinition> Definitions =>
    [
        Define.Session("multi", 1, Immediate, Group, "Starts a transaction.", Multi),
        new()
        {
            Name = "exec", Arity = 1, Flags = CommandFlags.NoScript | CommandFlags.Loading | CommandFlags.Stale | CommandFlags.SkipSlowlog,
            Group = Group, Summary = "Executes all commands in a transaction.", Since = "1.2.0",
            Complexity = "Depends on commands in the transaction", Routing = CommandRouting.Transaction,
        },
        Define.Session("discard", 1, Immediate, Group, "Discards a transaction.", Discard, "2.0.0", "O(N), when N is the number of queued commands"),
        Define.Keyed("watch", -2, Immediate, 1, -1, 1, Group, "Monitors changes to keys to determine the execution of a transaction.", Watch, "2.2.0", "O(1) for every key."),
        Define.Session("unwatch", 1, Immediate, Group, "Forgets about watched keys of a transaction.", Unwatch, "2.2.0"),
    ];

    private static void Multi(ClientSession session, RequestArgs args, RespWriter reply)
    {
        if (session.InMulti)
        {
            session.ReplyError(reply, "ERR MULTI calls can not be nested");
            return;
        }
        session.BeginMulti();
        reply.WriteOk();
    }

    private static void Discard(ClientSession session, RequestArgs args, RespWriter reply)
    {
        if (!session.InMulti)
        {
            session.ReplyError(reply, "ERR DISCARD without MULTI");
            return;
        }
        session.DiscardMulti();
        reply.WriteOk();
    }

    private static void Unwatch(ClientSession session, RequestArgs args, RespWriter reply)
    {
        session.UnwatchAll();
        reply.WriteOk();
    }

    /// <summary>
    /// Registers each key with the shard owning it, noting whether it is already logically expired (then its removal
    /// changes nothing). The session refuses WATCH inside MULTI before it gets here.
    /// </summary>
    private static void Watch(CommandContext c)
    {
        var state = c.Watch!;
        var shards = c.Node.Shards;
        for (var i = 1; i < c.ArgCount; i++)
        {
            var key = c.Arg(i);
            if (state.IsWatching(c.DbIndex, key)) continue;
            var expired = c.Db(key).Peek(key) is { } entry && entry.IsExpiredAt(c.NowMs);
            var watched = new WatchedKey(c.DbIndex, key.ToArray(), expired);
            // Once the client unwatched, registering would leave an entry nobody forgets.
            if (state.TryAdd(watched)) shards.Watches[shards.ShardOf(key)].Add(state, watched);
        }
        c.Reply.WriteOk();
    }
}
