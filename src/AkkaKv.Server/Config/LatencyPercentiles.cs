using System.Globalization;

namespace AkkaKv.Server.Config;

/// <summary>latency-tracking-info-percentiles: blank-separated numbers from 0 to 100, written back as Redis prints them ("%f" trimmed).</summary>
public static class LatencyPercentiles
{
    public static bool TryParse(string text, out double[] percentiles, out string? error)
    {
        var parts = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        percentiles = new double[parts.Length];
        error = null;
        for (var i = 0; i < parts.Length; i++)
        {
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || double.IsNaN(value))
            {
                error = "Invalid latency-tracking-info-percentiles parameters";
                return false;
            }
            if (value is < 0 or > 100)
            {
                error = "latency-tracking-info-percentiles parameters should sit between [0.0,100.0]";
                return false;
            }
            percentiles[i] = value;
        }
        return true;
    }

    public static string Format(IEnumerable<double> percentiles) => string.Join(' ', percentiles.Select(FormatOne));

    /// <summary>One percentile as Redis prints it: six decimals, trailing zeros (and point) dropped.</summary>
    public static string FormatOne(double percentile) => Math.Round(percentile, 6).ToString("0.######", CultureInfo.InvariantCulture);
}
