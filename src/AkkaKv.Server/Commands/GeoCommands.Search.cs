using System.Runtime.InteropServices;
using AkkaKv.Storage;
using AkkaKv.Storage.Geo;
using static AkkaKv.Server.Commands.ArgParsing;

namespace AkkaKv.Server.Commands;

/// <summary>The geo searches: GEORADIUS and GEORADIUSBYMEMBER (and their _RO forms), GEOSEARCH and GEOSEARCHSTORE.</summary>
public static partial class GeoCommands
{
    /// <summary>Which command is searching (Redis's RADIUS_* and GEOSEARCH* flags).</summary>
    [Flags]
    private enum SearchMode
    {
        /// <summary>Around a longitude, latitude pair given at arguments 2 and 3.</summary>
        Coordinates = 1,

        /// <summary>Around the member given at argument 2.</summary>
        Member = 2,

        /// <summary>STORE and STOREDIST are not accepted (the _RO forms).</summary>
        NoStore = 4,

        /// <summary>GEOSEARCH's arguments: FROMMEMBER / FROMLONLAT, BYRADIUS / BYBOX.</summary>
        Search = 8,

        /// <summary>GEOSEARCHSTORE: the destination is argument 1, STOREDIST a bare flag.</summary>
        SearchStore = 16,
    }

    private enum SortOrder
    {
        None,
        Ascending,
        Descending,
    }

    private static void GeoRadius(CommandContext c) => SearchGeneric(c, 1, SearchMode.Coordinates);

    private static void GeoRadiusByMember(CommandContext c) => SearchGeneric(c, 1, SearchMode.Member);

    private static void GeoRadiusReadOnly(CommandContext c) => SearchGeneric(c, 1, SearchMode.Coordinates | SearchMode.NoStore);

    private static void GeoRadiusByMemberReadOnly(CommandContext c) => SearchGeneric(c, 1, SearchMode.Member | SearchMode.NoStore);

    private static void GeoSearchCommand(CommandContext c) => SearchGeneric(c, 1, SearchMode.Search);

    private static void GeoSearchStore(CommandContext c) => SearchGeneric(c, 2, SearchMode.Search | SearchMode.SearchStore);

