using AkkaKv.Protocol;
using AkkaKv.Server.PubSub;
using AkkaKv.Storage;
using AkkaKv.Storage.Geo;
using static AkkaKv.Server.Commands.ArgParsing;

namespace AkkaKv.Server.Commands;

/// <summary>
/// Redis's geo.c commands: the table entries first, then the handlers. A geo set is a sorted set whose scores are the
/// 52-bit geohashes of its members' positions (see <see cref="GeoHash"/>); the searches are in GeoCommands.Search.cs.
/// </summary>
public static partial class GeoCommands
{
    private const string Group = "geo";
    private const CommandFlags WriteOom = CommandFlags.Write | CommandFlags.DenyOom;
    private const string RadiusCost = "O(N+log(M)) where N is the number of elements inside the bounding box of the circular area delimited by center and radius and M is the number of items inside the index.";
    private const string SearchCost = "O(N+log(M)) where N is the number of elements in the grid-aligned bounding box area around the shape provided as the filter and M is the number of items inside the shape";

    internal static IEnumerable<CommandDefinition> Definitions =>
    [
        Define.Keyed("geoadd", -5, WriteOom, 1, 1, 1, Group, "Adds one or more members to a geospatial index. The key is created if it doesn't exist.", GeoAdd, "3.2.0", "O(log(N)) for each item added, where N is the number of elements in the sorted set."),
        Define.Keyed("geodist", -4, CommandFlags.ReadOnly, 1, 1, 1, Group, "Returns the distance between two members of a geospatial index.", GeoDist, "3.2.0", "O(log(N))"),
        Define.Keyed("geohash", -2, CommandFlags.ReadOnly, 1, 1, 1, Group, "Returns members from a geospatial index as geohash strings.", GeoHashCommand, "3.2.0", "O(log(N)) for each member requested, where N is the number of elements in the sorted set."),
        Define.Keyed("geopos", -2, CommandFlags.ReadOnly, 1, 1, 1, Group, "Returns the longitude and latitude of members from a geospatial index.", GeoPos, "3.2.0", "O(N) where N is the number of members requested."),
        Define.MovableKeys("georadius", -6, WriteOom, 1, 1, 1, SourceAndStoreKeys(6), Group, "Queries a geospatial index for members within a distance from a coordinate, optionally stores the result.", GeoRadius, "3.2.0", RadiusCost).Changing(ChangedKeys.AllButFirst),
        Define.Keyed("georadius_ro", -6, CommandFlags.ReadOnly, 1, 1, 1, Group, "Returns members from a geospatial index that are within a distance from a coordinate.", GeoRadiusReadOnly, "3.2.10", RadiusCost),
        Define.MovableKeys("georadiusbymember", -5, WriteOom, 1, 1, 1, SourceAndStoreKeys(5), Group, "Queries a geospatial index for members within a distance from a member, optionally stores the result.", GeoRadiusByMember, "3.2.0", RadiusCost).Changing(ChangedKeys.AllButFirst),
        Define.Keyed("georadiusbymember_ro", -5, CommandFlags.ReadOnly, 1, 1, 1, Group, "Returns members from a geospatial index that are within a distance from a member.", GeoRadiusByMemberReadOnly, "3.2.10", RadiusCost),
        Define.Keyed("geosearch", -7, CommandFlags.ReadOnly, 1, 1, 1, Group, "Queries a geospatial index for members inside an area of a box or a circle.", GeoSearchCommand, "6.2.0", SearchCost),
        Define.Keyed("geosearchstore", -8, WriteOom, 1, 2, 1, Group, "Queries a geospatial index for members inside an area of a box or a circle, optionally stores the result.", GeoSearchStore, "6.2.0", SearchCost).Changing(ChangedKeys.FirstOnly),
    ];

