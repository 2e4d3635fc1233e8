using static AkkaKv.Server.Commands.ArgParsing;

namespace AkkaKv.Server.Commands;

/// <summary>
/// The arguments LMPOP, BLMPOP, ZMPOP and BZMPOP share, read in Redis's order: <c>numkeys key... WHERE [COUNT count]</c>,
/// where WHERE is LEFT|RIGHT or MIN|MAX and each command reads its own.
/// </summary>
internal static class MultiPopArguments
{
    /// <summary>numkeys at <paramref name="numKeysIndex"/>, and where the keys end; false after the error reply.</summary>
    public static bool TryReadKeys(CommandContext c, int numKeysIndex, out int numKeys, out int whereIndex)
    {
        numKeys = 0;
        whereIndex = 0;
        if (!TryInteger(c.Arg(numKeysIndex), out var parsed) || parsed < 1)
        {
            c.Error(ErrorReplies.NumKeysNotPositive);
            return false;
        }
        if (parsed >= c.ArgCount - numKeysIndex - 1)
        {
            c.SyntaxError();
            return false;
        }
        numKeys = (int)parsed;
        whereIndex = numKeysIndex + numKeys + 1;
        return true;
    }

    /// <summary>The optional COUNT from <paramref name="first"/> on (1 without it); false after the error reply.</summary>
    public static bool TryReadCount(CommandContext c, int first, out long count)
    {
        count = -1;
        for (var i = first; i < c.ArgCount; i++)
        {
            if (count == -1 && Is(c.Arg(i), "COUNT"u8) && i + 1 < c.ArgCount)
            {
                if (!TryInteger(c.Arg(++i), out count) || count < 1)
                {
                    c.Error(ErrorReplies.CountNotPositive);
                    return false;
                }
            }
            else
            {
                c.SyntaxError();
                return false;
            }
        }
        if (count == -1) count = 1;
        return true;
    }
}
