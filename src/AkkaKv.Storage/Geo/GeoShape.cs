namespace AkkaKv.Storage.Geo;

/// <summary>
/// The area of a geo search (Redis's GeoShape): a circle of <see cref="Radius"/> or a box of <see cref="Width"/> by
/// <see cref="Height"/> around a centre, sizes in the request's unit, <see cref="ToMeters"/> converting them.
/// </summary>
public readonly record struct GeoShape(double Longitude, double Latitude, bool IsBox, double Radius, double Width, double Height, double ToMeters)
{
    public static GeoShape Circle(double longitude, double latitude, double radius, double toMeters) =>
        new(longitude, latitude, IsBox: false, radius, 0, 0, toMeters);

    public static GeoShape Box(double longitude, double latitude, double width, double height, double toMeters) =>
        new(longitude, latitude, IsBox: true, 0, width, height, toMeters);

    /// <summary>
    /// Whether the point a score stands for is inside (Redis's geoWithinShape), with its decoded position and its
    /// distance to the centre in meters.
    /// </summary>
    public bool Contains(double score, out double longitude, out double latitude, out double distanceMeters)
    {
        (longitude, latitude) = GeoHash.DecodeScore(score);
        return IsBox
            ? GeoDistance.IsInRectangle(Width * ToMeters, Height * ToMeters, Longitude, Latitude, longitude, latitude, out distanceMeters)
            : GeoDistance.IsInRadius(Longitude, Latitude, longitude, latitude, Radius * ToMeters, out distanceMeters);
    }

    /// <summary>
    /// The longitude and latitude bounds around the shape (geohashBoundingBox): the widest parallel of the box is the
    /// one nearer the pole, so the longitude span is taken there.
    /// </summary>
    public (double MinLongitude, double MinLatitude, double MaxLongitude, double MaxLatitude) BoundingBox()
    {
        var height = ToMeters * (IsBox ? Height / 2 : Radius);
        var width = ToMeters * (IsBox ? Width / 2 : Radius);
        var latitudeDelta = GeoDistance.ToDegrees(height / GeoDistance.EarthRadiusMeters);
        var longitudeDeltaTop = GeoDistance.ToDegrees(width / GeoDistance.EarthRadiusMeters / Math.Cos(GeoDistance.ToRadians(Latitude + latitudeDelta)));
        var longitudeDeltaBottom = GeoDistance.ToDegrees(width / GeoDistance.EarthRadiusMeters / Math.Cos(GeoDistance.ToRadians(Latitude - latitudeDelta)));
        var longitudeDelta = Latitude < 0 ? longitudeDeltaBottom : longitudeDeltaTop;
        return (Longitude - longitudeDelta, Latitude - latitudeDelta, Longitude + longitudeDelta, Latitude + latitudeDelta);
    }

    /// <summary>The radius the cell size is chosen for: the circle's, or the box's half diagonal, in meters.</summary>
    public double CoverRadiusMeters() =>
        (IsBox ? Math.Sqrt((Width / 2) * (Width / 2) + (Height / 2) * (Height / 2)) : Radius) * ToMeters;
}
