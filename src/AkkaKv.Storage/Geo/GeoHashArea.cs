namespace AkkaKv.Storage.Geo;

/// <summary>The longitude and latitude bounds of a decoded geohash cell (Redis's GeoHashArea).</summary>
public readonly record struct GeoHashArea(double LongitudeMin, double LongitudeMax, double LatitudeMin, double LatitudeMax);
