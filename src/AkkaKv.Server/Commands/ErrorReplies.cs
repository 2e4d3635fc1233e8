using System.Text;
using AkkaKv.Protocol;

namespace AkkaKv.Server.Commands;

/// <summary>Every error reply text, verbatim from Redis 7.2, in one place.</summary>
public static partial class ErrorReplies
{
    public const string Syntax = "ERR syntax error";
    public const string WrongType = "WRONGTYPE Operation against a key holding the wrong kind of value";
    public const string NotInteger = "ERR value is not an integer or out of range";
    public const string NotFloat = "ERR value is not a valid float";
    public const string Overflow = "ERR increment or decrement would overflow";
    public const string NaNOrInfinity = "ERR increment would produce NaN or Infinity";
    public const string StringTooLong = "ERR string exceeds maximum allowed size (proto-max-bulk-len)";
    public const string NoSuchKey = "ERR no such key";
    public const string SameObject = "ERR source and destination objects are the same";
    public const string DbIndexOutOfRange = "ERR DB index is out of range";
    public const string NoAuth = "NOAUTH Authentication required.";
    public const string WrongPass = "WRONGPASS invalid username-password pair or user is disabled.";
    public const string AuthNotConfigured = "ERR AUTH <password> called without any password configured for the default user. Are you sure your configuration is correct?";
    public const string OffsetOutOfRange = "ERR offset is out of range";
    public const string InvalidCursor = "ERR invalid cursor";
    public const string CountNotPositive = "ERR count should be greater than 0";
    public const string CountMustBePositive = "ERR COUNT must be > 0";
    public const string NumKeysNotPositive = "ERR numkeys should be greater than 0";
    public const string MustBePositive = "ERR value is out of range, must be positive";
    public const string LimitNegative = "ERR LIMIT can't be negative";
    /// <summary>A random-pick reply (HRANDFIELD, SRANDMEMBER, ZRANDMEMBER with a huge negative count) too big to build.</summary>
    public const string ReplyOutOfRange = "ERR value is out of range";
    public const string LongOutOfRange = "ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807";
    public const string NoProto = "NOPROTO unsupported protocol version";
    public const string MaxClients = "ERR max number of clients reached";
    public const string NoConfigFile = "ERR The server is running without a config file";
    public const string ExpireNxAndOthers = "ERR NX and XX, GT or LT options at the same time are not compatible";
    public const string ExpireGtAndLt = "ERR GT and LT options at the same time are not compatible";
    public const string LfuNotSelected = "ERR An LFU maxmemory policy is not selected, access frequency not tracked. Please note that when switching between policies at runtime LRU and LFU data will take some time to adjust.";
    public const string LruNotSelected = "ERR An LRU maxmemory policy is selected, idle time not tracked. Please note that when switching between policies at runtime LRU and LFU data will take some time to adjust.";
    public const string NoSuchClient = "ERR No such client";
    public const string TimeoutNotFloat = "ERR timeout is not a float or out of range";
    public const string TimeoutNotInteger = "ERR timeout is not an integer or out of range";
    public const string TimeoutNegative = "ERR timeout is negative";
    public const string TimeoutOutOfRange = "ERR timeout is out of range";
    public const string UnblockedByClient = "UNBLOCKED client unblocked via CLIENT UNBLOCK";
    public const string UnblockReason = "ERR CLIENT UNBLOCK reason should be TIMEOUT or ERROR";

    public static string InvalidExpireTime(string command) => $"ERR invalid expire time in '{command}' command";

    public static string WrongArity(string fullName) => $"ERR wrong number of arguments for '{fullName}' command";

    public static string UnknownSubcommand(string subcommand, string container) =>
        $"ERR unknown subcommand '{Truncate(subcommand, 128)}'. Try {container} HELP.";

    /// <summary>Redis's "unknown command" error, quoting up to 128 bytes of the arguments.</summary>
    public static string UnknownCommand(RequestArgs args)
    {
        var text = new StringBuilder("ERR unknown command '").Append(Truncate(args.ToString(0), 128)).Append("', with args beginning with: ");
        var quoted = new StringBuilder();
        for (var i = 1; i < args.Count && quoted.Length < 128; i++)
        {
            var room = 128 - quoted.Length;
            quoted.Append('\'').Append(Truncate(args.ToString(i), room)).Append("' ");
        }
        return text.Append(quoted).ToString();
    }

    /// <summary>For commands Redis implements as one command with subcommand arguments (DEBUG).</summary>
    public static string SubcommandSyntax(string subcommand, string container) =>
        $"ERR unknown subcommand or wrong number of arguments for '{Truncate(subcommand, 128)}'. Try {container} HELP.";

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..Math.Max(0, max)];
}
