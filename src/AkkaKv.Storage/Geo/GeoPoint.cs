namespace AkkaKv.Storage.Geo;

/// <summary>A member found by a geo search: its decoded position, its distance to the centre and its score (the hash).</summary>
public readonly record struct GeoPoint(byte[] Member, double Longitude, double Latitude, double Distance, double Score);