    /// <summary>
    /// GEORADIUS's keys as Redis 7's key specs find them: the source, the key after the first STORE and the one after
    /// the first STOREDIST from argument <paramref name="keywordStart"/> on; then the key the command really writes,
    /// the one after the last of them (Redis's georadiusGetKeys), so the destination's shard always takes part.
    /// </summary>
    private static KeyFinder SourceAndStoreKeys(int keywordStart) =>
        (args, offset, keys) =>
        {
            var argc = args.Count - offset;
            if (argc > 1) keys.Add(1);
            int store = -1, storeDist = -1, written = -1;
            for (var i = keywordStart; i < argc - 1; i++)
            {
                if (store < 0 && Is(args[offset + i], "STORE"u8)) store = i + 1;
                if (storeDist < 0 && Is(args[offset + i], "STOREDIST"u8)) storeDist = i + 1;
            }
            for (var i = 5; i < argc - 1; i++)
            {
                if (Is(args[offset + i], "STORE"u8) || Is(args[offset + i], "STOREDIST"u8)) written = ++i;
            }
            foreach (var key in (ReadOnlySpan<int>)[store, storeDist, written])
            {
                if (key > 0 && !keys.Contains(key)) keys.Add(key);
            }
        };

    /// <summary>
    /// GEOADD key [NX|XX] [CH] longitude latitude member...: Redis turns it into a ZADD of the positions' hashes, and
    /// that is also what it propagates.
    /// </summary>
    private static void GeoAdd(CommandContext c)
    {
        bool nx = false, xx = false, changed = false;
        var longitudeIndex = 2;
        for (; longitudeIndex < c.ArgCount; longitudeIndex++)
        {
            var option = c.Arg(longitudeIndex);
            if (Is(option, "NX"u8)) nx = true;
            else if (Is(option, "XX"u8)) xx = true;
            else if (Is(option, "CH"u8)) changed = true;
            else break;
        }

        var elements = (c.ArgCount - longitudeIndex) / 3;
        if ((c.ArgCount - longitudeIndex) % 3 != 0 || (nx && xx) || elements == 0)
        {
            c.SyntaxError();
            return;
        }

        // Every position is checked before anything changes.
        var scores = new ulong[elements];
        for (var i = 0; i < elements; i++)
        {
            if (!TryReadPosition(c, longitudeIndex + 3 * i, out var longitude, out var latitude)) return;
            scores[i] = GeoHash.ScoreOf(longitude, latitude);
        }

        var key = c.Arg(1);
        var entry = c.LookupWrite(key);
        var set = entry?.Value as SortedSetValue;
        if (entry is not null && set is null)
        {
            c.WrongType();
            return;
        }

        if (set is null && !xx) set = SortedSetValue.Create(elements, c.Arg(longitudeIndex + 2).Length, c.Limits);
        else set?.PrepareForAdding(elements, c.Limits);

        var flags = nx ? ZAddFlags.Nx : xx ? ZAddFlags.Xx : ZAddFlags.None;
        int added = 0, updated = 0;
        for (var i = 0; set is not null && i < elements; i++)
        {
            var result = set.Add(c.Arg(longitudeIndex + 3 * i + 2), scores[i], flags, c.Limits, out _);
            if (result == ZAddResult.Added) added++;
            else if (result == ZAddResult.Updated) updated++;
        }

        if (entry is null && set is { Count: > 0 })
        {
            c.Db(key).Set(key, set, nowMs: c.NowMs);
            c.NotifyNew(key);
        }
        c.Reply.WriteInteger(changed ? added + updated : added);
        if (added + updated == 0) return;
        PropagateAsZAdd(c, longitudeIndex, scores);
        if (added > 0) c.SignalKeyReady(key);
        // GEOADD is a ZADD underneath, and Redis publishes it as one.
        c.Notify(NotifyClass.SortedSet, "zadd"u8, key);
    }

    /// <summary>ZADD key [the options as given] score member... with the hashes as integer scores.</summary>
    private static void PropagateAsZAdd(CommandContext c, int longitudeIndex, ulong[] scores)
    {
        var arguments = new byte[longitudeIndex + scores.Length * 2][];
        arguments[0] = "ZADD"u8.ToArray();
        for (var i = 1; i < longitudeIndex; i++) arguments[i] = c.Args.ToArray(i);
        for (var i = 0; i < scores.Length; i++)
        {
            arguments[longitudeIndex + 2 * i] = Bytes((long)scores[i]);
            arguments[longitudeIndex + 2 * i + 1] = c.Args.ToArray(longitudeIndex + 3 * i + 2);
        }
        c.Propagate(arguments);
    }

