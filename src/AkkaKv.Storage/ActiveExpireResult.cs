namespace AkkaKv.Storage;

/// <summary>What one active expiry cycle did: keys looked at, keys reclaimed, and whether it ran out of time.</summary>
public readonly record struct ActiveExpireResult(int Sampled, int Expired, bool TimedOut)
{
    public static ActiveExpireResult operator +(ActiveExpireResult a, ActiveExpireResult b) =>
        new(a.Sampled + b.Sampled, a.Expired + b.Expired, a.TimedOut || b.TimedOut);
}
