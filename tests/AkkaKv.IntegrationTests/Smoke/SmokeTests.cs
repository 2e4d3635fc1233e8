using AkkaKv.IntegrationTests.Infrastructure;

namespace AkkaKv.IntegrationTests.Smoke;

public sealed class SmokeTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    [Fact]
    public void Ping_answers_pong()
    {
        using var client = server.Client();
        Assert.Equal("PONG", client.Execute("PING").ToString());
    }

    [Fact]
    public void Set_then_get_round_trips()
    {
        using var client = server.Client();
        client.Execute("SET", "smoke:key", "value");
        Assert.Equal("value", client.Execute("GET", "smoke:key").ToString());
    }
}
