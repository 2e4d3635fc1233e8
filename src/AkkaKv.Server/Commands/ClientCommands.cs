using System.Globalization;
using System.Text;
using AkkaKv.Protocol;
using AkkaKv.Server.Networking;
using AkkaKv.Server.Sessions;
using static AkkaKv.Server.Commands.ArgParsing;

namespace AkkaKv.Server.Commands;

/// <summary>The CLIENT container and its subcommands.</summary>
public static partial class ClientCommands
{
    private const string Group = "connection";
    private const CommandFlags Flags = CommandFlags.NoScript | CommandFlags.Loading | CommandFlags.Stale;
    internal const string InvalidNameError = "ERR Client names cannot contain spaces, newlines or special characters.";

    internal static CommandDefinition Definition => Define.Container("client", Group, "A container for client connection commands.", "2.4.0",
        Define.Session("id", 2, Flags, Group, "Returns the unique client ID of the connection.", Id, "5.0.0"),
        Define.Session("getname", 2, Flags, Group, "Returns the name of the connection.", GetName, "2.6.9"),
        Define.Session("setname", 3, Flags, Group, "Sets the connection name.", SetName, "2.6.9"),
        Define.Session("list", -2, Flags | CommandFlags.Admin, Group, "Lists open connections.", List, "2.4.0", "O(N)"),
        Define.Session("info", 2, Flags, Group, "Returns information about the connection.", Info, "6.2.0"),
        Define.Session("kill", -3, Flags | CommandFlags.Admin, Group, "Terminates open connections.", Kill, "2.4.0", "O(N)"),
        Define.Session("no-evict", 3, Flags | CommandFlags.Admin, Group, "Sets the client eviction mode of the connection.", NoEvict, "7.0.0"),
        Define.Session("no-touch", 3, Flags, Group, "Controls whether commands sent by the client affect the LRU/LFU of accessed keys.", NoTouch, "7.2.0"),
        Define.Session("setinfo", 4, Flags, Group, "Sets information specific to the client or connection.", SetInfo, "7.2.0"),
        Define.Session("unblock", -3, Flags | CommandFlags.Admin, Group, "Unblocks a client blocked by a blocking command from a different connection.", Unblock, "5.0.0", "O(log N) where N is the number of client connections"),
        Define.Session("reply", 3, Flags, Group, "Instructs the server whether to reply to commands.", Reply, "3.2.0"),
        Define.Session("pause", -3, Flags | CommandFlags.Admin, Group, "Suspends commands processing.", Pause, "2.9.50"),
        Define.Session("unpause", 2, Flags | CommandFlags.Admin, Group, "Resumes processing commands from paused clients.", Unpause, "6.2.0",
            "O(N) Where N is the number of paused clients"),
        Define.Session("tracking", -3, Flags, Group, "Controls server-assisted client-side caching for the connection.", Tracking, "6.0.0",
            "O(1). Some options may introduce additional complexity."),
        Define.Session("caching", 3, Flags, Group, "Instructs the server whether to track the keys in the next request.", Caching, "6.0.0"),
        Define.Session("getredir", 2, Flags, Group, "Returns the client ID to which the connection's tracking notifications are redirected.",
            GetRedir, "6.0.0"),
        Define.Session("trackinginfo", 2, Flags, Group, "Returns information about server-assisted client-side caching for the connection.",
            TrackingInfo, "6.2.0"),
        Define.Session("help", 2, CommandFlags.Loading | CommandFlags.Stale, Group, "Returns helpful text about the different subcommands.", (s, a, r) => Help.Write(r, "CLIENT", HelpLines), "5.0.0"));

