namespace AkkaKv.Hocon.Tests;

public sealed class TypedGetterTests
{
    private static readonly Config Sample = Config.ParseString("""
        akkakv {
          port = 6379
          big = 9000000000
          ratio = 0.75
          name = akkakv
          text-port = "123"
          whole = 5.0
          empty {}
          nothing = null
        }
        """, "sample.conf");

    [Fact]
    public void Numbers_read_as_int_long_and_double()
    {
        Assert.Equal(6379, Sample.GetInt("akkakv.port"));
        Assert.Equal(9_000_000_000L, Sample.GetLong("akkakv.big"));
        Assert.Equal(0.75, Sample.GetDouble("akkakv.ratio"));
        Assert.Equal(123, Sample.GetInt("akkakv.text-port"));
        Assert.Equal(5, Sample.GetInt("akkakv.whole"));
    }

    [Fact]
    public void Int_out_of_range_is_reported()
    {
        var error = Assert.Throws<ConfigException>(() => Sample.GetInt("akkakv.big"));

        Assert.Contains("'akkakv.big'", error.Message, StringComparison.Ordinal);
        Assert.Contains("out of range", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_where_a_number_is_expected_names_path_value_origin_and_expectation()
    {
        var error = Assert.Throws<ConfigException>(() => Sample.GetInt("akkakv.name"));

        Assert.Equal("Configuration path 'akkakv.name' has value 'akkakv' (at sample.conf:5); expected a 32-bit integer", error.Message);
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("yes", true)]
    [InlineData("on", true)]
    [InlineData("false", false)]
    [InlineData("no", false)]
    [InlineData("off", false)]
    [InlineData("\"ON\"", true)]
    public void Booleans_accept_the_six_spellings(string text, bool expected)
    {
        Assert.Equal(expected, Config.ParseString($"b = {text}").GetBoolean("b"));
    }

    [Fact]
    public void Bad_boolean_is_reported()
    {
        var error = Assert.Throws<ConfigException>(() => Config.ParseString("b = maybe").GetBoolean("b"));

        Assert.Contains("expected a boolean", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_path_names_the_path_and_the_expected_type()
    {
        var error = Assert.Throws<ConfigException>(() => Sample.GetString("akkakv.missing"));

        Assert.Equal("Configuration path 'akkakv.missing' is missing; expected a string", error.Message);
    }

    [Fact]
    public void Null_is_absent_for_defaults_and_an_error_for_required_reads()
    {
        Assert.False(Sample.HasPath("akkakv.nothing"));
        Assert.Equal("fallback", Sample.GetString("akkakv.nothing", "fallback"));
        var error = Assert.Throws<ConfigException>(() => Sample.GetString("akkakv.nothing"));
        Assert.Contains("is null", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Defaults_apply_only_when_missing()
    {
        Assert.Equal(6379, Sample.GetInt("akkakv.port", 1));
        Assert.Equal(1, Sample.GetInt("akkakv.nope", 1));
        Assert.Equal(2L, Sample.GetLong("akkakv.nope", 2L));
        Assert.True(Sample.GetBoolean("akkakv.nope", true));
        Assert.Equal("d", Sample.GetString("akkakv.nope", "d"));
    }

    [Fact]
    public void Default_does_not_hide_a_wrong_type()
    {
        Assert.Throws<ConfigException>(() => Sample.GetInt("akkakv.name", 1));
        Assert.Throws<ConfigException>(() => Sample.GetString("akkakv.empty", "x"));
    }

    [Fact]
    public void Get_config_returns_a_subtree_or_empty()
    {
        var server = Sample.GetConfig("akkakv");

        Assert.Equal(6379, server.GetInt("port"));
        Assert.True(Sample.GetConfig("akkakv.empty").IsEmpty);
        Assert.True(Sample.GetConfig("no.such.path").IsEmpty);
        Assert.Throws<ConfigException>(() => Sample.GetConfig("akkakv.port"));
    }

    [Fact]
    public void Has_path_does_not_go_through_a_scalar()
    {
        Assert.True(Sample.HasPath("akkakv.port"));
        Assert.False(Sample.HasPath("akkakv.port.deeper"));
        Assert.True(Sample.HasPath("akkakv.empty"));
    }

    [Fact]
    public void Invalid_path_expression_is_a_config_error()
    {
        var error = Assert.Throws<ConfigException>(() => Sample.HasPath("akkakv..port"));

        Assert.Contains("akkakv..port", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Keys_lists_root_children_in_order()
    {
        var config = Config.ParseString("b = 1\na { x = 1 }\nc = null\nd = 2");

        Assert.Equal(["b", "a", "d"], config.Keys);
    }
}
