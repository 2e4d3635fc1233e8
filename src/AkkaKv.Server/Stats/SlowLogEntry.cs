namespace AkkaKv.Server.Stats;

/// <summary>
/// One SLOWLOG GET entry: its id, when it was logged (unix seconds), how long the command ran (µs), its arguments as
/// logged (trimmed and redacted), and the client's address and name at the time.
/// </summary>
public sealed record SlowLogEntry(long Id, long UnixTimeSeconds, long Microseconds, byte[][] Arguments, string ClientAddress, string ClientName);
