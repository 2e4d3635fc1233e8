using System.Globalization;
using System.Text;
using AkkaKv.Protocol;
using AkkaKv.Server.Info;
using AkkaKv.Server.Sessions;
using AkkaKv.Storage;
using static AkkaKv.Server.Commands.ArgParsing;

namespace AkkaKv.Server.Commands;

/// <summary>Server commands (Redis's server.c, db.c, debug.c): the table entries first, then the handlers.</summary>
public static class ServerCommands
{
    private const string Group = "server";
    private const CommandFlags AdminFlags = CommandFlags.Admin | CommandFlags.NoScript | CommandFlags.Loading | CommandFlags.Stale;

    internal static IEnumerable<CommandDefinition> Definitions =>
    [
        Define.AllShards("dbsize", 1, CommandFlags.ReadOnly | CommandFlags.Fast, Group, "Returns the number of keys in the database.", DbSize, "1.0.0", "O(1)", aclCategory: "@keyspace"),
        Define.AllShards("flushdb", -1, CommandFlags.Write, Group, "Remove all keys from the current database.", FlushDb, aclCategory: "@keyspace"),
        Define.AllShards("flushall", -1, CommandFlags.Write, Group, "Removes all keys from all databases.", FlushAll, aclCategory: "@keyspace"),
        Define.AllShards("swapdb", 3, CommandFlags.Write | CommandFlags.Fast, Group, "Swaps two Redis databases.", SwapDb, "4.0.0", "O(N) where N is the count of clients watching or blocking on keys from both databases.", aclCategory: "@keyspace"),
        Define.Session("info", -1, CommandFlags.Loading | CommandFlags.Stale, Group, "Returns information and statistics about the server.", Info),
        Define.Session("time", 1, CommandFlags.Loading | CommandFlags.Stale | CommandFlags.Fast, Group, "Returns the server time.", Time, "2.6.0"),
        Define.Session("lastsave", 1, CommandFlags.Loading | CommandFlags.Stale | CommandFlags.Fast, Group, "Returns the Unix timestamp of the last successful save to disk.", LastSave),
        Define.Session("shutdown", -1, AdminFlags | CommandFlags.AllowBusy, Group, "Synchronously saves the database(s) to disk and shuts down the Redis server.", Shutdown),
        Define.Session("monitor", 1, AdminFlags, Group, "Listens for all requests received by the server in real-time.", Monitor, "1.0.0"),
        Define.Container("config", Group, "A container for server configuration commands.", "2.0.0",
            Define.Session("get", -3, AdminFlags, Group, "Returns the effective values of configuration parameters.", ConfigGet, "2.0.0", "O(N) when N is the number of configuration parameters provided"),
            Define.Session("set", -4, AdminFlags, Group, "Sets configuration parameters in-flight.", ConfigSet, "2.0.0", "O(N) when N is the number of configuration parameters provided"),
            Define.Session("resetstat", 2, AdminFlags, Group, "Resets the server's statistics.", ConfigResetStat, "2.0.0"),
            Define.Session("rewrite", 2, AdminFlags, Group, "Persists the effective configuration to file.", ConfigRewrite, "2.8.0"),
            Define.Session("help", 2, CommandFlags.Loading | CommandFlags.Stale, Group, "Returns helpful text about the different subcommands.", (s, a, r) => Help.Write(r, "CONFIG", ConfigHelp), "5.0.0")),
        Define.Container("debug", Group, "A container for debugging commands.", "1.0.0", subcommandSyntaxErrors: true,
            Define.AllShards("sleep", 3, AdminFlags, Group, "Blocks the whole server for the given number of seconds.", DebugSleep),
            Define.Session("set-active-expire", 3, AdminFlags, Group, "Turns the active expiry cycle on (1) or off (0).", DebugSetActiveExpire),
            Define.Keyed("object", 3, AdminFlags, 2, 2, 1, Group, "Shows low-level information about a key.", DebugObject),
            Define.AllShards("digest", 2, AdminFlags, Group, "Returns a digest of the whole dataset, equal on two nodes exactly when their data is equal.", DebugDigest),
            Define.Keyed("digest-value", -2, AdminFlags | CommandFlags.NoMandatoryKeys, 2, -1, 1, Group, "Returns a digest of the value of each key.", DebugDigestValue),
            Define.Session("help", 2, CommandFlags.Loading | CommandFlags.Stale, Group, "Returns helpful text about the different subcommands.", (s, a, r) => Help.Write(r, "DEBUG", DebugHelp))),
    ];

