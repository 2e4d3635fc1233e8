namespace AkkaKv.Server.Config;

/// <summary>One class of Redis's client-output-buffer-limit: hard bytes, soft bytes, and how long soft may be exceeded.</summary>
public sealed record OutputBufferLimit(long HardBytes, long SoftBytes, TimeSpan SoftDuration)
{
    internal static OutputBufferLimit From(SectionReader c) =>
        new(c.GetBytes("hard"), c.GetBytes("soft"), c.GetDuration("soft-seconds"));

    public string ToRedisString() => $"{HardBytes} {SoftBytes} {(long)SoftDuration.TotalSeconds}";
}
