namespace AkkaKv.Server.Commands;

/// <summary>Which of the keys a command names (in the order its key finder lists them) it changes when it writes.</summary>
public enum ChangedKeys
{
    /// <summary>Every key it names.</summary>
    All,
    /// <summary>The first only: a destination named before its sources (SINTERSTORE, ZUNIONSTORE, BITOP, PFMERGE).</summary>
    FirstOnly,
    /// <summary>All but the first: a source named before its destination (COPY, SORT ... STORE, GEORADIUS ... STORE).</summary>
    AllButFirst,
}