    private static readonly string[] ConfigHelp =
    [
        "GET <pattern>",
        "    Return parameters matching the glob-like <pattern> and their values.",
        "SET <directive> <value>",
        "    Set the configuration <directive> to <value>.",
        "RESETSTAT",
        "    Reset statistics reported by the INFO command.",
        "REWRITE",
        "    Rewrite the configuration file.",
    ];

    private static readonly string[] DebugHelp =
    [
        "DIGEST",
        "    Output a hex signature representing the current DB content.",
        "DIGEST-VALUE <key> [<key> ...]",
        "    Output a hex signature of the values of all the specified keys.",
        "OBJECT <key>",
        "    Show low level info about the `key` and associated value.",
        "SET-ACTIVE-EXPIRE <0|1>",
        "    Setting it to 0 disables expiring keys in background when they are not accessed (otherwise the Redis behavior). Setting it to 1 reenables back the default.",
        "SLEEP <seconds>",
        "    Stop the server for <seconds>. Decimals allowed.",
    ];

    private static void DbSize(CommandContext c)
    {
        long count = 0;
        foreach (var keyspace in c.Keyspaces) count += keyspace[c.DbIndex].Count;
        c.Reply.WriteInteger(count);
    }

    private static bool ValidFlushOption(CommandContext c)
    {
        if (c.ArgCount == 1 || (c.ArgCount == 2 && (Is(c.Arg(1), "ASYNC"u8) || Is(c.Arg(1), "SYNC"u8)))) return true;
        c.SyntaxError();
        return false;
    }

    private static void FlushDb(CommandContext c)
    {
        if (!ValidFlushOption(c)) return;
        c.TouchWatchedKeysIn(c.DbIndex);
        foreach (var keyspace in c.Keyspaces) keyspace[c.DbIndex].Clear();
        c.SignalWaitedKeys(c.DbIndex);
        c.InvalidateAllTrackedKeys();
        c.Reply.WriteOk();
        c.Propagate();
    }

    private static void FlushAll(CommandContext c)
    {
        if (!ValidFlushOption(c)) return;
        for (var db = 0; db < c.Node.Settings.Databases; db++) c.TouchWatchedKeysIn(db);
        foreach (var keyspace in c.Keyspaces) keyspace.FlushAll();
        c.InvalidateAllTrackedKeys();
        for (var db = 0; db < c.Node.Settings.Databases; db++) c.SignalWaitedKeys(db);
        c.Reply.WriteOk();
        c.Propagate();
    }

    private static void SwapDb(CommandContext c)
    {
        if (!TryInteger(c.Arg(1), out var first) || first is < int.MinValue or > int.MaxValue)
        {
            c.Error("ERR invalid first DB index");
            return;
        }
        if (!TryInteger(c.Arg(2), out var second) || second is < int.MinValue or > int.MaxValue)
        {
            c.Error("ERR invalid second DB index");
            return;
        }
        var databases = c.Node.Settings.Databases;
        if (first < 0 || first >= databases || second < 0 || second >= databases)
        {
            c.Error(ErrorReplies.DbIndexOutOfRange);
            return;
        }
        if (first != second)
        {
            c.TouchWatchedKeysIn((int)first, replacedWith: (int)second);
            c.TouchWatchedKeysIn((int)second, replacedWith: (int)first);
            foreach (var keyspace in c.Keyspaces) keyspace.SwapDatabases((int)first, (int)second);
            c.SignalWaitedKeys((int)first);
            c.SignalWaitedKeys((int)second);
        }
        c.Reply.WriteOk();
        c.Propagate();
    }

