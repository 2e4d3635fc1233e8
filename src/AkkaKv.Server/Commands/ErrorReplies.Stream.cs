namespace AkkaKv.Server.Commands;

/// <summary>The stream commands' error texts (Redis 7.2's t_stream.c).</summary>
public static partial class ErrorReplies
{
    public const string InvalidStreamId = "ERR Invalid stream ID specified as stream command argument";
    public const string XAddIdTooSmall = "ERR The ID specified in XADD is equal or smaller than the target stream top item";
    public const string XAddIdZero = "ERR The ID specified in XADD must be greater than 0-0";
    public const string StreamExhausted = "ERR The stream has exhausted the last possible ID, unable to add more items";
    public const string StreamElementsTooLarge = "ERR Elements are too large to be stored";
    public const string MaxLenNegative = "ERR The MAXLEN argument must be >= 0.";
    public const string TrimLimitNegative = "ERR The LIMIT argument must be >= 0.";
    public const string MaxLenAndMinId = "ERR syntax error, MAXLEN and MINID options at the same time are not compatible";
    public const string LimitWithoutStrategy = "ERR syntax error, LIMIT cannot be used without specifying a trimming strategy";
    public const string XTrimWithoutStrategy = "ERR syntax error, XTRIM must be called with a trimming strategy";
    public const string LimitWithoutApproximation = "ERR syntax error, LIMIT cannot be used without the special ~ option";
    public const string InvalidStartInterval = "ERR invalid start ID for the interval";
    public const string InvalidEndInterval = "ERR invalid end ID for the interval";
    public const string GroupOptionInXRead = "ERR The GROUP option is only supported by XREADGROUP. You called XREAD instead.";
    public const string NoAckOptionInXRead = "ERR The NOACK option is only supported by XREADGROUP. You called XREAD instead.";
    public const string MissingGroupOption = "ERR Missing GROUP option for XREADGROUP";
    public const string DollarIdInXReadGroup = "ERR The $ ID is meaningless in the context of XREADGROUP: you want to read the history of this consumer by specifying a proper ID, or use the > ID to get new messages. The $ ID would just return an empty result set.";
    public const string GreaterIdInXRead = "ERR The > ID can be specified only when calling XREADGROUP using the GROUP <group> <consumer> option.";
    public const string XGroupKeyMissing = "ERR The XGROUP subcommand requires the key to exist. Note that for CREATE you may want to use the MKSTREAM option to create an empty stream automatically.";
    public const string BusyGroup = "BUSYGROUP Consumer Group name already exists";
    public const string EntriesReadInvalid = "ERR value for ENTRIESREAD must be positive or -1";
    public const string EntriesAddedNegative = "ERR entries_added must be positive";
    public const string XSetIdBelowGivenMaxDeleted = "ERR The ID specified in XSETID is smaller than the provided max_deleted_entry_id";
    public const string XSetIdBelowMaxDeleted = "ERR The ID specified in XSETID is smaller than current max_deleted_entry_id";
    public const string XSetIdBelowTop = "ERR The ID specified in XSETID is smaller than the target stream top item";
    public const string XSetIdEntriesAddedBelowLength = "ERR The entries_added specified in XSETID is smaller than the target stream length";
    public const string XClaimMinIdle = "ERR Invalid min-idle-time argument for XCLAIM";
    public const string XClaimIdle = "ERR Invalid IDLE option argument for XCLAIM";
    public const string XClaimTime = "ERR Invalid TIME option argument for XCLAIM";
    public const string XClaimRetryCount = "ERR Invalid RETRYCOUNT option argument for XCLAIM";
    public const string XAutoClaimMinIdle = "ERR Invalid min-idle-time argument for XAUTOCLAIM";

    public static string UnbalancedStreams(string command, char idSymbol) =>
        $"ERR Unbalanced '{command}' list of streams: for each stream key an ID or '{idSymbol}' must be specified.";

    public static string NoGroupForXReadGroup(string key, string group) =>
        $"NOGROUP No such key '{key}' or consumer group '{group}' in XREADGROUP with GROUP option";

    public static string NoKeyOrGroup(string key, string group) => $"NOGROUP No such key '{key}' or consumer group '{group}'";

    public static string NoGroupForKey(string group, string key) => $"NOGROUP No such consumer group '{group}' for key name '{key}'";

    public static string XClaimUnknownOption(string option) => $"ERR Unrecognized XCLAIM option '{option}'";
}
