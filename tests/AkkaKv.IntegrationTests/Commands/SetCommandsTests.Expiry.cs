using AkkaKv.IntegrationTests.Infrastructure;

namespace AkkaKv.IntegrationTests.Commands;

/// <summary>
/// KeyDB's member expiry on sets (EXPIREMEMBER, EXPIREMEMBERAT, PEXPIREMEMBERAT): replies, lazy and active removal,
/// the set deleted with its last member, the journal.
/// </summary>
public sealed partial class SetCommandsTests
{
    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Expiremember_replies_as_keydb(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        client.Execute("SADD", key, "1", "2", "a");
        AssertInteger(1, client.Execute("EXPIREMEMBER", key, "a", "100"));
        AssertInteger(1, client.Execute("EXPIREMEMBER", key, "1", "100000", "ms"));
        AssertInteger(1, client.Execute("EXPIREMEMBER", key, "2", "100", "S"));
        AssertInteger(0, client.Execute("EXPIREMEMBER", key, "nope", "100"));
        AssertInteger(0, client.Execute("EXPIREMEMBER", NewKey("missing"), "a", "100"));
        AssertInteger(1, client.Execute("EXPIREMEMBERAT", key, "a", "99999999999"));
        AssertInteger(1, client.Execute("PEXPIREMEMBERAT", key, "a", "99999999999999"));
        AssertError("ERR Invalid unit arg", client.Execute("EXPIREMEMBER", key, "a", "100", "h"));
        AssertError("ERR Invalid number of arguments", client.Execute("EXPIREMEMBER", key, "a", "100", "s", "x"));
        AssertError("ERR value is not an integer or out of range", client.Execute("EXPIREMEMBER", key, "a", "soon"));
        AssertError("ERR invalid expire time in 'expiremember' command", client.Execute("EXPIREMEMBER", key, "a", "9223372036854775807"));
        AssertError("ERR wrong number of arguments for 'expirememberat' command", client.Execute("EXPIREMEMBERAT", key, "a"));
        AssertInteger(3, client.Execute("SCARD", key));

        var text = NewKey("string");
        client.Execute("SET", text, "x");
        AssertError(WrongType, client.Execute("EXPIREMEMBER", text, "x", "10"));
        var list = NewKey("list");
        client.Execute("RPUSH", list, "x");
        AssertError(WrongType, client.Execute("EXPIREMEMBER", list, "x", "10"));
    }

    [Theory]
    [InlineData(2, "intset")]
    [InlineData(3, "listpack")]
    [InlineData(2, "hashtable")]
    public void A_member_expires_lazily_and_the_set_goes_with_its_last_member(int protocol, string encoding)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        string[] members = encoding switch
        {
            "intset" => ["1", "2", "3"],
            "listpack" => ["a", "b", "c"],
            _ => [.. Enumerable.Range(0, 200).Select(i => "m" + i)],
        };
        client.Execute(["SADD", key, .. members]);
        AssertEncoding(client, key, encoding);
        AssertInteger(1, client.Execute("EXPIREMEMBER", key, members[0], "100", "ms"));
        AssertInteger(1, client.Execute("SISMEMBER", key, members[0]));
        Assert.True(Eventually(() => client.Execute("SISMEMBER", key, members[0]).Integer == 0, 3000));
        AssertInteger(members.Length - 1, client.Execute("SCARD", key));
        Assert.DoesNotContain(members[0], Texts(client.Execute("SMEMBERS", key)));

        var last = NewKey();
        client.Execute("SADD", last, members[1]);
        AssertInteger(1, client.Execute("EXPIREMEMBER", last, members[1], "50", "ms"));
        Assert.True(Eventually(() => client.Execute("EXISTS", last).Integer == 0, 3000));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void A_deadline_in_the_past_removes_the_member_at_once(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        client.Execute("SADD", key, "1", "2");
        AssertInteger(1, client.Execute("EXPIREMEMBERAT", key, "1", "1"));
        AssertTexts(["2"], client.Execute("SMEMBERS", key));
        AssertInteger(1, client.Execute("EXPIREMEMBER", key, "2", "-5"));
        AssertInteger(0, client.Execute("EXISTS", key));
    }

    [Fact]
    public void Members_nobody_reads_expire_actively()
    {
        using var client = Connect();
        AssertOk(client.Execute("SELECT", "7"));
        client.Execute("FLUSHDB");
        // Far enough ahead that the 80 setup commands finish first, even on a loaded CI machine.
        var at = (DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() + 1500).ToString();
        for (var i = 0; i < 20; i++)
        {
            var key = NewKey("active");
            client.Execute("SADD", key, "a", "b", "1");
            foreach (var member in new[] { "a", "b", "1" }) client.Execute("PEXPIREMEMBERAT", key, member, at);
        }
        AssertInteger(20, client.Execute("DBSIZE"));
        Assert.True(Eventually(() => client.Execute("DBSIZE").Integer == 0, 6500));
    }

    [Fact]
    public async Task Member_expiry_is_journaled_with_absolute_times_and_srem()
    {
        await using var node = JournaledNode.Start();
        using var client = ServerFixture.Connect(node.Port);
        client.Execute("SADD", "s", "1", "2", "3");
        var before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        client.Execute("EXPIREMEMBER", "s", "1", "100", "ms");
        Assert.True(node.Eventually(e => e.StartsWith("PEXPIREMEMBERAT s 1 ", StringComparison.Ordinal)
            && long.Parse(e["PEXPIREMEMBERAT s 1 ".Length..]) is var at && at >= before + 100 && at <= before + 5_100));
        client.Execute("EXPIREMEMBERAT", "s", "2", "1");
        Assert.True(node.Eventually("SREM s 2"));
        Assert.True(node.Eventually("SREM s 1"));
        AssertTexts(["3"], client.Execute("SMEMBERS", "s"));
    }
}
