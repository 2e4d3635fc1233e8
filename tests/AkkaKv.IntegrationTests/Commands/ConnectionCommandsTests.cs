using AkkaKv.IntegrationTests.Infrastructure;
using AkkaKv.Protocol;

namespace AkkaKv.IntegrationTests.Commands;

/// <summary>
/// Connection commands (Redis's unit/protocol, unit/auth and the HELLO parts of unit/info-command): PING, ECHO,
/// HELLO 2/3 with AUTH and SETNAME, AUTH, SELECT, QUIT, RESET, and the unknown-command and arity errors.
/// </summary>
public sealed class ConnectionCommandsTests(ServerFixture server) : CommandTestBase(server), IClassFixture<ServerFixture>
{
    private const string NoAuthHello =
        "NOAUTH HELLO must be called with the client already authenticated, otherwise the HELLO <proto> AUTH <user> <pass> " +
        "option can be used to authenticate the client and select the RESP protocol version at the same time";

    // ---- PING / ECHO ----------------------------------------------------------------------------------------

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Ping_answers_pong_or_its_argument(int protocol)
    {
        using var client = Connect(protocol);
        AssertSimple("PONG", client.Execute("PING"));
        AssertBulk("hello world", client.Execute("PING", "hello world"));
        AssertError("ERR wrong number of arguments for 'ping' command", client.Execute("PING", "a", "b"));
    }

    [Fact]
    public void Ping_bytes() => AssertRawReply("+PONG\r\n$5\r\nhello\r\n", Command("PING") + Command("PING", "hello"));

    [Fact]
    public void Inline_ping_bytes() => AssertRawReply("+PONG\r\n", "PING\r\n");

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Echo_returns_its_argument(int protocol)
    {
        using var client = Connect(protocol);
        AssertBulk("hello", client.Execute("ECHO", "hello"));
        AssertBulk("", client.Execute("ECHO", ""));
        AssertError("ERR wrong number of arguments for 'echo' command", client.Execute("ECHO"));
        AssertError("ERR wrong number of arguments for 'echo' command", client.Execute("ECHO", "a", "b"));
    }

    // ---- Unknown commands and arity -------------------------------------------------------------------------

