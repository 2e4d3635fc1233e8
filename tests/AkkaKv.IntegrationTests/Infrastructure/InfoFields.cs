using System.Globalization;
using AkkaKv.Protocol;

namespace AkkaKv.IntegrationTests.Infrastructure;

/// <summary>Reads one numeric field of an INFO section through a client.</summary>
public static class InfoFields
{
    public static long Integer(RespClient client, string section, string field)
    {
        var info = client.Execute("INFO", section).ToString();
        var line = info.Split("\r\n").First(l => l.StartsWith(field + ":", StringComparison.Ordinal));
        return long.Parse(line[(field.Length + 1)..], CultureInfo.InvariantCulture);
    }
}
