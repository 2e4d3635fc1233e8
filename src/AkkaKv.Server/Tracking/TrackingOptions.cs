namespace AkkaKv.Server.Tracking;

/// <summary>The modes CLIENT TRACKING ON was given (Redis's CLIENT_TRACKING_* flags).</summary>
[Flags]
public enum TrackingOptions
{
    None = 0,
    /// <summary>BCAST: invalidations for every key under the client's prefixes, read or not.</summary>
    Broadcast = 1,
    /// <summary>OPTIN: keys are remembered only for the command right after CLIENT CACHING YES.</summary>
    OptIn = 2,
    /// <summary>OPTOUT: keys are remembered except for the command right after CLIENT CACHING NO.</summary>
    OptOut = 4,
    /// <summary>NOLOOP: no invalidations for keys the client changed itself.</summary>
    NoLoop = 8,
}
