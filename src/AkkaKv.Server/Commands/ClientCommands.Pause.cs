using AkkaKv.Protocol;
using AkkaKv.Server.Sessions;
using static AkkaKv.Server.Commands.ArgParsing;

namespace AkkaKv.Server.Commands;

// CLIENT PAUSE and UNPAUSE: the pause itself lives in ClientPause, the waiting in each client's session.
public static partial class ClientCommands
{
    /// <summary>CLIENT PAUSE timeout-ms [WRITE|ALL] (ALL by default); the mode is read before the timeout, as in Redis.</summary>
    private static void Pause(ClientSession session, RequestArgs args, RespWriter reply)
    {
        if (args.Count > 4)
        {
            session.ReplyError(reply, ErrorReplies.SubcommandSyntax(args.ToString(1), "CLIENT"));
            return;
        }
        var all = true;
        if (args.Count == 4)
        {
            if (Is(args[3], "WRITE"u8)) all = false;
            else if (!Is(args[3], "ALL"u8))
            {
                session.ReplyError(reply, "ERR CLIENT PAUSE mode must be WRITE or ALL");
                return;
            }
        }
        if (!TryInteger(args[2], out var timeout))
        {
            session.ReplyError(reply, "ERR timeout is not an integer or out of range");
            return;
        }
        if (timeout < 0)
        {
            session.ReplyError(reply, "ERR timeout is negative");
            return;
        }
        var now = NodeState.NowMs();
        if (timeout > long.MaxValue - now)
        {
            session.ReplyError(reply, "ERR timeout is out of range");
            return;
        }
        // Redis turns the timeout into an end time; 0 stays 0, a time long past, which pauses nothing.
        session.Node.Pause.Pause(timeout == 0 ? 0 : now + timeout, all);
        reply.WriteOk();
    }

    private static void Unpause(ClientSession session, RequestArgs args, RespWriter reply)
    {
        session.Node.Pause.Unpause();
        reply.WriteOk();
    }
}
