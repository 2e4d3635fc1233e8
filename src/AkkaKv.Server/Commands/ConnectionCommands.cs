using System.Text;
using AkkaKv.Protocol;
using AkkaKv.Server.Sessions;
using static AkkaKv.Server.Commands.ArgParsing;

namespace AkkaKv.Server.Commands;

/// <summary>Connection commands: they act on the session, so they run on its I/O thread.</summary>
public static class ConnectionCommands
{
    private const string Group = "connection";
    private const CommandFlags Fast = CommandFlags.Fast;
    private const CommandFlags Handshake = CommandFlags.NoScript | CommandFlags.Loading | CommandFlags.Stale | CommandFlags.Fast | CommandFlags.NoAuth;

    /// <summary>The Redis version AkkaKv's behaviour follows, reported by HELLO and INFO.</summary>
    public const string RedisVersion = "7.2.4";

    internal static IEnumerable<CommandDefinition> Definitions =>
    [
        Define.Session("ping", -1, Fast, Group, "Returns the server's liveliness response.", Ping),
        Define.Session("echo", 2, Fast, Group, "Returns the given string.", Echo),
        Define.Session("hello", -1, Handshake | CommandFlags.AllowBusy, Group, "Handshakes with the Redis server.", Hello, "6.0.0"),
        Define.Session("auth", -2, Handshake | CommandFlags.AllowBusy, Group, "Authenticates the connection.", Auth),
        Define.Session("select", 2, CommandFlags.Loading | CommandFlags.Stale | Fast, Group, "Changes the selected database.", Select),
        Define.Session("quit", -1, CommandFlags.AllowBusy | CommandFlags.NoAuth | CommandFlags.Loading | CommandFlags.Stale | Fast, Group, "Closes the connection.", Quit),
        Define.Session("reset", 1, CommandFlags.NoScript | CommandFlags.Loading | CommandFlags.Stale | Fast | CommandFlags.NoAuth | CommandFlags.AllowBusy, Group, "Resets the connection.", Reset, "6.2.0"),
        ClientCommands.Definition,
    ];

    private static void Ping(ClientSession session, RequestArgs args, RespWriter reply)
    {
        if (args.Count > 2) session.ReplyError(reply, ErrorReplies.WrongArity("ping"));
        else if (session.IsSubscribed && reply.Protocol == 2) PubSubCommands.WriteSubscribedPong(args, reply);
        else if (args.Count == 2) reply.WriteBulk(args[1]);
        else reply.WriteSimpleString("PONG"u8);
    }

    private static void Echo(ClientSession session, RequestArgs args, RespWriter reply) => reply.WriteBulk(args[1]);

    private static void Hello(ClientSession session, RequestArgs args, RespWriter reply)
    {
        var protocol = session.Protocol;
        var next = 1;
        if (args.Count >= 2)
        {
            if (!TryInteger(args[1], out var version))
            {
                session.ReplyError(reply, "ERR Protocol version is not an integer or out of range");
                return;
            }
            if (version is < 2 or > 3)
            {
                session.ReplyError(reply, ErrorReplies.NoProto);
                return;
            }
            protocol = (int)version;
            next = 2;
        }
        string? name = null;
        for (var i = next; i < args.Count; i++)
        {
            var more = args.Count - i - 1;
            if (Is(args[i], "AUTH"u8) && more >= 2)
            {
                if (!TryAuthenticate(session, args[i + 1], args[i + 2], reply)) return;
                i += 2;
            }
            else if (Is(args[i], "SETNAME"u8) && more >= 1)
            {
                name = args.ToString(i + 1);
                if (!ClientCommands.IsValidName(name))
                {
                    session.ReplyError(reply, ClientCommands.InvalidNameError);
                    return;
                }
                i++;
            }
            else
            {
                session.ReplyError(reply, $"ERR Syntax error in HELLO option '{args.ToString(i)}'");
                return;
            }
        }
        if (!session.Authenticated)
        {
            session.ReplyError(reply, "NOAUTH HELLO must be called with the client already authenticated, otherwise the HELLO <proto> AUTH <user> <pass> option can be used to authenticate the client and select the RESP protocol version at the same time");
            return;
        }
        if (name is not null) session.Name = name;
        session.Protocol = protocol;
        reply.Protocol = protocol;
        reply.WriteMapHeader(7);
        reply.WriteBulk("server"u8);
        reply.WriteBulk("redis"u8);
        reply.WriteBulk("version"u8);
        reply.WriteBulk(RedisVersion);
        reply.WriteBulk("proto"u8);
        reply.WriteInteger(protocol);
        reply.WriteBulk("id"u8);
        reply.WriteInteger(session.Id);
        reply.WriteBulk("mode"u8);
        reply.WriteBulk(session.Node.Router.Enabled ? "cluster"u8 : "standalone"u8);
        reply.WriteBulk("role"u8);
        reply.WriteBulk("master"u8);
        reply.WriteBulk("modules"u8);
        reply.WriteArrayHeader(0);
    }

    private static void Auth(ClientSession session, RequestArgs args, RespWriter reply)
    {
        if (args.Count > 3)
        {
            session.ReplyError(reply, ErrorReplies.Syntax);
            return;
        }
        if (args.Count == 2 && session.Node.Settings.RequirePass.Length == 0)
        {
            session.ReplyError(reply, ErrorReplies.AuthNotConfigured);
            return;
        }
        var user = args.Count == 3 ? args[1] : "default"u8;
        if (TryAuthenticate(session, user, args[args.Count - 1], reply)) reply.WriteOk();
    }

    /// <summary>The default user is the only user: any password works when none is configured.</summary>
    private static bool TryAuthenticate(ClientSession session, ReadOnlySpan<byte> user, ReadOnlySpan<byte> password, RespWriter reply)
    {
        var required = session.Node.Settings.RequirePass;
        var ok = user.SequenceEqual("default"u8)
            && (required.Length == 0 || FixedTimeEquals(password, Encoding.UTF8.GetBytes(required)));
        if (!ok)
        {
            session.ReplyError(reply, ErrorReplies.WrongPass);
            return false;
        }
        session.Authenticated = true;
        return true;
    }

    private static bool FixedTimeEquals(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b) =>
        System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(a, b);

    private static void Select(ClientSession session, RequestArgs args, RespWriter reply)
    {
        if (!TryInteger(args[1], out var index) || index is < int.MinValue or > int.MaxValue)
        {
            session.ReplyError(reply, ErrorReplies.NotInteger);
            return;
        }
        if (index < 0 || index >= session.Node.Settings.Databases)
        {
            session.ReplyError(reply, ErrorReplies.DbIndexOutOfRange);
            return;
        }
        session.Database = (int)index;
        reply.WriteOk();
    }

    private static void Quit(ClientSession session, RequestArgs args, RespWriter reply)
    {
        reply.WriteOk();
        session.CloseAfterReply();
    }

    private static void Reset(ClientSession session, RequestArgs args, RespWriter reply)
    {
        session.ResetState();
        reply.Protocol = 2;
        reply.WriteSimpleString("RESET"u8);
    }
}
