namespace AkkaKv.Storage.Geo;

/// <summary>
/// Redis 7.2's geohash_helper.c distances: the haversine formula on a sphere of the WGS-84 quadratic mean radius,
/// with its shortcut for equal longitudes, and the radius and box membership tests of the searches. The operations
/// run in the same order as Redis's so results agree to the last bit.
/// </summary>
public static class GeoDistance
{
    /// <summary>Earth's quadratic mean radius for WGS-84, in meters.</summary>
    public const double EarthRadiusMeters = 6372797.560856;

    private const double DegreesToRadians = Math.PI / 180.0;

    public static double ToRadians(double degrees) => degrees * DegreesToRadians;

    public static double ToDegrees(double radians) => radians / DegreesToRadians;

    /// <summary>The distance in meters along a meridian between two latitudes (geohashGetLatDistance).</summary>
    public static double LatitudeDistance(double latitude1, double latitude2) =>
        EarthRadiusMeters * Math.Abs(ToRadians(latitude2) - ToRadians(latitude1));

    /// <summary>The great-circle distance in meters between two points (geohashGetDistance).</summary>
    public static double Between(double longitude1, double latitude1, double longitude2, double latitude2)
    {
        var longitude1Radians = ToRadians(longitude1);
        var longitude2Radians = ToRadians(longitude2);
        var v = Math.Sin((longitude2Radians - longitude1Radians) / 2);

        // Same longitude: the haversine reduces to the latitude difference (Redis 7.2 takes this shortcut).
        if (v == 0.0) return LatitudeDistance(latitude1, latitude2);
        var latitude1Radians = ToRadians(latitude1);
        var latitude2Radians = ToRadians(latitude2);
        var u = Math.Sin((latitude2Radians - latitude1Radians) / 2);
        var a = u * u + Math.Cos(latitude1Radians) * Math.Cos(latitude2Radians) * v * v;
        return 2.0 * EarthRadiusMeters * Math.Asin(Math.Sqrt(a));
    }

    /// <summary>Whether the point (x2, y2) is within <paramref name="radiusMeters"/> of the centre (x1, y1), and its distance.</summary>
    public static bool IsInRadius(double x1, double y1, double x2, double y2, double radiusMeters, out double distance)
    {
        distance = Between(x1, y1, x2, y2);
        return !(distance > radiusMeters);
    }

    /// <summary>
    /// Whether the point (x2, y2) is in the box of the given size centred on (x1, y1): its latitude distance within
    /// half the height and its distance along its own parallel within half the width (geohashGetDistanceIfInRectangle).
    /// The distance to the centre is computed only for points inside.
    /// </summary>
    public static bool IsInRectangle(double widthMeters, double heightMeters, double x1, double y1, double x2, double y2, out double distance)
    {
        distance = 0;
        if (LatitudeDistance(y2, y1) > heightMeters / 2) return false;
        if (Between(x2, y2, x1, y2) > widthMeters / 2) return false;
        distance = Between(x1, y1, x2, y2);
        return true;
    }
}
