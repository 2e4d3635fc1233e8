namespace AkkaKv.Server.Commands;

public static partial class ErrorReplies
{
    /// <summary>A RESP2 client in subscribed mode sent anything else (Redis's processCommand; <paramref name="fullName"/> as "client|list").</summary>
    public static string OnlyPubSubCommands(string fullName) =>
        $"ERR Can't execute '{fullName}': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context";

    /// <summary>SSUBSCRIBE run by EXEC (Redis keeps the exception it makes for SUBSCRIBE in MULTI to the classic commands).</summary>
    public const string SSubscribeDenyBlocking = "ERR SSUBSCRIBE isn't allowed for a DENY BLOCKING client";

    public const string CrossSlot = "CROSSSLOT Keys in request don't hash to the same slot";
}
