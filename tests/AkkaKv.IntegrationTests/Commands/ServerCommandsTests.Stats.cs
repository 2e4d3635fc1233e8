namespace AkkaKv.IntegrationTests.Commands;

// INFO commandstats and latencystats in the detail Redis gives them: subcommands under their full name, the configured
// percentiles, and CONFIG RESETSTAT clearing all of them.
public sealed partial class ServerCommandsTests
{
    [Fact]
    public void Info_commandstats_and_latencystats_name_subcommands_container_pipe_sub()
    {
        using var client = Connect();
        AssertOk(client.Execute("CONFIG", "RESETSTAT"));
        client.Execute("CLIENT", "ID");
        var info = Parse(client.Execute("INFO", "commandstats", "latencystats").Text!);
        Assert.Matches(@"^calls=1,usec=\d+,usec_per_call=\d+\.\d\d,rejected_calls=0,failed_calls=0$", info["Commandstats"]["cmdstat_client|id"]);
        Assert.Matches(@"^p50=\d+\.\d{3},p99=\d+\.\d{3},p99\.9=\d+\.\d{3}$", info["Latencystats"]["latency_percentiles_usec_client|id"]);
        Assert.DoesNotContain("cmdstat_client", info["Commandstats"].Keys);
    }

    [Fact]
    public void Info_latencystats_reports_the_configured_percentiles()
    {
        using var client = Connect();
        try
        {
            AssertOk(client.Execute("CONFIG", "SET", "latency-tracking-info-percentiles", "0 50.0 99.99 100"));
            AssertTexts(["latency-tracking-info-percentiles", "0 50 99.99 100"], client.Execute("CONFIG", "GET", "latency-tracking-info-percentiles"));
            client.Execute("PING");
            var stats = Parse(client.Execute("INFO", "latencystats").Text!)["Latencystats"];
            Assert.Matches(@"^p0=\d+\.\d{3},p50=\d+\.\d{3},p99\.99=\d+\.\d{3},p100=\d+\.\d{3}$", stats["latency_percentiles_usec_ping"]);
            AssertOk(client.Execute("CONFIG", "SET", "latency-tracking-info-percentiles", ""));
            Assert.Contains("\r\nlatency_percentiles_usec_ping:\r\n", client.Execute("INFO", "latencystats").Text, StringComparison.Ordinal);
            AssertError("ERR CONFIG SET failed (possibly related to argument 'latency-tracking-info-percentiles') - latency-tracking-info-percentiles parameters should sit between [0.0,100.0]",
                client.Execute("CONFIG", "SET", "latency-tracking-info-percentiles", "50 101"));
            AssertError("ERR CONFIG SET failed (possibly related to argument 'latency-tracking-info-percentiles') - Invalid latency-tracking-info-percentiles parameters",
                client.Execute("CONFIG", "SET", "latency-tracking-info-percentiles", "fifty"));
        }
        finally
        {
            AssertOk(client.Execute("CONFIG", "SET", "latency-tracking-info-percentiles", "50 99 99.9"));
        }
    }

    [Fact]
    public void Config_resetstat_clears_commandstats_errorstats_and_latencystats()
    {
        using var client = Connect();
        client.Execute("GET", NewKey());
        client.Execute("NOSUCHCOMMAND");
        AssertOk(client.Execute("CONFIG", "RESETSTAT"));
        var info = Parse(client.Execute("INFO", "commandstats", "errorstats", "latencystats").Text!);
        // CONFIG RESETSTAT itself is counted, once it ran.
        Assert.Equal(["cmdstat_config|resetstat"], info["Commandstats"].Keys);
        Assert.Empty(info["Errorstats"]);
        Assert.Equal(["latency_percentiles_usec_config|resetstat"], info["Latencystats"].Keys);
    }
}
