namespace AkkaKv.Server.Commands;

public static partial class ErrorReplies
{
    public const string TrackingSingleRedirect = "ERR A client can only redirect to a single other client";
    public const string TrackingNoSuchRedirect = "ERR The client ID you want redirect to does not exist";
    public const string TrackingPrefixNeedsBroadcast = "ERR PREFIX option requires BCAST mode to be enabled";
    public const string TrackingBroadcastSwitch =
        "ERR You can't switch BCAST mode on/off before disabling tracking for this client, and then re-enabling it with a different mode.";
    public const string TrackingOptInOutWithBroadcast = "ERR OPTIN and OPTOUT are not compatible with BCAST";
    public const string TrackingOptInAndOut = "ERR You can't specify both OPTIN mode and OPTOUT mode";
    public const string TrackingOptInOutSwitch =
        "ERR You can't switch OPTIN/OPTOUT mode before disabling tracking for this client, and then re-enabling it with a different mode.";
    public const string CachingNeedsOptInOut =
        "ERR CLIENT CACHING can be called only when the client is in tracking mode with OPTIN or OPTOUT mode enabled";
    public const string CachingYesNeedsOptIn = "ERR CLIENT CACHING YES is only valid when tracking is enabled in OPTIN mode.";
    public const string CachingNoNeedsOptOut = "ERR CLIENT CACHING NO is only valid when tracking is enabled in OPTOUT mode.";

    public static string TrackingPrefixOverlap(string prefix, string other, bool existing) =>
        $"ERR Prefix '{prefix}' overlaps with {(existing ? "an existing" : "another provided")} prefix '{other}'. " +
        "Prefixes for a single client must not overlap.";
}
