using AkkaKv.Protocol;
using static AkkaKv.Server.Commands.ArgParsing;

namespace AkkaKv.Server.Commands;

/// <summary>The <see cref="KeyFinder"/>s that several command groups share.</summary>
internal static class KeyFinders
{
    /// <summary>
    /// Keys counted by a numkeys argument at <paramref name="numKeysIndex"/> (LMPOP, SINTERCARD, ZUNION, ZMPOP...);
    /// none when it is not a positive integer.
    /// </summary>
    public static KeyFinder NumKeysAt(int numKeysIndex) =>
        (args, offset, keys) => AddCountedKeys(args, offset, numKeysIndex, keys);

    /// <summary>The destination (argument 1), then the keys counted at <paramref name="numKeysIndex"/> (ZUNIONSTORE...).</summary>
    public static KeyFinder DestinationAndNumKeysAt(int numKeysIndex) =>
        (args, offset, keys) =>
        {
            if (args.Count - offset > 1) keys.Add(1);
            AddCountedKeys(args, offset, numKeysIndex, keys);
        };

    private static void AddCountedKeys(RequestArgs args, int offset, int numKeysIndex, List<int> keys)
    {
        var argc = args.Count - offset;
        if (numKeysIndex >= argc || !TryInteger(args[offset + numKeysIndex], out var numKeys) || numKeys < 1) return;
        var last = (int)Math.Min(numKeysIndex + numKeys, argc - 1);
        for (var i = numKeysIndex + 1; i <= last; i++) keys.Add(i);
    }
}
