using System.Globalization;
using AkkaKv.Protocol;

namespace AkkaKv.Persistence.Tests.TestSupport;

/// <summary>Reads single fields of an INFO reply ("name:value" lines).</summary>
public static class InfoFields
{
    public static string Read(RespClient client, string section, string field)
    {
        var reply = client.Execute("INFO", section);
        Assert.False(reply.IsError, reply.ToString());
        foreach (var line in reply.Text!.Split("\r\n"))
        {
            if (line.StartsWith(field + ":", StringComparison.Ordinal)) return line[(field.Length + 1)..];
        }
        throw new Xunit.Sdk.XunitException($"INFO {section} has no {field}:\n{reply.Text}");
    }

    public static long MasterReplOffset(RespClient client) =>
        long.Parse(Read(client, "replication", "master_repl_offset"), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);

    public static Guid NodeId(RespClient client) => Guid.Parse(Read(client, "server", "node_id"));
}
