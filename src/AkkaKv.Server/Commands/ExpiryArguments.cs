namespace AkkaKv.Server.Commands;

/// <summary>
/// The expiry options SET and GETEX share (EX, PX, EXAT, PXAT, and KEEPTTL or PERSIST), turned into an absolute
/// millisecond time with Redis's validation and overflow rules.
/// </summary>
internal enum ExpiryKind
{
    None,
    Relative,
    Absolute,
    KeepTtl,
    Persist,
}

internal readonly record struct ExpiryArguments(ExpiryKind Kind, long AtMs)
{
    /// <summary>
    /// Reads an expiry option at args[index] (and its value at index+1). Returns how many arguments it used (0 when
    /// args[index] is not an expiry option), or -1 after replying an error.
    /// </summary>
    public static int TryRead(CommandContext c, int index, ref ExpiryArguments expiry, bool allowKeepTtl, bool allowPersist, string commandName)
    {
        var arg = c.Arg(index);
        if (allowKeepTtl && ArgParsing.Is(arg, "KEEPTTL"u8)) return Set(c, ref expiry, new(ExpiryKind.KeepTtl, 0)) ? 1 : -1;
        if (allowPersist && ArgParsing.Is(arg, "PERSIST"u8)) return Set(c, ref expiry, new(ExpiryKind.Persist, 0)) ? 1 : -1;
        long unit;
        bool absolute;
        if (ArgParsing.Is(arg, "EX"u8)) (unit, absolute) = (1000, false);
        else if (ArgParsing.Is(arg, "PX"u8)) (unit, absolute) = (1, false);
        else if (ArgParsing.Is(arg, "EXAT"u8)) (unit, absolute) = (1000, true);
        else if (ArgParsing.Is(arg, "PXAT"u8)) (unit, absolute) = (1, true);
        else return 0;
        if (expiry.Kind != ExpiryKind.None || index + 1 >= c.ArgCount)
        {
            c.SyntaxError();
            return -1;
        }
        if (!ArgParsing.TryInteger(c.Arg(index + 1), out var value))
        {
            c.NotInteger();
            return -1;
        }
        if (value <= 0 || value > long.MaxValue / unit)
        {
            c.Error(ErrorReplies.InvalidExpireTime(commandName));
            return -1;
        }
        var ms = value * unit;
        if (!absolute)
        {
            if (ms > long.MaxValue - c.NowMs)
            {
                c.Error(ErrorReplies.InvalidExpireTime(commandName));
                return -1;
            }
            ms += c.NowMs;
        }
        expiry = new ExpiryArguments(absolute ? ExpiryKind.Absolute : ExpiryKind.Relative, ms);
        return 2;
    }

    private static bool Set(CommandContext c, ref ExpiryArguments expiry, ExpiryArguments value)
    {
        if (expiry.Kind != ExpiryKind.None)
        {
            c.SyntaxError();
            return false;
        }
        expiry = value;
        return true;
    }

    public bool HasTime => Kind is ExpiryKind.Relative or ExpiryKind.Absolute;
}