    /// <summary>GEODIST key member1 member2 [unit]: null when the key or either member is missing.</summary>
    private static void GeoDist(CommandContext c)
    {
        var toMeters = 1.0;
        if (c.ArgCount == 5)
        {
            if (!TryReadUnit(c, 4, out toMeters)) return;
        }
        else if (c.ArgCount > 5)
        {
            c.SyntaxError();
            return;
        }

        if (!TryRead(c, c.Arg(1), out var set)) return;
        if (set is null || !set.TryGetScore(c.Arg(2), out var score1) || !set.TryGetScore(c.Arg(3), out var score2))
        {
            c.Reply.WriteNull();
            return;
        }

        var (longitude1, latitude1) = GeoHash.DecodeScore(score1);
        var (longitude2, latitude2) = GeoHash.DecodeScore(score2);
        c.Reply.WriteBulk(GeoFormat.Distance(GeoDistance.Between(longitude1, latitude1, longitude2, latitude2) / toMeters));
    }

    /// <summary>GEOHASH key member...: the standard 11-character geohash of each member, null for missing ones.</summary>
    private static void GeoHashCommand(CommandContext c)
    {
        if (!TryRead(c, c.Arg(1), out var set)) return;
        c.Reply.WriteArrayHeader(c.ArgCount - 2);
        for (var i = 2; i < c.ArgCount; i++)
        {
            if (set is not null && set.TryGetScore(c.Arg(i), out var score)) c.Reply.WriteBulk(GeoHash.Base32Of(score));
            else c.Reply.WriteNull();
        }
    }

    /// <summary>GEOPOS key member...: each member's [longitude, latitude] (its cell's centre), a null array for missing ones.</summary>
    private static void GeoPos(CommandContext c)
    {
        if (!TryRead(c, c.Arg(1), out var set)) return;
        c.Reply.WriteArrayHeader(c.ArgCount - 2);
        for (var i = 2; i < c.ArgCount; i++)
        {
            if (set is not null && set.TryGetScore(c.Arg(i), out var score))
            {
                var (longitude, latitude) = GeoHash.DecodeScore(score);
                WritePosition(c.Reply, longitude, latitude);
            }
            else
            {
                c.Reply.WriteNullArray();
            }
        }
    }

    /// <summary>Redis's extractLongLatOrReply: two floats at <paramref name="index"/>, within the valid ranges.</summary>
    private static bool TryReadPosition(CommandContext c, int index, out double longitude, out double latitude)
    {
        latitude = 0;
        if (!TryDouble(c.Arg(index), out longitude) || !TryDouble(c.Arg(index + 1), out latitude))
        {
            c.Error(ErrorReplies.NotFloat);
            return false;
        }
        if (GeoHash.IsValid(longitude, latitude)) return true;
        c.Error(ErrorReplies.GeoInvalidPosition(longitude, latitude));
        return false;
    }

    /// <summary>Redis's extractUnitOrReply: m, km, ft or mi in any case, as meters per unit.</summary>
    private static bool TryReadUnit(CommandContext c, int index, out double toMeters)
    {
        var unit = c.Arg(index);
        toMeters = Is(unit, "M"u8) ? 1 : Is(unit, "KM"u8) ? 1000 : Is(unit, "FT"u8) ? 0.3048 : Is(unit, "MI"u8) ? 1609.34 : -1;
        if (toMeters > 0) return true;
        c.Error(ErrorReplies.GeoUnsupportedUnit);
        return false;
    }

    /// <summary>Looks a key up for reading: false (having replied WRONGTYPE) when it holds something else than a sorted set.</summary>
    private static bool TryRead(CommandContext c, ReadOnlySpan<byte> key, out SortedSetValue? set) => c.TryRead(key, out set);

    private static void WritePosition(RespWriter reply, double longitude, double latitude)
    {
        reply.WriteArrayHeader(2);
        reply.WriteDoubleText(GeoFormat.Coordinate(longitude));
        reply.WriteDoubleText(GeoFormat.Coordinate(latitude));
    }
}