    private static readonly string[] HelpLines =
    [
        "CACHING (YES|NO)",
        "    Enable/disable tracking of the keys for next command in OPTIN/OPTOUT modes.",
        "GETREDIR",
        "    Return the client ID we are redirecting to when tracking is enabled.",
        "GETNAME",
        "    Return the name of the current connection.",
        "ID",
        "    Return the ID of the current connection.",
        "INFO",
        "    Return information about the current client connection.",
        "KILL <ip:port>",
        "    Kill connection made from <ip:port>.",
        "KILL <option> <value> [<option> <value> [...]]",
        "    Kill connections. Options are:",
        "    * ADDR (<ip:port>|<unixsocket>:0)",
        "      Kill connections made from the specified address",
        "    * LADDR (<ip:port>|<unixsocket>:0)",
        "      Kill connections made to specified local address",
        "    * TYPE (NORMAL|MASTER|REPLICA|PUBSUB)",
        "      Kill connections by type.",
        "    * USER <username>",
        "      Kill connections authenticated by <username>.",
        "    * SKIPME (YES|NO)",
        "      Skip killing current connection (default: yes).",
        "    * ID <client-id>",
        "      Kill connections by client id.",
        "    * MAXAGE <maxage>",
        "      Kill connections older than the specified age.",
        "LIST [options ...]",
        "    Return information about client connections. Options:",
        "    * TYPE (NORMAL|MASTER|REPLICA|PUBSUB)",
        "      Return clients of specified type.",
        "NO-EVICT (ON|OFF)",
        "    Protect current client connection from eviction.",
        "NO-TOUCH (ON|OFF)",
        "    Will not touch LRU/LFU stats when this mode is on.",
        "UNPAUSE",
        "    Stop the current client pause, resuming traffic.",
        "PAUSE <timeout> [WRITE|ALL]",
        "    Suspend all, or just write, clients for <timeout> milliseconds.",
        "REPLY (ON|OFF|SKIP)",
        "    Control the replies sent to the current connection.",
        "SETNAME <name>",
        "    Assign the name <name> to the current connection.",
        "UNBLOCK <clientid> [TIMEOUT|ERROR]",
        "    Unblock the specified blocked client.",
        "TRACKING (ON|OFF) [REDIRECT <id>] [BCAST] [PREFIX <prefix> [...]]",
        "         [OPTIN] [OPTOUT] [NOLOOP]",
        "    Control server assisted client side caching.",
        "TRACKINGINFO",
        "    Report tracking status for the current connection.",
        "SETINFO <option> <value>",
        "    Set client meta attr. Options are:",
        "    * LIB-NAME: the client lib name.",
        "    * LIB-VER: the client lib version.",
    ];

    /// <summary>Redis's client type for TYPE filters: a subscribed client is "pubsub" (a monitor stays "normal").</summary>
    private static string TypeName(ClientSession client) => client.IsSubscribed ? "pubsub" : "normal";

    internal static bool IsValidName(string name) => name.All(c => c is >= '!' and <= '~');

    private static void Id(ClientSession session, RequestArgs args, RespWriter reply) => reply.WriteInteger(session.Id);

    private static void GetName(ClientSession session, RequestArgs args, RespWriter reply)
    {
        if (session.Name.Length == 0) reply.WriteNull();
        else reply.WriteBulk(session.Name);
    }

    private static void SetName(ClientSession session, RequestArgs args, RespWriter reply)
    {
        var name = args.ToString(2);
        if (!IsValidName(name))
        {
            session.ReplyError(reply, InvalidNameError);
            return;
        }
        session.Name = name;
        reply.WriteOk();
    }

    private static void List(ClientSession session, RequestArgs args, RespWriter reply)
    {
        IEnumerable<ClientSession> clients = session.Node.Clients.All;
        for (var i = 2; i < args.Count; i++)
        {
            if (Is(args[i], "TYPE"u8) && i + 1 < args.Count)
            {
                var type = args.ToString(++i).ToLowerInvariant();
                if (type is not ("normal" or "master" or "replica" or "slave" or "pubsub"))
                {
                    session.ReplyError(reply, $"ERR Unknown client type '{args.ToString(i)}'");
                    return;
                }
                clients = clients.Where(c => TypeName(c) == type);
            }
            else if (Is(args[i], "ID"u8) && i + 1 < args.Count)
            {
                var ids = new HashSet<long>();
                for (i++; i < args.Count; i++)
                {
                    // Redis refuses what is not a number; an id that cannot exist simply matches no client.
                    if (!TryInteger(args[i], out var id))
                    {
                        session.ReplyError(reply, "ERR Invalid client ID");
                        return;
                    }
                    ids.Add(id);
                }
                clients = clients.Where(c => ids.Contains(c.Id));
            }
            else
            {
                session.ReplyError(reply, ErrorReplies.Syntax);
                return;
            }
        }
        var text = new StringBuilder();
        foreach (var client in clients) text.Append(Describe(client)).Append('\n');
        reply.WriteVerbatim("txt"u8, Encoding.UTF8.GetBytes(text.ToString()));
    }