    private static void Info(ClientSession session, RequestArgs args, RespWriter reply)
    {
        var sections = new List<string>();
        for (var i = 1; i < args.Count; i++) sections.Add(args.ToString(i));
        var text = new InfoBuilder(session.Node).Build(sections);
        reply.WriteVerbatim("txt"u8, Encoding.UTF8.GetBytes(text));
    }

    private static void Time(ClientSession session, RequestArgs args, RespWriter reply)
    {
        var micros = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1000 + DateTime.UtcNow.Microsecond;
        reply.WriteArrayHeader(2);
        reply.WriteBulk(micros / 1_000_000);
        reply.WriteBulk(micros % 1_000_000);
    }

    private static void LastSave(ClientSession session, RequestArgs args, RespWriter reply) =>
        reply.WriteInteger(session.Node.LastSaveUnixSeconds);

    private static void Shutdown(ClientSession session, RequestArgs args, RespWriter reply)
    {
        for (var i = 1; i < args.Count; i++)
        {
            if (Is(args[i], "ABORT"u8))
            {
                session.ReplyError(reply, "ERR No shutdown in progress.");
                return;
            }
            if (!Is(args[i], "NOSAVE"u8) && !Is(args[i], "SAVE"u8) && !Is(args[i], "NOW"u8) && !Is(args[i], "FORCE"u8))
            {
                session.ReplyError(reply, ErrorReplies.Syntax);
                return;
            }
        }
        // As in Redis, a successful SHUTDOWN has no reply: the connection just closes.
        session.CloseAfterReply();
        session.Node.RequestShutdown();
    }

    private static void Monitor(ClientSession session, RequestArgs args, RespWriter reply)
    {
        session.EnterMonitorMode();
        reply.WriteOk();
    }

    private static void ConfigGet(ClientSession session, RequestArgs args, RespWriter reply)
    {
        var settings = session.Node.Settings;
        var matches = new List<Config.ConfigParameter>();
        for (var i = 2; i < args.Count; i++)
        {
            var pattern = args[i];
            foreach (var parameter in Config.ConfigParameters.Parameters)
            {
                if (!matches.Contains(parameter) && GlobPattern.IsMatch(pattern, Encoding.UTF8.GetBytes(parameter.Name), ignoreCase: true))
                    matches.Add(parameter);
            }
        }
        reply.WriteMapHeader(matches.Count);
        foreach (var parameter in matches)
        {
            reply.WriteBulk(parameter.Name);
            reply.WriteBulk(parameter.Get(settings));
        }
    }

    private static void ConfigSet(ClientSession session, RequestArgs args, RespWriter reply)
    {
        if ((args.Count - 2) % 2 != 0)
        {
            session.ReplyError(reply, ErrorReplies.Syntax);
            return;
        }
        var settings = session.Node.Settings;
        var changes = new List<(Config.ConfigParameter Parameter, string Value)>();
        for (var i = 2; i < args.Count; i += 2)
        {
            var name = args.ToString(i);
            var parameter = Config.ConfigParameters.Find(name);
            if (parameter is null)
            {
                session.ReplyError(reply, $"ERR Unknown option or number of arguments for CONFIG SET - '{name}'");
                return;
            }
            if (changes.Any(c => c.Parameter == parameter))
            {
                session.ReplyError(reply, $"ERR CONFIG SET failed (possibly related to argument '{name}') - duplicate parameter");
                return;
            }
            changes.Add((parameter, args.ToString(i + 1)));
        }
        // All or nothing: remember the old values and restore them if any change is refused.
        var applied = new List<(Config.ConfigParameter Parameter, string Old)>();
        foreach (var (parameter, value) in changes)
        {
            var old = parameter.Get(settings);
            try
            {
                parameter.Set(settings, value);
                applied.Add((parameter, old));
            }
            catch (FormatException e)
            {
                foreach (var (p, o) in applied) p.Set(settings, o);
                session.ReplyError(reply, $"ERR CONFIG SET failed (possibly related to argument '{parameter.Name}') - {e.Message}");
                return;
            }
        }
        reply.WriteOk();
    }

