namespace AkkaKv.Server.Commands;

/// <summary>The bit commands' error texts (Redis's bitops.c).</summary>
public static partial class ErrorReplies
{
    public const string BitOffsetNotInteger = "ERR bit offset is not an integer or out of range";
    public const string BitNotInteger = "ERR bit is not an integer or out of range";
    public const string BitArgument = "ERR The bit argument must be 1 or 0.";
    public const string BitOpNotSingleSource = "ERR BITOP NOT must be called with a single source key.";
    public const string BitFieldType = "ERR Invalid bitfield type. Use something like i16 u8. Note that u64 is not supported but i64 is.";
    public const string BitFieldOverflowType = "ERR Invalid OVERFLOW type specified";
    public const string BitFieldReadOnly = "ERR BITFIELD_RO only supports the GET subcommand";
}