    private static void Info(ClientSession session, RequestArgs args, RespWriter reply) =>
        reply.WriteVerbatim("txt"u8, Encoding.UTF8.GetBytes(Describe(session) + "\n"));

    /// <summary>One CLIENT LIST line, with Redis 7.2's fields in Redis's order.</summary>
    public static string Describe(ClientSession c)
    {
        var now = NodeState.NowMs();
        var i = CultureInfo.InvariantCulture;
        return string.Create(i,
            $"id={c.Id} addr={c.Connection.RemoteAddress} laddr={c.Connection.LocalAddress} fd=-1 name={c.Name} " +
            $"age={(now - c.CreatedAtMs) / 1000} idle={(now - c.LastInteractionMs) / 1000} flags={c.FlagsText} db={c.Database} " +
            $"sub={c.ChannelSubscriptions} psub={c.PatternSubscriptions} ssub={c.ShardChannelSubscriptions} multi={c.QueuedCommandCount} qbuf={c.QueryBufferLength} qbuf-free=0 argv-mem=0 multi-mem=0 rbs=16384 rbp=0 " +
            $"obl=0 oll=0 omem=0 tot-mem=0 events=r cmd={c.LastCommand} user=default redir={c.Tracking?.RedirectId ?? -1} resp={c.Protocol} " +
            $"lib-name={c.LibraryName} lib-ver={c.LibraryVersion} io-thread={c.Connection.IoThread}");
    }

    /// <summary>CLIENT UNBLOCK id [TIMEOUT|ERROR]: 1 when that client was blocked and now gets the timeout reply (or the UNBLOCKED error).</summary>
    private static void Unblock(ClientSession session, RequestArgs args, RespWriter reply)
    {
        if (!TryInteger(args[2], out var id))
        {
            session.ReplyError(reply, ErrorReplies.NotInteger);
            return;
        }
        if (args.Count > 4)
        {
            session.ReplyError(reply, ErrorReplies.SubcommandSyntax("UNBLOCK", "CLIENT"));
            return;
        }
        var withError = false;
        if (args.Count == 4 && !(Is(args[3], "TIMEOUT"u8) || (withError = Is(args[3], "ERROR"u8))))
        {
            session.ReplyError(reply, ErrorReplies.UnblockReason);
            return;
        }
        var target = session.Node.Clients.Find(id);
        reply.WriteInteger(target is not null && target.TryUnblock(withError) ? 1 : 0);
    }

    /// <summary>
    /// CLIENT KILL addr (even the caller; OK or "No such client"), or CLIENT KILL filter value [filter value ...]: the
    /// clients matching every filter, the caller only with SKIPME no; replies how many. As in Redis the options are read
    /// in order (the first bad one is the error) and a filter given twice keeps its last value.
    /// </summary>
    private static void Kill(ClientSession session, RequestArgs args, RespWriter reply)
    {
        string? address = null, localAddress = null, type = null;
        long id = 0, maxAge = 0;
        var skipMe = args.Count > 3;
        if (args.Count == 3) address = args.ToString(2);
        for (var i = 2; args.Count > 3 && i < args.Count; i += 2)
        {
            var error = i + 1 < args.Count ? ReadKillFilter(args, i, ref address, ref localAddress, ref type, ref id, ref maxAge, ref skipMe) : ErrorReplies.Syntax;
            if (error is null) continue;
            session.ReplyError(reply, error);
            return;
        }
        var killed = 0;
        foreach (var client in session.Node.Clients.All.ToList())
        {
            if ((address is not null && client.Connection.RemoteAddress != address) ||
                (localAddress is not null && client.Connection.LocalAddress != localAddress) ||
                (type is not null && TypeName(client) != type) ||
                (id != 0 && client.Id != id) ||
                (maxAge != 0 && (NodeState.NowMs() - client.CreatedAtMs) / 1000 < maxAge) ||
                (skipMe && client == session))
            {
                continue;
            }
            KillClient(session, client);
            killed++;
        }
        if (args.Count > 3) reply.WriteInteger(killed);
        else if (killed == 0) session.ReplyError(reply, ErrorReplies.NoSuchClient);
        else reply.WriteOk();
    }