    private static void ConfigResetStat(ClientSession session, RequestArgs args, RespWriter reply)
    {
        session.Node.Stats.Reset();
        reply.WriteOk();
    }

    private static void ConfigRewrite(ClientSession session, RequestArgs args, RespWriter reply)
    {
        var settings = session.Node.Settings;
        if (settings.ConfigFile is null)
        {
            session.ReplyError(reply, ErrorReplies.NoConfigFile);
            return;
        }
        try
        {
            Config.ConfigRewriter.Rewrite(settings);
            reply.WriteOk();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or AkkaKv.Hocon.HoconParseException)
        {
            session.ReplyError(reply, $"ERR Rewriting config file: {e.Message}");
        }
    }

    private static void DebugSleep(CommandContext c)
    {
        if (!TryDouble(c.Arg(2), out var seconds) || double.IsNaN(seconds) || seconds < 0)
        {
            c.Error(ErrorReplies.NotFloat);
            return;
        }
        // Every shard is parked for this command, so the whole keyspace pauses, as DEBUG SLEEP pauses Redis.
        Thread.Sleep(TimeSpan.FromSeconds(Math.Min(seconds, int.MaxValue / 1000.0)));
        c.Reply.WriteOk();
    }

    private static void DebugSetActiveExpire(ClientSession session, RequestArgs args, RespWriter reply)
    {
        if (!TryInteger(args[2], out var value))
        {
            session.ReplyError(reply, ErrorReplies.NotInteger);
            return;
        }
        session.Node.Settings.ActiveExpireEnabled = value != 0;
        reply.WriteOk();
    }

    private static void DebugObject(CommandContext c)
    {
        var key = c.Arg(2);
        var entry = c.Db(key).Lookup(key, c.NowMs, touch: false);
        if (entry is null)
        {
            c.Error(ErrorReplies.NoSuchKey);
            return;
        }
        var encoding = entry.Value is byte[] ? Encoding.ASCII.GetString(StringValue.Encoding(entry)) : "unknown";
        var length = entry.Value is byte[] bytes ? bytes.Length : 0;
        var idle = Math.Max(0, (c.NowMs - entry.LastAccessMs) / 1000);
        c.Reply.WriteSimpleString(string.Create(CultureInfo.InvariantCulture,
            $"Value at:0x{entry.GetHashCode():x} refcount:1 encoding:{encoding} serializedlength:{length} lru:{(entry.LastAccessMs / 1000) & 0xFFFFFF} lru_seconds_idle:{idle}"));
    }

    /// <summary>Redis's dataset digest: per non-empty database, in index order, its index and the XOR of its keys' digests.</summary>
    private static void DebugDigest(CommandContext c)
    {
        Span<byte> dataset = stackalloc byte[KeyDigest.Length];
        Span<byte> keys = stackalloc byte[KeyDigest.Length];
        for (var db = 0; db < c.Node.Settings.Databases; db++)
        {
            keys.Clear();
            var any = false;
            foreach (var keyspace in c.Keyspaces)
            {
                var database = keyspace[db];
                if (database.Count == 0) continue;
                // Partitions combine by plain XOR: together they are the database Redis would digest.
                var partition = KeyDigest.OfKeys(database);
                for (var i = 0; i < keys.Length; i++) keys[i] ^= partition[i];
                any = true;
            }
            if (any) KeyDigest.MixDatabase(dataset, db, keys);
        }
        c.Reply.WriteSimpleString(Convert.ToHexString(dataset).ToLowerInvariant());
    }

    private static void DebugDigestValue(CommandContext c)
    {
        c.Reply.WriteArrayHeader(c.ArgCount - 2);
        for (var i = 2; i < c.ArgCount; i++)
        {
            var key = c.Arg(i);
            var entry = c.Db(key).Lookup(key, c.NowMs, touch: false);
            var digest = entry is null ? new byte[20] : KeyDigest.OfValue(entry);
            c.Reply.WriteSimpleString(Convert.ToHexString(digest).ToLowerInvariant());
        }
    }
}