    /// <summary>
    /// Redis's georadiusGeneric: the centre and shape, then the options in any order, then the search. Arguments are
    /// checked in Redis's order, so the same request fails with the same error.
    /// </summary>
    private static void SearchGeneric(CommandContext c, int sourceIndex, SearchMode mode)
    {
        if (!TryRead(c, c.Arg(sourceIndex), out var set)) return;

        double longitude = 0, latitude = 0, radius = 0, width = 0, height = 0, toMeters = 0;
        var isBox = false;
        int baseArgs;
        var storeIndex = -1;
        if (Has(mode, SearchMode.Coordinates))
        {
            baseArgs = 6;
            if (!TryReadPosition(c, 2, out longitude, out latitude) || !TryReadRadius(c, 4, out radius, out toMeters)) return;
        }
        else if (Has(mode, SearchMode.Member))
        {
            // Without a source key nothing is decoded, but the options are still checked for the reply's shape.
            baseArgs = 5;
            if (set is not null)
            {
                if (!TryReadMemberPosition(c, set, 2, out longitude, out latitude) || !TryReadRadius(c, 3, out radius, out toMeters)) return;
            }
        }
        else
        {
            baseArgs = 2;
            if (Has(mode, SearchMode.SearchStore))
            {
                baseArgs = 3;
                storeIndex = 1;
            }
        }

        bool withDist = false, withHash = false, withCoord = false, any = false, storeDist = false;
        bool fromMember = false, fromLonLat = false, byRadius = false, byBox = false;
        var sort = SortOrder.None;
        long count = 0;
        var search = Has(mode, SearchMode.Search);
        var storeOption = !Has(mode, SearchMode.NoStore) && !search;
        var remaining = c.ArgCount - baseArgs;
        for (var i = 0; i < remaining; i++)
        {
            var index = baseArgs + i;
            var arg = c.Arg(index);
            if (Is(arg, "WITHDIST"u8)) withDist = true;
            else if (Is(arg, "WITHHASH"u8)) withHash = true;
            else if (Is(arg, "WITHCOORD"u8)) withCoord = true;
            else if (Is(arg, "ANY"u8)) any = true;
            else if (Is(arg, "ASC"u8)) sort = SortOrder.Ascending;
            else if (Is(arg, "DESC"u8)) sort = SortOrder.Descending;
            else if (Is(arg, "COUNT"u8) && i + 1 < remaining)
            {
                if (!TryInteger(c.Arg(index + 1), out count))
                {
                    c.NotInteger();
                    return;
                }
                if (count <= 0)
                {
                    c.Error(ErrorReplies.CountMustBePositive);
                    return;
                }
                i++;
            }
            else if (Is(arg, "STORE"u8) && i + 1 < remaining && storeOption)
            {
                storeIndex = index + 1;
                storeDist = false;
                i++;
            }
            else if (Is(arg, "STOREDIST"u8) && i + 1 < remaining && storeOption)
            {
                storeIndex = index + 1;
                storeDist = true;
                i++;
            }
            else if (Is(arg, "STOREDIST"u8) && Has(mode, SearchMode.SearchStore))
            {
                storeDist = true;
            }
            else if (Is(arg, "FROMMEMBER"u8) && i + 1 < remaining && search && !fromLonLat)
            {
                if (set is not null && !TryReadMemberPosition(c, set, index + 1, out longitude, out latitude)) return;
                fromMember = true;
                i++;
            }
            else if (Is(arg, "FROMLONLAT"u8) && i + 2 < remaining && search && !fromMember)
            {
                if (!TryReadPosition(c, index + 1, out longitude, out latitude)) return;
                fromLonLat = true;
                i += 2;
            }
            else if (Is(arg, "BYRADIUS"u8) && i + 2 < remaining && search && !byBox)
            {
                if (!TryReadRadius(c, index + 1, out radius, out toMeters)) return;
                isBox = false;
                byRadius = true;
                i += 2;
            }
            else if (Is(arg, "BYBOX"u8) && i + 3 < remaining && search && !byRadius)
            {
                if (!TryReadBox(c, index + 1, out width, out height, out toMeters)) return;
                isBox = true;
                byBox = true;
                i += 3;
            }
            else
            {
                c.SyntaxError();
                return;
            }
        }

        if (storeIndex >= 0 && (withDist || withHash || withCoord))
        {
            c.Error(ErrorReplies.GeoStoreWithReplyOptions(Has(mode, SearchMode.SearchStore) ? "GEOSEARCHSTORE" : "STORE option in GEORADIUS"));
            return;
        }
        if (search && !(fromMember || fromLonLat))
        {
            c.Error(ErrorReplies.GeoNeedsOneCentre(Text(c.Arg(0))));
            return;
        }
        if (search && !(byRadius || byBox))
        {
            c.Error(ErrorReplies.GeoNeedsOneShape(Text(c.Arg(0))));
            return;
        }
        if (any && count == 0)
        {
            c.Error(ErrorReplies.GeoAnyNeedsCount);
            return;
        }

        if (set is null)
        {
            if (storeIndex >= 0) SortedSetCommands.Store(c, c.Arg(storeIndex), [], StoreEvent(mode));
            else c.Reply.WriteArrayHeader(0);
            return;
        }

        // The nearest N need a sort; ANY takes the first N found.
        if (count != 0 && sort == SortOrder.None && !any) sort = SortOrder.Ascending;

        var shape = isBox
            ? GeoShape.Box(longitude, latitude, width, height, toMeters)
            : GeoShape.Circle(longitude, latitude, radius, toMeters);
        var points = new List<GeoPoint>();
        GeoSearch.Collect(set, shape, any ? count : 0, points);
        var returned = count == 0 || points.Count < count ? points.Count : (int)count;
        if (sort != SortOrder.None) GeoPointSort.Sort(CollectionsMarshal.AsSpan(points), returned, sort == SortOrder.Descending);

        if (storeIndex < 0)
        {
            WriteResults(c, points, returned, toMeters, withDist, withHash, withCoord);
            return;
        }

        var members = new List<ZSetMember>(returned);
        for (var i = 0; i < returned; i++)
        {
            members.Add(new ZSetMember(points[i].Member, storeDist ? points[i].Distance / toMeters : points[i].Score));
        }
        SortedSetCommands.Store(c, c.Arg(storeIndex), members, StoreEvent(mode));
    }

