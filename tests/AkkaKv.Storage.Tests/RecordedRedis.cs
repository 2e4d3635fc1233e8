using System.Text.Json;

namespace AkkaKv.Storage.Tests;

/// <summary>Reads the recorded Redis replies under Data/ (see Data/README.md).</summary>
internal static class RecordedRedis
{
    public static IEnumerable<JsonElement> Lines(string relativePath) =>
        File.ReadLines(Path.Combine(AppContext.BaseDirectory, relativePath))
            .Where(line => line.Length > 0)
            .Select(line => JsonDocument.Parse(line).RootElement);

    public static string? NullableString(this JsonElement element, string name) =>
        element.GetProperty(name).ValueKind == JsonValueKind.Null ? null : element.GetProperty(name).GetString();
}
