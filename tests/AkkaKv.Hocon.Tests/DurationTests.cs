namespace AkkaKv.Hocon.Tests;

public sealed class DurationTests
{
    [Theory]
    [InlineData("15s", 15_000)]
    [InlineData("100ms", 100)]
    [InlineData("\"2 minutes\"", 120_000)]
    [InlineData("1h", 3_600_000)]
    [InlineData("1d", 86_400_000)]
    [InlineData("1.5s", 1_500)]
    [InlineData("250", 250)]
    [InlineData("\"30 seconds\"", 30_000)]
    [InlineData("-1", -1)]
    public void Durations_parse_to_milliseconds(string text, long expectedMilliseconds)
    {
        var config = Config.ParseString($"t = {text}");

        Assert.Equal(TimeSpan.FromMilliseconds(expectedMilliseconds), config.GetDuration("t"));
    }

    [Fact]
    public void Sub_millisecond_units_keep_their_precision()
    {
        var config = Config.ParseString("us = 500us\nns = 1500ns");

        Assert.Equal(TimeSpan.FromMicroseconds(500), config.GetDuration("us"));
        Assert.Equal(TimeSpan.FromTicks(15), config.GetDuration("ns"));
    }

    [Fact]
    public void Unknown_unit_names_the_path_and_the_expected_format()
    {
        var config = Config.ParseString("timeout = 15 parsecs", "app.conf");

        var error = Assert.Throws<ConfigException>(() => config.GetDuration("timeout"));
        Assert.Contains("'timeout' has value '15 parsecs' (at app.conf:1)", error.Message, StringComparison.Ordinal);
        Assert.Contains("expected a duration", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Default_is_used_only_when_missing()
    {
        var config = Config.ParseString("t = 2s");

        Assert.Equal(TimeSpan.FromSeconds(2), config.GetDuration("t", TimeSpan.FromSeconds(9)));
        Assert.Equal(TimeSpan.FromSeconds(9), config.GetDuration("other", TimeSpan.FromSeconds(9)));
    }
}
