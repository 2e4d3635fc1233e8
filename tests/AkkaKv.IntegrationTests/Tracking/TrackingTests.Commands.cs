using AkkaKv.IntegrationTests.Infrastructure;

namespace AkkaKv.IntegrationTests.Tracking;

// CLIENT TRACKING's option checks, CLIENT CACHING, GETREDIR and TRACKINGINFO, broken redirections, and what CLIENT
// LIST, INFO and RESET show of tracking.
public sealed partial class TrackingTests
{
    private const string BroadcastSwitch =
        "ERR You can't switch BCAST mode on/off before disabling tracking for this client, and then re-enabling it with a different mode.";
    private const string OptInOutSwitch =
        "ERR You can't switch OPTIN/OPTOUT mode before disabling tracking for this client, and then re-enabling it with a different mode.";
    private const string CachingNeedsMode =
        "ERR CLIENT CACHING can be called only when the client is in tracking mode with OPTIN or OPTOUT mode enabled";

    [Theory]
    [InlineData("ERR PREFIX option requires BCAST mode to be enabled", "ON", "PREFIX", "a")]
    [InlineData("ERR OPTIN and OPTOUT are not compatible with BCAST", "ON", "BCAST", "OPTIN")]
    [InlineData("ERR You can't specify both OPTIN mode and OPTOUT mode", "ON", "OPTIN", "OPTOUT")]
    [InlineData("ERR The client ID you want redirect to does not exist", "ON", "REDIRECT", "999999999")]
    [InlineData("ERR value is not an integer or out of range", "ON", "REDIRECT", "x")]
    [InlineData("ERR syntax error", "ON", "BOGUS")]
    [InlineData("ERR syntax error", "ON", "PREFIX")]
    [InlineData("ERR syntax error", "MAYBE")]
    [InlineData("ERR Prefix 'ab' overlaps with another provided prefix 'a'. Prefixes for a single client must not overlap.",
        "ON", "BCAST", "PREFIX", "ab", "PREFIX", "a")]
    public void Tracking_refuses_bad_options_with_redis_errors(string error, params string[] options)
    {
        using var client = Connect();
        AssertError(error, client.Execute(["CLIENT", "TRACKING", .. options]));
        AssertInteger(-1, client.Execute("CLIENT", "GETREDIR"));
    }

    [Fact]
    public void Tracking_modes_can_only_change_after_tracking_is_turned_off()
    {
        using var client = Connect();
        AssertOk(client.Execute("CLIENT", "TRACKING", "ON", "BCAST", "PREFIX", "x"));
        AssertError(BroadcastSwitch, client.Execute("CLIENT", "TRACKING", "ON"));
        AssertError("ERR Prefix 'xy' overlaps with an existing prefix 'x'. Prefixes for a single client must not overlap.",
            client.Execute("CLIENT", "TRACKING", "ON", "BCAST", "PREFIX", "xy"));
        // Options given with OFF are read, then ignored.
        AssertOk(client.Execute("CLIENT", "TRACKING", "OFF", "BCAST", "NOLOOP"));
        AssertOk(client.Execute("CLIENT", "TRACKING", "ON", "OPTIN"));
        AssertError(OptInOutSwitch, client.Execute("CLIENT", "TRACKING", "ON", "OPTOUT"));
        AssertOk(client.Execute("CLIENT", "TRACKING", "ON", "OPTIN", "NOLOOP"));
    }

