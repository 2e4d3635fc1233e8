namespace AkkaKv.Protocol;

/// <summary>
/// Every protocol error text exactly as Redis 7 sends it (networking.c), without the leading '-' and CRLF.
/// After any of these Redis closes the connection once the reply is written.
/// </summary>
public static class ProtocolErrors
{
    public const string InvalidMultibulkLength = "ERR Protocol error: invalid multibulk length";
    public const string InvalidBulkLength = "ERR Protocol error: invalid bulk length";
    public const string TooBigInlineRequest = "ERR Protocol error: too big inline request";
    public const string TooBigMbulkCountString = "ERR Protocol error: too big mbulk count string";
    public const string TooBigBulkCountString = "ERR Protocol error: too big bulk count string";
    public const string UnbalancedQuotes = "ERR Protocol error: unbalanced quotes in request";
    public const string UnauthenticatedMultibulkLength = "ERR Protocol error: unauthenticated multibulk length";
    public const string UnauthenticatedBulkLength = "ERR Protocol error: unauthenticated bulk length";

    private const string ExpectedDollarPrefix = "ERR Protocol error: expected '$', got '";

    /// <summary>The reply to a bulk header that does not start with '$'.</summary>
    public static string ExpectedDollar(char got) => ExpectedDollar((byte)got);

    /// <summary>
    /// Redis formats the byte with %c, then maps CR and LF to spaces so the reply stays one line
    /// (a NUL byte stays: Redis's sds keeps it). A byte above 0x7F becomes the char of the same
    /// number, which a UTF-8 writer sends as two bytes where Redis sends one.
    /// </summary>
    public static string ExpectedDollar(byte got) => got switch
    {
        (byte)'\r' or (byte)'\n' => ExpectedDollarPrefix + " '",
        _ => ExpectedDollarPrefix + (char)got + "'",
    };
}
