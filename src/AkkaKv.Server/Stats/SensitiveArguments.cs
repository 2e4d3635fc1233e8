using AkkaKv.Protocol;
using AkkaKv.Server.Commands;
using static AkkaKv.Server.Commands.ArgParsing;

namespace AkkaKv.Server.Stats;

/// <summary>
/// The credentials MONITOR and the slow log show as "(redacted)", as Redis's commands redact them while they parse
/// their arguments: so only where the parse got that far (AUTH with more than two arguments is a syntax error and shown
/// as sent; HELLO stops at its first bad option).
/// </summary>
public static class SensitiveArguments
{
    public static ReadOnlySpan<byte> Redacted => "(redacted)"u8;

    public static bool IsRedacted(CommandDefinition command, RequestArgs args, int index) => command.FullName switch
    {
        "auth" => index >= 1 && args.Count <= 3,
        "hello" => IsHelloCredential(args, index),
        // CONFIG SET redacts the value of every sensitive parameter named, before it validates anything.
        "config|set" => args.Count % 2 == 0 && index >= 3 && index % 2 == 1 && Config.ConfigParameters.Find(args.ToString(index - 1)) is { IsSensitive: true },
        _ => false,
    };

    /// <summary>HELLO protover [AUTH username password] [SETNAME name]: AUTH's two values, once the version was valid.</summary>
    private static bool IsHelloCredential(RequestArgs args, int index)
    {
        if (args.Count < 2 || !TryInteger(args[1], out var version) || version is < 2 or > 3) return false;
        for (var i = 2; i < args.Count && i < index; i++)
        {
            var more = args.Count - 1 - i;
            if (Is(args[i], "AUTH"u8) && more >= 2)
            {
                if (index <= i + 2) return true;
                i += 2;
            }
            else if (Is(args[i], "SETNAME"u8) && more >= 1) i++;
            else return false;
        }
        return false;
    }
}
