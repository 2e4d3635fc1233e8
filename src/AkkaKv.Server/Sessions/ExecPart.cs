namespace AkkaKv.Server.Sessions;

/// <summary>
/// One queued command of EXEC: either the request at <paramref name="Index"/> of the shard transaction, or, when
/// <paramref name="Command"/> is set, a connection command the session runs once the shards are done.
/// </summary>
internal readonly record struct ExecPart(int Index, Commands.CommandDefinition? Command, AkkaKv.Protocol.RequestArgs? Args);
