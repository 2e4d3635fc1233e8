namespace AkkaKv.Server.Commands;

/// <summary>The HyperLogLog commands' error texts (Redis's hyperloglog.c).</summary>
public static partial class ErrorReplies
{
    public const string NotHyperLogLog = "WRONGTYPE Key is not a valid HyperLogLog string value.";
    public const string CorruptedHyperLogLog = "INVALIDOBJ Corrupted HLL object detected";
    public const string HyperLogLogNotSparse = "ERR HLL encoding is not sparse";
    public const string PfDebugNoSuchKey = "ERR The specified key does not exist";

    public static string UnknownPfDebugSubcommand(string subcommand) => $"ERR Unknown PFDEBUG subcommand '{subcommand}'";
}