    /// <summary>Reads the filter at <paramref name="i"/> and its value; returns the error reply, or null.</summary>
    private static string? ReadKillFilter(RequestArgs args, int i, ref string? address, ref string? localAddress, ref string? type,
        ref long id, ref long maxAge, ref bool skipMe)
    {
        var value = args.ToString(i + 1);
        if (Is(args[i], "ID"u8)) return TryInteger(args[i + 1], out id) && id > 0 ? null : "ERR client-id should be greater than 0";
        if (Is(args[i], "ADDR"u8)) address = value;
        else if (Is(args[i], "LADDR"u8)) localAddress = value;
        else if (Is(args[i], "TYPE"u8))
        {
            type = value.ToLowerInvariant() switch
            {
                "normal" => "normal",
                "pubsub" => "pubsub",
                // No client of this node is a master or a replica: these match none.
                "master" or "replica" or "slave" => "replica",
                _ => null,
            };
            if (type is null) return $"ERR Unknown client type '{value}'";
        }
        // The default user is the only user, and every client's.
        else if (Is(args[i], "USER"u8)) return value == "default" ? null : $"ERR No such user '{value}'";
        else if (Is(args[i], "SKIPME"u8))
        {
            if (Is(args[i + 1], "YES"u8)) skipMe = true;
            else if (Is(args[i + 1], "NO"u8)) skipMe = false;
            else return ErrorReplies.Syntax;
        }
        // MAXAGE (Redis 7.4): clients connected at least this many seconds ago.
        else if (Is(args[i], "MAXAGE"u8)) return TryInteger(args[i + 1], out maxAge) && maxAge >= 0 ? null : ErrorReplies.NotInteger;
        else return ErrorReplies.Syntax;
        return null;
    }

    private static void KillClient(ClientSession session, ClientSession target)
    {
        if (target == session)
        {
            session.CloseAfterReply();
            return;
        }
        // Gone at once, as Redis frees it at once: a second CLIENT KILL (or LIST) must not find it while its
        // connection is still closing on its own thread.
        session.Node.Clients.Remove(target);
        target.Connection.Self.Tell(new ConnectionProtocol.Kill("CLIENT KILL"));
    }

    private static void NoEvict(ClientSession session, RequestArgs args, RespWriter reply) =>
        OnOff(session, args, reply, on => session.NoEvict = on);

    private static void NoTouch(ClientSession session, RequestArgs args, RespWriter reply) =>
        OnOff(session, args, reply, on => session.NoTouch = on);

    private static void OnOff(ClientSession session, RequestArgs args, RespWriter reply, Action<bool> apply)
    {
        if (Is(args[2], "ON"u8)) apply(true);
        else if (Is(args[2], "OFF"u8)) apply(false);
        else
        {
            session.ReplyError(reply, ErrorReplies.Syntax);
            return;
        }
        reply.WriteOk();
    }

    private static void SetInfo(ClientSession session, RequestArgs args, RespWriter reply)
    {
        var value = args.ToString(3);
        var attribute = args.ToString(2).ToLowerInvariant();
        if (attribute is not ("lib-name" or "lib-ver"))
        {
            session.ReplyError(reply, $"ERR Unrecognized option '{args.ToString(2)}'");
            return;
        }
        if (!IsValidName(value) && value.Length > 0)
        {
            session.ReplyError(reply, $"ERR {args.ToString(2)} cannot contain spaces, newlines or special characters.");
            return;
        }
        if (attribute == "lib-name") session.LibraryName = value;
        else session.LibraryVersion = value;
        reply.WriteOk();
    }

    private static void Reply(ClientSession session, RequestArgs args, RespWriter reply)
    {
        if (Is(args[2], "ON"u8))
        {
            session.ReplyMode = ReplyMode.On;
            reply.WriteOk();
        }
        else if (Is(args[2], "OFF"u8)) session.ReplyMode = ReplyMode.Off;
        else if (Is(args[2], "SKIP"u8))
        {
            if (session.ReplyMode != ReplyMode.Off) session.ReplyMode = ReplyMode.Skip;
        }
        else session.ReplyError(reply, ErrorReplies.Syntax);
    }
}
