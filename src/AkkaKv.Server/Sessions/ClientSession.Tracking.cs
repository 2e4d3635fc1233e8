using AkkaKv.Protocol;
using AkkaKv.Server.Commands;
using AkkaKv.Server.Tracking;

namespace AkkaKv.Server.Sessions;

// Client-side caching (CLIENT TRACKING): the client's tracking mode, the per-command decision whether the keys it reads
// are remembered, and the invalidations shards send it. An invalidation that arrives while this client's own stage is
// out is written after that stage's replies, as Redis sends a client the invalidations its own command caused after
// the command's reply.
public sealed partial class ClientSession
{
    private volatile TrackingClient? _tracking;
    private List<byte[]>? _trackingPrefixes;
    private bool _tracksReads;
    private Queue<object>? _heldInvalidations;

    /// <summary>The client's tracking state, null when tracking is off. Read by shards from other threads.</summary>
    public TrackingClient? Tracking => _tracking;

    /// <summary>The BCAST prefixes the client tracks (CLIENT TRACKINGINFO).</summary>
    public IReadOnlyList<byte[]> TrackingPrefixes => _trackingPrefixes ?? [];

    /// <summary>
    /// CLIENT CACHING YES (OPTIN) or NO (OPTOUT) was given: it applies to the next command, or to a whole transaction.
    /// </summary>
    public bool CachingGiven { get; set; }

    /// <summary>CLIENT TRACKING ON: starts tracking, or changes the modes of tracking already on (BCAST prefixes add up, as in Redis).</summary>
    public void EnableTracking(TrackingOptions options, long redirectId, IReadOnlyList<byte[]> prefixes)
    {
        if (_tracking is null) _node.Tracking.ClientStarted();
        if ((options & TrackingOptions.Broadcast) != 0)
        {
            _trackingPrefixes ??= [];
            foreach (var prefix in prefixes.Count == 0 ? [Array.Empty<byte>()] : prefixes)
            {
                if (_trackingPrefixes.Exists(p => p.AsSpan().SequenceEqual(prefix))) continue;
                _trackingPrefixes.Add(prefix);
                _node.Tracking.Prefixes.Add(this, prefix);
            }
        }
        _tracking = new TrackingClient(Id, options, redirectId);
    }

    /// <summary>CLIENT TRACKING OFF, RESET and disconnection. Its entries in the table are dropped lazily, as in Redis.</summary>
    public void DisableTracking()
    {
        if (_tracking is null) return;
        if (_trackingPrefixes is not null) _node.Tracking.Prefixes.Remove(this);
        _trackingPrefixes = null;
        _tracking = null;
        CachingGiven = false;
        _node.Tracking.ClientStopped();
    }

    /// <summary>
    /// Before a command is routed: whether the keys it reads are remembered, from the tracking mode and CLIENT CACHING.
    /// The CACHING flag lasts for one command (CLIENT commands aside) or, in MULTI, until the transaction ends.
    /// </summary>
    private void DecideTracking(CommandDefinition command)
    {
        if (_tracking is not { } tracking)
        {
            _tracksReads = false;
            return;
        }
        _tracksReads = !tracking.IsBroadcast && (tracking.Options & (TrackingOptions.OptIn | TrackingOptions.OptOut)) switch
        {
            TrackingOptions.OptIn => CachingGiven,
            TrackingOptions.OptOut => !CachingGiven,
            _ => true,
        };
        var inTransaction = InMulti || command.FullName == "multi";
        var endsTransaction = command.Routing == CommandRouting.Transaction || command.FullName == "discard";
        if (CachingGiven && command.Parent?.Name != "client" && (!inTransaction || endsTransaction)) CachingGiven = false;
    }

    /// <summary>The connection passes on the <see cref="TrackingProtocol"/> messages shards tell this client.</summary>
    public void OnTrackingMessage(object message)
    {
        // Only replies still out can be overtaken: a client blocked or held by a pause has none to wait for.
        if (_pending > 0 && _blocked is null)
        {
            (_heldInvalidations ??= new Queue<object>()).Enqueue(message);
            return;
        }
        WriteTrackingMessage(message, _connection.Output);
    }

    private void ReleaseHeldInvalidations(RespWriter output)
    {
        if (_heldInvalidations is not { } held) return;
        while (held.TryDequeue(out var message)) WriteTrackingMessage(message, output);
    }

    /// <summary>
    /// Redis's sendTrackingMessage: a push under RESP3; under RESP2 only a redirected invalidation to a subscribed
    /// client can be written, as a message on __redis__:invalidate; anything else cannot reach a RESP2 client.
    /// </summary>
    private void WriteTrackingMessage(object message, RespWriter output)
    {
        output.Protocol = Protocol;
        switch (message)
        {
            case TrackingProtocol.RedirectBroken broken when Protocol == 3:
                output.WritePushHeader(2);
                output.WriteBulk("tracking-redir-broken"u8);
                output.WriteInteger(broken.RedirectId);
                break;
            case TrackingProtocol.KeysInvalidated invalidated when Protocol == 3 || (invalidated.Redirected && IsSubscribed):
                if (Protocol == 3)
                {
                    output.WritePushHeader(2);
                    output.WriteBulk("invalidate"u8);
                }
                else
                {
                    output.WritePushHeader(3);
                    output.WriteBulk("message"u8);
                    output.WriteBulk("__redis__:invalidate"u8);
                }
                if (invalidated.Keys is null)
                {
                    output.WriteNull();
                    break;
                }
                output.WriteArrayHeader(invalidated.Keys.Length);
                foreach (var key in invalidated.Keys) output.WriteBulk(key);
                break;
        }
    }
}
