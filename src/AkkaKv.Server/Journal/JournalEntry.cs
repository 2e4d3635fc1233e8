namespace AkkaKv.Server.Journal;

/// <summary>
/// One write as it must be replayed (an effect, not the request: EXPIRE becomes PEXPIREAT, an expired key a DEL),
/// tagged like KeyDB's RREPLAY with the node it originated on and its version (ms timestamp &lt;&lt; 20 | counter).
/// </summary>
public sealed record JournalEntry(int Database, byte[][] Arguments, Guid Origin, long Version);
