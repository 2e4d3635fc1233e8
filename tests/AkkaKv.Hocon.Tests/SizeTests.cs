namespace AkkaKv.Hocon.Tests;

public sealed class SizeTests
{
    [Theory]
    [InlineData("512mb", 536_870_912L)]
    [InlineData("1gb", 1_073_741_824L)]
    [InlineData("1GB", 1_073_741_824L)]
    [InlineData("64k", 64_000L)]
    [InlineData("64K", 64_000L)]
    [InlineData("1kb", 1_024L)]
    [InlineData("1KB", 1_024L)]
    [InlineData("2m", 2_000_000L)]
    [InlineData("3g", 3_000_000_000L)]
    [InlineData("100b", 100L)]
    [InlineData("4096", 4_096L)]
    public void Redis_memory_units(string text, long expected)
    {
        Assert.Equal(expected, Config.ParseString($"size = {text}").GetBytes("size"));
    }

    [Theory]
    [InlineData("10MiB", 10_485_760L)]
    [InlineData("1kB", 1_000L)]
    [InlineData("\"2 KiB\"", 2_048L)]
    [InlineData("\"3 kilobytes\"", 3_000L)]
    [InlineData("\"1 kibibyte\"", 1_024L)]
    [InlineData("1TB", 1_000_000_000_000L)]
    [InlineData("1TiB", 1_099_511_627_776L)]
    [InlineData("\"5 bytes\"", 5L)]
    [InlineData("1.5GiB", 1_610_612_736L)]
    public void Hocon_memory_units(string text, long expected)
    {
        Assert.Equal(expected, Config.ParseString($"size = {text}").GetBytes("size"));
    }

    [Fact]
    public void Unknown_unit_is_a_config_error()
    {
        var config = Config.ParseString("size = 12 parsecs");

        var error = Assert.Throws<ConfigException>(() => config.GetBytes("size"));
        Assert.Contains("expected a size in bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Overflow_is_a_config_error_not_a_wrapped_value()
    {
        var config = Config.ParseString("size = 100000000000gb");

        Assert.Throws<ConfigException>(() => config.GetBytes("size"));
    }

    [Fact]
    public void Default_is_used_only_when_missing()
    {
        var config = Config.ParseString("size = 1k");

        Assert.Equal(1000, config.GetBytes("size", 5));
        Assert.Equal(5, config.GetBytes("missing", 5));
    }
}
