using AkkaKv.Protocol;
using AkkaKv.Server.Sessions;
using AkkaKv.Server.Tracking;
using static AkkaKv.Server.Commands.ArgParsing;

namespace AkkaKv.Server.Commands;

// CLIENT TRACKING, CACHING, GETREDIR and TRACKINGINFO: server-assisted client-side caching, checked in Redis's order
// and answered with its texts.
public static partial class ClientCommands
{
    private static void Tracking(ClientSession session, RequestArgs args, RespWriter reply)
    {
        var options = TrackingOptions.None;
        long redirect = 0;
        var prefixes = new List<byte[]>();
        for (var i = 3; i < args.Count; i++)
        {
            var more = i + 1 < args.Count;
            if (Is(args[i], "REDIRECT"u8) && more)
            {
                if (redirect != 0)
                {
                    session.ReplyError(reply, ErrorReplies.TrackingSingleRedirect);
                    return;
                }
                if (!TryInteger(args[++i], out redirect))
                {
                    session.ReplyError(reply, ErrorReplies.NotInteger);
                    return;
                }
                // The target must exist now, though it may go later (then the redirection is reported broken).
                if (session.Node.Clients.Find(redirect) is null)
                {
                    session.ReplyError(reply, ErrorReplies.TrackingNoSuchRedirect);
                    return;
                }
            }
            else if (Is(args[i], "BCAST"u8)) options |= TrackingOptions.Broadcast;
            else if (Is(args[i], "OPTIN"u8)) options |= TrackingOptions.OptIn;
            else if (Is(args[i], "OPTOUT"u8)) options |= TrackingOptions.OptOut;
            else if (Is(args[i], "NOLOOP"u8)) options |= TrackingOptions.NoLoop;
            else if (Is(args[i], "PREFIX"u8) && more) prefixes.Add(args.ToArray(++i));
            else
            {
                session.ReplyError(reply, ErrorReplies.Syntax);
                return;
            }
        }

        if (Is(args[2], "OFF"u8))
        {
            session.DisableTracking();
            reply.WriteOk();
            return;
        }
        if (!Is(args[2], "ON"u8))
        {
            session.ReplyError(reply, ErrorReplies.Syntax);
            return;
        }
        if (TrackingConflict(session, options, prefixes) is { } error)
        {
            session.ReplyError(reply, error);
            return;
        }
        session.EnableTracking(options, redirect, prefixes);
        reply.WriteOk();
    }

    private static string? TrackingConflict(ClientSession session, TrackingOptions options, List<byte[]> prefixes)
    {
        var broadcast = (options & TrackingOptions.Broadcast) != 0;
        var optIn = (options & TrackingOptions.OptIn) != 0;
        var optOut = (options & TrackingOptions.OptOut) != 0;
        var tracking = session.Tracking is not null;
        var current = session.Tracking?.Options ?? TrackingOptions.None;
        if (!broadcast && prefixes.Count > 0) return ErrorReplies.TrackingPrefixNeedsBroadcast;
        if (tracking && ((current & TrackingOptions.Broadcast) != 0) != broadcast) return ErrorReplies.TrackingBroadcastSwitch;
        if (broadcast && (optIn || optOut)) return ErrorReplies.TrackingOptInOutWithBroadcast;
        if (optIn && optOut) return ErrorReplies.TrackingOptInAndOut;
        if ((optIn && (current & TrackingOptions.OptOut) != 0) || (optOut && (current & TrackingOptions.OptIn) != 0))
        {
            return ErrorReplies.TrackingOptInOutSwitch;
        }
        return broadcast ? PrefixOverlap(session.TrackingPrefixes, prefixes) : null;
    }

    /// <summary>Two prefixes one of which starts the other would report a key twice: Redis refuses them.</summary>
    private static string? PrefixOverlap(IReadOnlyList<byte[]> held, List<byte[]> given)
    {
        static bool Overlap(byte[] a, byte[] b) => a.Length <= b.Length ? b.AsSpan().StartsWith(a) : a.AsSpan().StartsWith(b);
        for (var i = 0; i < given.Count; i++)
        {
            foreach (var existing in held)
            {
                if (Overlap(given[i], existing)) return ErrorReplies.TrackingPrefixOverlap(Quoted(given[i]), Quoted(existing), existing: true);
            }
            for (var j = i + 1; j < given.Count; j++)
            {
                if (Overlap(given[i], given[j])) return ErrorReplies.TrackingPrefixOverlap(Quoted(given[i]), Quoted(given[j]), existing: false);
            }
        }
        return null;
    }

    private static void Caching(ClientSession session, RequestArgs args, RespWriter reply)
    {
        if (session.Tracking is not { Options: var options })
        {
            session.ReplyError(reply, ErrorReplies.CachingNeedsOptInOut);
            return;
        }
        string? error;
        if (Is(args[2], "YES"u8)) error = (options & TrackingOptions.OptIn) != 0 ? null : ErrorReplies.CachingYesNeedsOptIn;
        else if (Is(args[2], "NO"u8)) error = (options & TrackingOptions.OptOut) != 0 ? null : ErrorReplies.CachingNoNeedsOptOut;
        else error = ErrorReplies.Syntax;
        if (error is not null)
        {
            session.ReplyError(reply, error);
            return;
        }
        session.CachingGiven = true;
        reply.WriteOk();
    }

    private static void GetRedir(ClientSession session, RequestArgs args, RespWriter reply) =>
        reply.WriteInteger(session.Tracking?.RedirectId ?? -1);

    private static void TrackingInfo(ClientSession session, RequestArgs args, RespWriter reply)
    {
        var tracking = session.Tracking;
        var flags = new List<string>(4);
        if (tracking is null) flags.Add("off");
        else
        {
            flags.Add("on");
            var options = tracking.Options;
            if ((options & TrackingOptions.Broadcast) != 0) flags.Add("bcast");
            if ((options & TrackingOptions.OptIn) != 0) flags.Add("optin");
            if ((options & TrackingOptions.OptOut) != 0) flags.Add("optout");
            if (session.CachingGiven) flags.Add((options & TrackingOptions.OptIn) != 0 ? "caching-yes" : "caching-no");
            if ((options & TrackingOptions.NoLoop) != 0) flags.Add("noloop");
            if (tracking.RedirectBroken) flags.Add("broken_redirect");
        }
        reply.WriteMapHeader(3);
        reply.WriteBulk("flags"u8);
        reply.WriteSetHeader(flags.Count);
        foreach (var flag in flags) reply.WriteBulk(flag);
        reply.WriteBulk("redirect"u8);
        reply.WriteInteger(tracking?.RedirectId ?? -1);
        reply.WriteBulk("prefixes"u8);
        reply.WriteArrayHeader(session.TrackingPrefixes.Count);
        foreach (var prefix in session.TrackingPrefixes) reply.WriteBulk(prefix);
    }
}