    /// <summary>The event a stored search publishes: GEOSEARCHSTORE's, or the STORE option of GEORADIUS*'s.</summary>
    private static ReadOnlySpan<byte> StoreEvent(SearchMode mode) =>
        Has(mode, SearchMode.SearchStore) ? "geosearchstore"u8 : "georadiusstore"u8;

    /// <summary>Members alone, or [member, distance?, hash?, [longitude, latitude]?] arrays.</summary>
    private static void WriteResults(CommandContext c, List<GeoPoint> points, int returned, double toMeters, bool withDist, bool withHash, bool withCoord)
    {
        var options = (withDist ? 1 : 0) + (withHash ? 1 : 0) + (withCoord ? 1 : 0);
        c.Reply.WriteArrayHeader(returned);
        for (var i = 0; i < returned; i++)
        {
            var point = points[i];
            if (options > 0) c.Reply.WriteArrayHeader(options + 1);
            c.Reply.WriteBulk(point.Member);
            if (withDist) c.Reply.WriteBulk(GeoFormat.Distance(point.Distance / toMeters));
            if (withHash) c.Reply.WriteInteger(GeoHash.TruncateLikeC(point.Score));
            if (withCoord) WritePosition(c.Reply, point.Longitude, point.Latitude);
        }
    }

    /// <summary>FROMMEMBER's (and GEORADIUSBYMEMBER's) centre: the member's decoded position.</summary>
    private static bool TryReadMemberPosition(CommandContext c, SortedSetValue set, int index, out double longitude, out double latitude)
    {
        longitude = latitude = 0;
        if (!set.TryGetScore(c.Arg(index), out var score))
        {
            c.Error(ErrorReplies.GeoMemberNotDecodable);
            return false;
        }
        (longitude, latitude) = GeoHash.DecodeScore(score);
        return true;
    }

    /// <summary>Redis's extractDistanceOrReply: radius then unit.</summary>
    private static bool TryReadRadius(CommandContext c, int index, out double radius, out double toMeters)
    {
        toMeters = 0;
        if (!TryDouble(c.Arg(index), out radius))
        {
            c.Error(ErrorReplies.GeoNeedNumericRadius);
            return false;
        }
        if (radius < 0)
        {
            c.Error(ErrorReplies.GeoRadiusNegative);
            return false;
        }
        return TryReadUnit(c, index + 1, out toMeters);
    }

    /// <summary>Redis's extractBoxOrReply: width, height, then unit.</summary>
    private static bool TryReadBox(CommandContext c, int index, out double width, out double height, out double toMeters)
    {
        height = toMeters = 0;
        if (!TryDouble(c.Arg(index), out width))
        {
            c.Error(ErrorReplies.GeoNeedNumericWidth);
            return false;
        }
        if (!TryDouble(c.Arg(index + 1), out height))
        {
            c.Error(ErrorReplies.GeoNeedNumericHeight);
            return false;
        }
        if (height < 0 || width < 0)
        {
            c.Error(ErrorReplies.GeoBoxNegative);
            return false;
        }
        return TryReadUnit(c, index + 2, out toMeters);
    }

    private static bool Has(SearchMode mode, SearchMode flag) => (mode & flag) != 0;
}