    [Fact]
    public void Unknown_command_error_quotes_its_arguments_bytes()
    {
        AssertRawReply("-ERR unknown command 'foo', with args beginning with: 'bar' \r\n", Command("foo", "bar"));
        AssertRawReply("-ERR unknown command 'foo', with args beginning with: 'bar' 'baz' \r\n", Command("foo", "bar", "baz"));
        AssertRawReply("-ERR unknown command 'foo', with args beginning with: \r\n", Command("foo"));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Unknown_command_error_quotes_at_most_128_bytes_of_arguments(int protocol)
    {
        using var client = Connect(protocol);
        var longArgument = new string('a', 200);
        AssertError($"ERR unknown command 'nosuchcommand', with args beginning with: '{new string('a', 128)}' ",
            client.Execute("nosuchcommand", longArgument, "more"));
        AssertError($"ERR unknown command '{new string('c', 128)}', with args beginning with: ",
            client.Execute(new string('c', 200)));
    }

    [Fact]
    public void Error_replies_never_contain_newlines_bytes()
    {
        // Redis replaces \r and \n in error texts with spaces so the reply stays one line.
        AssertRawReply("-ERR unknown command 'foo', with args beginning with: 'a  b' \r\n", Command("foo", "a\r\nb"));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Command_names_are_case_insensitive(int protocol)
    {
        using var client = Connect(protocol);
        AssertSimple("PONG", client.Execute("pInG"));
        var key = NewKey();
        AssertOk(client.Execute("sEt", key, "v"));
        AssertBulk("v", client.Execute("get", key));
    }

    [Fact]
    public void Wrong_arity_bytes() => AssertRawReply("-ERR wrong number of arguments for 'get' command\r\n", Command("GET"));

    // ---- HELLO ----------------------------------------------------------------------------------------------

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Hello_replies_the_server_description(int protocol)
    {
        using var client = Connect();
        var reply = client.Execute("HELLO", protocol.ToString());
        var map = AssertMap(reply, protocol);
        Assert.Equal(["server", "version", "proto", "id", "mode", "role", "modules"], map.Keys);
        AssertBulk("redis", map["server"]);
        // AkkaKv follows Redis 7.2 and reports a 7.2 version.
        Assert.StartsWith("7.2.", map["version"].Text, StringComparison.Ordinal);
        AssertInteger(protocol, map["proto"]);
        AssertInteger(client.Execute("CLIENT", "ID").Integer, map["id"]);
        AssertBulk("standalone", map["mode"]);
        AssertBulk("master", map["role"]);
        Assert.Equal(RespType.Array, map["modules"].Type);
        Assert.Empty(map["modules"].Items!);
    }

    [Fact]
    public void Hello_without_arguments_keeps_the_protocol()
    {
        using var client = Connect();
        AssertMap(client.Execute("HELLO"), 2);
        AssertMap(client.Execute("HELLO", "3"), 3);
        var again = AssertMap(client.Execute("HELLO"), 3);
        AssertInteger(3, again["proto"]);
        AssertMap(client.Execute("HELLO", "2"), 2);
        AssertNull(client.Execute("GET", NewKey()));
    }

    [Fact]
    public void Hello_3_is_a_resp3_map_bytes()
    {
        using var socket = Server.RawSocket();
        var reply = ServerFixture.Exchange(socket, Command("HELLO", "3"), 60, 2000);
        Assert.StartsWith("%7\r\n$6\r\nserver\r\n$5\r\nredis\r\n$7\r\nversion\r\n", reply, StringComparison.Ordinal);
    }

    [Fact]
    public void Hello_switches_the_null_encoding_bytes()
    {
        using var socket = Server.RawSocket();
        var key = NewKey();
        Assert.Equal("$-1\r\n", ServerFixture.Exchange(socket, Command("GET", key), 5, 2000));
        SwitchToResp3(socket);
        Assert.Equal("_\r\n", ServerFixture.Exchange(socket, Command("GET", key), 3, 2000));
        socket.Send(System.Text.Encoding.UTF8.GetBytes(Command("HELLO", "2") + Command("ECHO", "marker")));
        var back = ReadUntil(socket, "$6\r\nmarker\r\n");
        Assert.StartsWith("*14\r\n", back, StringComparison.Ordinal);
        Assert.Equal("$-1\r\n", ServerFixture.Exchange(socket, Command("GET", key), 5, 2000));
    }

    [Theory]
    [InlineData(2, "NOPROTO unsupported protocol version", "4")]
    [InlineData(3, "NOPROTO unsupported protocol version", "1")]
    [InlineData(2, "NOPROTO unsupported protocol version", "-3")]
    [InlineData(2, "ERR Protocol version is not an integer or out of range", "abc")]
    [InlineData(3, "ERR Protocol version is not an integer or out of range", "3.0")]
    [InlineData(2, "ERR Syntax error in HELLO option 'foo'", "3", "foo")]
    [InlineData(2, "ERR Syntax error in HELLO option 'AUTH'", "3", "AUTH", "default")]
    [InlineData(3, "ERR Syntax error in HELLO option 'SETNAME'", "2", "SETNAME")]
    [InlineData(2, "ERR Client names cannot contain spaces, newlines or special characters.", "3", "SETNAME", "a b")]
    [InlineData(3, "ERR Client names cannot contain spaces, newlines or special characters.", "2", "SETNAME", "a\nb")]
    [InlineData(2, "WRONGPASS invalid username-password pair or user is disabled.", "3", "AUTH", "bob", "pw")]
    public void Hello_errors_leave_the_connection_unchanged(int protocol, string error, params string[] args)
    {
        using var client = Connect(protocol);
        AssertError(error, client.Execute(["HELLO", .. args]));
        // The failed HELLO changed neither the protocol nor the name.
        AssertNull(client.Execute("CLIENT", "GETNAME"));
        var info = AssertVerbatimText(client.Execute("CLIENT", "INFO"), protocol);
        Assert.Contains($" resp={protocol} ", info, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Hello_setname_and_auth_apply_together(int protocol)
    {
        using var client = Connect();
        var map = AssertMap(client.Execute("HELLO", protocol.ToString(), "AUTH", "default", "anything", "SETNAME", "myname"), protocol);
        AssertInteger(protocol, map["proto"]);
        AssertBulk("myname", client.Execute("CLIENT", "GETNAME"));
        AssertMap(client.Execute("HELLO", protocol.ToString(), "setname", "other"), protocol);
        AssertBulk("other", client.Execute("CLIENT", "GETNAME"));
    }

    // ---- AUTH -----------------------------------------------------------------------------------------------

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Auth_without_a_configured_password(int protocol)
    {
        using var client = Connect(protocol);
        AssertError("ERR AUTH <password> called without any password configured for the default user. Are you sure your configuration is correct?",
            client.Execute("AUTH", "pw"));
        AssertError("ERR syntax error", client.Execute("AUTH", "a", "b", "c"));
        // The default user has nopass: any password is accepted with the user name.
        AssertOk(client.Execute("AUTH", "default", "whatever"));
        AssertError("WRONGPASS invalid username-password pair or user is disabled.", client.Execute("AUTH", "bob", "pw"));
        AssertError("ERR wrong number of arguments for 'auth' command", client.Execute("AUTH"));
    }

    [Fact]
    public async Task Auth_with_requirepass()
    {
        await using var node = ServerFixture.Start("akkakv.server.requirepass = \"secret\"");
        using var client = ServerFixture.Connect(node.EndPoint.Port);
        AssertError("NOAUTH Authentication required.", client.Execute("GET", "x"));
        AssertError("NOAUTH Authentication required.", client.Execute("PING"));
        AssertError(NoAuthHello, client.Execute("HELLO", "3"));
        AssertError("WRONGPASS invalid username-password pair or user is disabled.", client.Execute("AUTH", "wrong"));
        AssertError("WRONGPASS invalid username-password pair or user is disabled.", client.Execute("AUTH", "default", "wrong"));
        AssertError("WRONGPASS invalid username-password pair or user is disabled.", client.Execute("HELLO", "2", "AUTH", "default", "wrong"));
        AssertError("NOAUTH Authentication required.", client.Execute("GET", "x"));
        AssertOk(client.Execute("AUTH", "secret"));
        AssertNull(client.Execute("GET", "x"));
        AssertOk(client.Execute("AUTH", "default", "secret"));
        AssertError("WRONGPASS invalid username-password pair or user is disabled.", client.Execute("AUTH", "wrong"));
        // A failed AUTH does not undo an earlier successful one.
        AssertNull(client.Execute("GET", "x"));
    }

    [Fact]
    public async Task Hello_auth_authenticates_and_reset_forgets_it()
    {
        await using var node = ServerFixture.Start("akkakv.server.requirepass = \"secret\"");
        using var client = ServerFixture.Connect(node.EndPoint.Port);
        var map = AssertMap(client.Execute("HELLO", "3", "AUTH", "default", "secret", "SETNAME", "bob"), 3);
        AssertInteger(3, map["proto"]);
        AssertBulk("bob", client.Execute("CLIENT", "GETNAME"));
        AssertSimple("RESET", client.Execute("RESET"));
        AssertError("NOAUTH Authentication required.", client.Execute("GET", "x"));
        AssertOk(client.Execute("AUTH", "secret"));
        AssertNull(client.Execute("GET", "x"));
    }

    [Fact]
    public async Task Quit_works_without_authentication()
    {
        await using var node = ServerFixture.Start("akkakv.server.requirepass = \"secret\"");
        using var client = ServerFixture.Connect(node.EndPoint.Port);
        AssertOk(client.Execute("QUIT"));
        Assert.True(client.WaitClosed(TimeSpan.FromSeconds(5)));
    }

    // ---- SELECT ---------------------------------------------------------------------------------------------

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Select_isolates_databases(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        AssertOk(client.Execute("SELECT", "1"));
        AssertOk(client.Execute("SET", key, "in-db1"));
        AssertOk(client.Execute("SELECT", "0"));
        AssertNull(client.Execute("GET", key));
        AssertOk(client.Execute("SELECT", "15"));
        AssertNull(client.Execute("GET", key));
        AssertOk(client.Execute("SELECT", "1"));
        AssertBulk("in-db1", client.Execute("GET", key));
    }

    [Theory]
    [InlineData(2, "16", "ERR DB index is out of range")]
    [InlineData(3, "-1", "ERR DB index is out of range")]
    [InlineData(2, "abc", "ERR value is not an integer or out of range")]
    [InlineData(3, "1.5", "ERR value is not an integer or out of range")]
    [InlineData(2, "99999999999", "ERR value is not an integer or out of range")]
    public void Select_rejects_bad_indexes(int protocol, string index, string error)
    {
        using var client = Connect(protocol);
        AssertError(error, client.Execute("SELECT", index));
    }

    // ---- QUIT / RESET ---------------------------------------------------------------------------------------

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Quit_replies_ok_and_closes(int protocol)
    {
        using var client = Connect(protocol);
        AssertOk(client.Execute("QUIT"));
        Assert.True(client.WaitClosed(TimeSpan.FromSeconds(5)), "the connection stayed open after QUIT");
    }

    [Fact]
    public void Quit_bytes() => AssertRawReply("+OK\r\n", Command("QUIT"));

    [Fact]
    public void Commands_pipelined_after_quit_are_not_run()
    {
        var key = NewKey();
        Assert.Equal("+OK\r\n", RawExchange(Command("QUIT") + Command("SET", key, "v"), 10));
        using var client = Connect();
        AssertInteger(0, client.Execute("EXISTS", key));
    }

    [Fact]
    public void Reset_restores_the_connection_state()
    {
        using var client = Connect(3);
        AssertOk(client.Execute("SELECT", "3"));
        AssertOk(client.Execute("CLIENT", "SETNAME", "resetme"));
        AssertOk(client.Execute("CLIENT", "NO-EVICT", "ON"));
        AssertOk(client.Execute("CLIENT", "NO-TOUCH", "ON"));
        var id = client.Execute("CLIENT", "ID").Integer;
        AssertSimple("RESET", client.Execute("RESET"));
        var info = AssertVerbatimText(client.Execute("CLIENT", "INFO"), 2);
        Assert.Contains($"id={id} ", info, StringComparison.Ordinal);
        Assert.Contains(" name= ", info, StringComparison.Ordinal);
        Assert.Contains(" db=0 ", info, StringComparison.Ordinal);
        Assert.Contains(" flags=N ", info, StringComparison.Ordinal);
        Assert.Contains(" resp=2 ", info, StringComparison.Ordinal);
        AssertNull(client.Execute("CLIENT", "GETNAME"));
    }

    [Fact]
    public void Reset_switches_back_to_resp2_bytes()
    {
        using var socket = Server.RawSocket();
        SwitchToResp3(socket);
        Assert.Equal("+RESET\r\n$-1\r\n", ServerFixture.Exchange(socket, Command("RESET") + Command("GET", NewKey()), 13, 2000));
    }

    [Fact]
    public void Reset_turns_client_reply_back_on()
    {
        using var client = Connect();
        client.Send("CLIENT", "REPLY", "OFF");
        client.Send("PING");
        AssertSimple("RESET", client.Execute("RESET"));
        AssertSimple("PONG", client.Execute("PING"));
    }

    [Fact]
    public void Reset_arity_error()
    {
        using var client = Connect();
        AssertError("ERR wrong number of arguments for 'reset' command", client.Execute("RESET", "x"));
    }
}
