namespace AkkaKv.Server.Sessions;

/// <summary>
/// Where the reply of one request of the current stage will be found: in the session's own writer (Start..End), or
/// at Index of a shard batch or transaction (Source). Replies are copied to the output in request order.
/// </summary>
internal readonly record struct StageItem(object? Source, int Index, int Start, int End, bool Suppressed);