    [Fact]
    public void Caching_needs_the_matching_mode()
    {
        using var client = Connect();
        AssertError(CachingNeedsMode, client.Execute("CLIENT", "CACHING", "YES"));
        AssertOk(client.Execute("CLIENT", "TRACKING", "ON"));
        AssertError("ERR CLIENT CACHING YES is only valid when tracking is enabled in OPTIN mode.", client.Execute("CLIENT", "CACHING", "YES"));
        AssertOk(client.Execute("CLIENT", "TRACKING", "OFF"));
        AssertOk(client.Execute("CLIENT", "TRACKING", "ON", "OPTIN"));
        AssertError("ERR CLIENT CACHING NO is only valid when tracking is enabled in OPTOUT mode.", client.Execute("CLIENT", "CACHING", "NO"));
        AssertError("ERR syntax error", client.Execute("CLIENT", "CACHING", "maybe"));
        AssertOk(client.Execute("CLIENT", "TRACKING", "OFF"));
        AssertOk(client.Execute("CLIENT", "TRACKING", "ON", "OPTOUT"));
        AssertError("ERR CLIENT CACHING YES is only valid when tracking is enabled in OPTIN mode.", client.Execute("CLIENT", "CACHING", "YES"));
        AssertOk(client.Execute("CLIENT", "CACHING", "NO"));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Trackinginfo_reports_the_flags_redirection_and_prefixes(int protocol)
    {
        using var client = Connect(protocol);
        Assert.Equal(Expected("off", -1, ""), Info(client));
        AssertOk(client.Execute("CLIENT", "TRACKING", "ON", "OPTIN", "NOLOOP"));
        AssertOk(client.Execute("CLIENT", "CACHING", "YES"));
        Assert.Equal(Expected("on, optin, caching-yes, noloop", 0, ""), Info(client));
        AssertOk(client.Execute("CLIENT", "TRACKING", "OFF"));
        AssertOk(client.Execute("CLIENT", "TRACKING", "ON", "BCAST", "PREFIX", "b", "PREFIX", "a"));
        AssertOk(client.Execute("CLIENT", "TRACKING", "ON", "BCAST", "PREFIX", "c"));
        Assert.Equal(Expected("on, bcast", 0, "b, a, c"), Info(client));

        static string Info(AkkaKv.Protocol.RespClient client) => client.Execute("CLIENT", "TRACKINGINFO").ToString();
        string Expected(string flags, long redirect, string prefixes) => protocol == 3
            ? $"{{flags: ~[{flags}], redirect: (integer) {redirect}, prefixes: [{prefixes}]}}"
            : $"[flags, [{flags}], redirect, (integer) {redirect}, prefixes, [{prefixes}]]";
    }

    [Fact]
    public void A_redirection_to_a_client_that_went_is_reported_broken()
    {
        var key = NewKey();
        using var client = Connect(3);
        using var writer = Connect();
        long targetId;
        using (var target = Connect())
        {
            targetId = target.Execute("CLIENT", "ID").Integer;
            AssertOk(client.Execute("CLIENT", "TRACKING", "ON", "REDIRECT", targetId.ToString()));
        }
        client.Execute("GET", key);
        Assert.True(Eventually(() => writer.Execute("CLIENT", "LIST", "ID", targetId.ToString()).Text == ""));
        AssertOk(writer.Execute("SET", key, "v"));
        Assert.Equal($">[tracking-redir-broken, (integer) {targetId}]", Next(client));
        Assert.Contains("broken_redirect", client.Execute("CLIENT", "TRACKINGINFO").ToString());
        Assert.Contains($"flags=tR ", client.Execute("CLIENT", "INFO").Text);
    }

    [Fact]
    public void Client_list_info_and_reset_show_tracking()
    {
        using var client = Connect(3);
        using var observer = Connect();
        var before = InfoFields.Integer(observer, "clients", "tracking_clients");
        AssertOk(client.Execute("CLIENT", "TRACKING", "ON", "BCAST", "PREFIX", NewKey("info")));
        var info = client.Execute("CLIENT", "INFO").Text!;
        Assert.Contains(" flags=tB ", info);
        Assert.Contains(" redir=0 ", info);
        Assert.Equal(before + 1, InfoFields.Integer(observer, "clients", "tracking_clients"));
        Assert.True(InfoFields.Integer(observer, "stats", "tracking_total_prefixes") >= 1);
        client.Execute("RESET");
        Assert.Equal(before, InfoFields.Integer(observer, "clients", "tracking_clients"));
        info = client.Execute("CLIENT", "INFO").Text!;
        Assert.Contains(" flags=N ", info);
        Assert.Contains(" redir=-1 ", info);
    }
}
