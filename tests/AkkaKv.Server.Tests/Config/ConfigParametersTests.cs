using AkkaKv.Server.Config;

namespace AkkaKv.Server.Tests.Config;

public sealed class ConfigParametersTests
{
    private static ServerSettings Defaults() => new(ServerSettings.Reference);

    [Theory]
    [InlineData("100", 100)]
    [InlineData("1k", 1000)]
    [InlineData("1kb", 1024)]
    [InlineData("2mb", 2 * 1024 * 1024)]
    [InlineData("1GB", 1024L * 1024 * 1024)]
    [InlineData("3g", 3_000_000_000)]
    public void Memory_values_follow_redis_units(string text, long bytes) =>
        Assert.Equal(bytes, ConfigParameters.ParseMemory(text));

    [Fact]
    public void Values_read_back_in_redis_format()
    {
        var settings = Defaults();
        Assert.Equal("10000", ConfigParameters.Find("maxclients")!.Get(settings));
        Assert.Equal("0", ConfigParameters.Find("timeout")!.Get(settings));
        Assert.Equal("300", ConfigParameters.Find("tcp-keepalive")!.Get(settings));
        Assert.Equal("536870912", ConfigParameters.Find("proto-max-bulk-len")!.Get(settings));
        Assert.Equal("no", ConfigParameters.Find("appendonly")!.Get(settings));
        Assert.Equal("normal 0 0 0 slave 268435456 67108864 60 pubsub 33554432 8388608 60",
            ConfigParameters.Find("client-output-buffer-limit")!.Get(settings));
    }

    [Fact]
    public void Mutable_parameters_change_at_run_time_and_immutable_ones_refuse()
    {
        var settings = Defaults();
        ConfigParameters.Find("maxclients")!.Set(settings, "7");
        Assert.Equal(7, settings.MaxClients);
        ConfigParameters.Find("timeout")!.Set(settings, "30");
        Assert.Equal(TimeSpan.FromSeconds(30), settings.Timeout);
        var error = Assert.Throws<FormatException>(() => ConfigParameters.Find("databases")!.Set(settings, "4"));
        Assert.Equal("can't set immutable config", error.Message);
        Assert.Throws<FormatException>(() => ConfigParameters.Find("maxclients")!.Set(settings, "many"));
        Assert.Throws<FormatException>(() => ConfigParameters.Find("maxmemory-policy")!.Set(settings, "sometimes"));
    }

    [Fact]
    public void Redis_values_become_hocon_assignments()
    {
        Assert.Equal([("akkakv.server.timeout", "30s")], ConfigParameters.Find("timeout")!.ToHocon("30"));
        Assert.Equal([("akkakv.server.requirepass", "\"p w\"")], ConfigParameters.Find("requirepass")!.ToHocon("p w"));
        Assert.Equal([("akkakv.server.appendonly", "true")], ConfigParameters.Find("appendonly")!.ToHocon("yes"));
        var limits = ConfigParameters.Find("client-output-buffer-limit")!.ToHocon("normal 1mb 512kb 10").ToList();
        Assert.Contains(("akkakv.server.client-output-buffer-limit.normal.hard", "1048576"), limits);
        Assert.Contains(("akkakv.server.client-output-buffer-limit.normal.soft-seconds", "10s"), limits);
    }

    [Fact]
    public void Every_parameter_applied_through_hocon_reads_back_the_same()
    {
        foreach (var parameter in ConfigParameters.Parameters)
        {
            var value = parameter.Get(Defaults());
            var config = AkkaKv.Hocon.Config.Empty;
            foreach (var (path, hocon) in parameter.ToHocon(value)) config = config.WithValue(path, hocon);
            var settings = new ServerSettings(config.WithFallback(ServerSettings.Reference));
            Assert.Equal(value, parameter.Get(settings));
        }
    }
}
