using AkkaKv.Storage.Geo;

namespace AkkaKv.Server.Commands;

/// <summary>Error texts of the geo commands (Redis 7.2's geo.c).</summary>
public static partial class ErrorReplies
{
    public const string GeoUnsupportedUnit = "ERR unsupported unit provided. please use M, KM, FT, MI";
    public const string GeoNeedNumericRadius = "ERR need numeric radius";
    public const string GeoNeedNumericWidth = "ERR need numeric width";
    public const string GeoNeedNumericHeight = "ERR need numeric height";
    public const string GeoRadiusNegative = "ERR radius cannot be negative";
    public const string GeoBoxNegative = "ERR height or width cannot be negative";
    public const string GeoMemberNotDecodable = "ERR could not decode requested zset member";
    public const string GeoAnyNeedsCount = "ERR the ANY argument requires COUNT argument";

    /// <summary>The pair printed with printf's %f, as Redis does (so 1e300 comes out in full).</summary>
    public static string GeoInvalidPosition(double longitude, double latitude) =>
        $"ERR invalid longitude,latitude pair {GeoFormat.Fixed(longitude, 6)},{GeoFormat.Fixed(latitude, 6)}";

    /// <summary><paramref name="what"/>: "GEOSEARCHSTORE" or "STORE option in GEORADIUS".</summary>
    public static string GeoStoreWithReplyOptions(string what) =>
        $"ERR {what} is not compatible with WITHDIST, WITHHASH and WITHCOORD options";

    /// <summary><paramref name="command"/> as the client spelled it.</summary>
    public static string GeoNeedsOneCentre(string command) =>
        $"ERR exactly one of FROMMEMBER or FROMLONLAT can be specified for {command}";

    public static string GeoNeedsOneShape(string command) =>
        $"ERR exactly one of BYRADIUS and BYBOX can be specified for {command}";
}
