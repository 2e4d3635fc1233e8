namespace AkkaKv.Server.Tests.Sessions;

public sealed class AuthenticationTests
{
    [Fact]
    public async Task Commands_need_auth_when_requirepass_is_set()
    {
        await using var node = new TestNode(hocon: "akkakv.server.requirepass = secret");
        var connection = node.Connect();
        Assert.Equal("-NOAUTH Authentication required.\r\n", connection.Command("GET", "a"));
        Assert.Equal("-WRONGPASS invalid username-password pair or user is disabled.\r\n", connection.Command("AUTH", "wrong"));
        Assert.Equal("+OK\r\n", connection.Command("AUTH", "secret"));
        Assert.Equal("$-1\r\n", connection.Command("GET", "a"));
    }

    [Fact]
    public async Task Hello_can_authenticate_and_switch_to_resp3()
    {
        await using var node = new TestNode(hocon: "akkakv.server.requirepass = secret");
        var connection = node.Connect();
        var reply = connection.Command("HELLO", "3", "AUTH", "default", "secret", "SETNAME", "me");
        Assert.StartsWith("%7\r\n$6\r\nserver\r\n$5\r\nredis\r\n", reply);
        Assert.Equal("_\r\n", connection.Command("GET", "missing"));
        Assert.Equal("$2\r\nme\r\n", connection.Command("CLIENT", "GETNAME"));
    }

    [Fact]
    public async Task Before_auth_big_requests_are_protocol_errors_as_in_redis()
    {
        await using var node = new TestNode(hocon: "akkakv.server.requirepass = secret");
        var (output, closed) = node.Connect().SendForResult("*11\r\n");
        Assert.Equal("-ERR Protocol error: unauthenticated multibulk length\r\n", output);
        Assert.True(closed);
    }
}
