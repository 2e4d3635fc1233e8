using AkkaKv.IntegrationTests.Infrastructure;

namespace AkkaKv.IntegrationTests.Commands;

/// <summary>Redis's unit/expire: EXPIRE and friends, TTL and friends, PERSIST, lazy and active expiry.</summary>
public sealed class ExpireCommandsTests(ServerFixture server) : CommandTestBase(server), IClassFixture<ServerFixture>
{
    private const string ActiveExpiryDb = "7";

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Expire_sets_timeouts_multiple_times(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        AssertOk(client.Execute("SET", key, "foobar"));
        AssertInteger(1, client.Execute("EXPIRE", key, "5"));
        Assert.InRange(client.Execute("TTL", key).Integer, 4, 5);
        AssertInteger(1, client.Execute("EXPIRE", key, "10"));
        AssertInteger(10, client.Execute("TTL", key));
        AssertInteger(1, client.Execute("EXPIRE", key, "2"));
        Assert.InRange(client.Execute("TTL", key).Integer, 1, 2);
        AssertBulk("foobar", client.Execute("GET", key));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Expire_of_a_missing_key_is_zero(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        AssertInteger(0, client.Execute("EXPIRE", key, "100"));
        AssertInteger(0, client.Execute("PEXPIRE", key, "100"));
        AssertInteger(0, client.Execute("EXPIREAT", key, "99999999999"));
        AssertInteger(0, client.Execute("PEXPIREAT", key, "99999999999999"));
        foreach (var option in new[] { "NX", "XX", "GT", "LT" }) AssertInteger(0, client.Execute("EXPIRE", key, "100", option));
        AssertInteger(0, client.Execute("EXISTS", key));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Ttl_and_friends_are_minus_one_without_expire_and_minus_two_when_missing(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        foreach (var command in new[] { "TTL", "PTTL", "EXPIRETIME", "PEXPIRETIME" }) AssertInteger(-2, client.Execute(command, key));
        AssertOk(client.Execute("SET", key, "v"));
        foreach (var command in new[] { "TTL", "PTTL", "EXPIRETIME", "PEXPIRETIME" }) AssertInteger(-1, client.Execute(command, key));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Ttl_is_in_seconds_and_pttl_in_milliseconds(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        AssertOk(client.Execute("SETEX", key, "10", "somevalue"));
        Assert.InRange(client.Execute("TTL", key).Integer, 9, 10);
        Assert.InRange(client.Execute("PTTL", key).Integer, 9000, 10000);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Expiretime_and_pexpiretime_return_absolute_times(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        var at = DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 100;
        AssertOk(client.Execute("SET", key, "v", "EXAT", at.ToString()));
        AssertInteger(at, client.Execute("EXPIRETIME", key));
        AssertInteger(at * 1000, client.Execute("PEXPIRETIME", key));
        AssertInteger(1, client.Execute("PEXPIREAT", key, "4000000000123"));
        AssertInteger(4000000000, client.Execute("EXPIRETIME", key));
        AssertInteger(4000000000123, client.Execute("PEXPIRETIME", key));
        AssertInteger(1, client.Execute("EXPIREAT", key, (at + 50).ToString()));
        AssertInteger(at + 50, client.Execute("EXPIRETIME", key));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Pexpire_and_psetex_set_sub_second_expires_and_keys_vanish(int protocol)
    {
        using var client = Connect(protocol);
        var a = NewKey("pexpire");
        var b = NewKey("psetex");
        var c = NewKey("pexpireat");
        var d = NewKey("setpx");
        AssertOk(client.Execute("SET", a, "v"));
        AssertInteger(1, client.Execute("PEXPIRE", a, "100"));
        AssertOk(client.Execute("PSETEX", b, "100", "v"));
        AssertOk(client.Execute("SET", c, "v"));
        AssertInteger(1, client.Execute("PEXPIREAT", c, (DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() + 100).ToString()));
        AssertOk(client.Execute("SET", d, "v", "PX", "100"));
        AssertTexts(["v", "v", "v", "v"], client.Execute("MGET", a, b, c, d));
        Thread.Sleep(250);
        AssertTexts([null, null, null, null], client.Execute("MGET", a, b, c, d));
        foreach (var key in new[] { a, b, c, d })
        {
            AssertInteger(0, client.Execute("EXISTS", key));
            AssertInteger(-2, client.Execute("TTL", key));
        }
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Expire_in_the_past_deletes_the_key(int protocol)
    {
        using var client = Connect(protocol);
        var keys = new[] { NewKey("neg"), NewKey("zero"), NewKey("at"), NewKey("pat") };
        foreach (var key in keys) AssertOk(client.Execute("SET", key, "v"));
        AssertInteger(1, client.Execute("EXPIRE", keys[0], "-10"));
        AssertInteger(1, client.Execute("PEXPIRE", keys[1], "0"));
        AssertInteger(1, client.Execute("EXPIREAT", keys[2], "1"));
        AssertInteger(1, client.Execute("PEXPIREAT", keys[3], "-9223372036854770000"));
        foreach (var key in keys) AssertInteger(-2, client.Execute("TTL", key));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Expire_should_not_resurrect_keys(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        AssertOk(client.Execute("SET", key, "bar"));
        AssertInteger(1, client.Execute("PEXPIRE", key, "50"));
        Thread.Sleep(150);
        AssertInteger(0, client.Execute("EXPIRE", key, "10"));
        AssertInteger(0, client.Execute("EXISTS", key));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Persist_undoes_an_expire(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        AssertOk(client.Execute("SET", key, "v", "EX", "100"));
        AssertInteger(1, client.Execute("PERSIST", key));
        AssertInteger(-1, client.Execute("TTL", key));
        AssertInteger(0, client.Execute("PERSIST", key));
        AssertInteger(0, client.Execute("PERSIST", NewKey()));
        AssertBulk("v", client.Execute("GET", key));
    }

    // ---- NX / XX / GT / LT (Redis 7.0) ------------------------------------------------------------------------

    [Theory]
    [InlineData(2, "EX 100", "200", "NX", 0, 98, 100)]
    [InlineData(3, "", "200", "NX", 1, 198, 200)]
    [InlineData(2, "EX 100", "200", "XX", 1, 198, 200)]
    [InlineData(3, "", "200", "XX", 0, -1, -1)]
    [InlineData(2, "EX 100", "200", "GT", 1, 198, 200)]
    [InlineData(3, "EX 200", "100", "GT", 0, 198, 200)]
    [InlineData(2, "", "200", "GT", 0, -1, -1)]
    [InlineData(3, "EX 100", "200", "LT", 0, 98, 100)]
    [InlineData(2, "EX 200", "100", "LT", 1, 98, 100)]
    [InlineData(3, "", "100", "LT", 1, 98, 100)]
    [InlineData(2, "EX 200", "100", "LT XX", 1, 98, 100)]
    [InlineData(3, "", "200", "LT XX", 0, -1, -1)]
    [InlineData(2, "EX 100", "200", "gt xx", 1, 198, 200)]
    [InlineData(3, "EX 100", "100", "LT", 0, 98, 100)]
    public void Expire_conditions(int protocol, string initialExpire, string seconds, string options, long expected, long ttlLow, long ttlHigh)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        AssertOk(client.Execute(["SET", key, "v", .. Split(initialExpire)]));
        AssertInteger(expected, client.Execute(["EXPIRE", key, seconds, .. Split(options)]));
        Assert.InRange(client.Execute("TTL", key).Integer, ttlLow, ttlHigh);
    }

    [Theory]
    [InlineData(2, "PEXPIRE")]
    [InlineData(3, "PEXPIRE")]
    public void Pexpire_conditions_use_the_same_rules(int protocol, string command)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        AssertOk(client.Execute("SET", key, "v", "PX", "100000"));
        AssertInteger(0, client.Execute(command, key, "200000", "NX"));
        AssertInteger(1, client.Execute(command, key, "200000", "GT"));
        AssertInteger(0, client.Execute(command, key, "300000", "LT"));
        AssertInteger(1, client.Execute(command, key, "150000", "LT"));
        Assert.InRange(client.Execute("PTTL", key).Integer, 140000, 150000);
    }

    [Theory]
    [InlineData(2, "EX 100", "-10", "LT")]
    [InlineData(3, "", "-10", "LT")]
    public void Expire_with_negative_expiry_deletes_even_with_options(int protocol, string initialExpire, string seconds, string options)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        AssertOk(client.Execute(["SET", key, "v", .. Split(initialExpire)]));
        AssertInteger(1, client.Execute(["EXPIRE", key, seconds, .. Split(options)]));
        AssertInteger(-2, client.Execute("TTL", key));
    }

    [Theory]
    [InlineData(2, "ERR GT and LT options at the same time are not compatible", "LT", "GT")]
    [InlineData(3, "ERR NX and XX, GT or LT options at the same time are not compatible", "NX", "GT")]
    [InlineData(2, "ERR NX and XX, GT or LT options at the same time are not compatible", "NX", "LT")]
    [InlineData(3, "ERR NX and XX, GT or LT options at the same time are not compatible", "NX", "XX")]
    [InlineData(2, "ERR NX and XX, GT or LT options at the same time are not compatible", "XX", "NX")]
    [InlineData(2, "ERR Unsupported option AB", "AB")]
    [InlineData(3, "ERR Unsupported option AB", "XX", "AB")]
    [InlineData(2, "ERR Unsupported option 100", "100")]
    public void Expire_with_conflicting_or_unsupported_options(int protocol, string error, params string[] options)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        AssertOk(client.Execute("SET", key, "v"));
        AssertError(error, client.Execute(["EXPIRE", key, "200", .. options]));
        AssertError(error, client.Execute(["PEXPIREAT", key, "99999999999999", .. options]));
        AssertInteger(-1, client.Execute("TTL", key));
    }

    // ---- Invalid and overflowing times ------------------------------------------------------------------------

    [Theory]
    [InlineData(2, "EXPIRE", "")]
    [InlineData(3, "EXPIRE", "abc")]
    [InlineData(2, "PEXPIRE", "1.5")]
    [InlineData(2, "EXPIREAT", "9223372036854775808")]
    [InlineData(3, "PEXPIREAT", "0x10")]
    public void Expire_with_a_non_integer_time_is_an_error(int protocol, string command, string time)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        AssertOk(client.Execute("SET", key, "v"));
        AssertError("ERR value is not an integer or out of range", client.Execute(command, key, time));
        AssertInteger(-1, client.Execute("TTL", key));
    }

    [Theory]
    [InlineData(2, "EXPIRE", "10000000000000000")]
    [InlineData(3, "EXPIRE", "9223370399119966")]
    [InlineData(2, "EXPIRE", "-9223372036854775808")]
    [InlineData(2, "PEXPIRE", "9223372036854770000")]
    [InlineData(3, "EXPIREAT", "9223372036854775807")]
    public void Expire_with_an_overflowing_time_is_an_invalid_expire_time(int protocol, string command, string time)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        AssertOk(client.Execute("SET", key, "v"));
        AssertError($"ERR invalid expire time in '{command.ToLowerInvariant()}' command", client.Execute(command, key, time));
        AssertInteger(-1, client.Execute("TTL", key));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Pexpireat_with_a_big_integer_works(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        AssertOk(client.Execute("SET", key, "v"));
        AssertInteger(1, client.Execute("PEXPIREAT", key, "9223372036854770000"));
        AssertInteger(9223372036854770000, client.Execute("PEXPIRETIME", key));
        Assert.True(client.Execute("TTL", key).Integer > 9_000_000_000_000_000 / 1000);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Expire_with_a_big_negative_integer_deletes(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        AssertOk(client.Execute("SET", key, "v"));
        AssertInteger(1, client.Execute("EXPIRE", key, "-9223372036854775"));
        AssertInteger(0, client.Execute("EXISTS", key));
    }

    [Fact]
    public void Expire_arity_errors()
    {
        using var client = Connect();
        AssertError("ERR wrong number of arguments for 'expire' command", client.Execute("EXPIRE", NewKey()));
        AssertError("ERR wrong number of arguments for 'ttl' command", client.Execute("TTL"));
        AssertError("ERR wrong number of arguments for 'persist' command", client.Execute("PERSIST", "a", "b"));
    }

    // ---- Lazy and active expiry ---------------------------------------------------------------------------------

    [Fact]
    public void Redis_should_actively_expire_keys_incrementally()
    {
        using var client = Connect();
        AssertOk(client.Execute("SELECT", ActiveExpiryDb));
        AssertOk(client.Execute("FLUSHDB"));
        for (var i = 0; i < 3; i++) AssertOk(client.Execute("PSETEX", $"key{i}", "100", "v"));
        AssertInteger(3, client.Execute("DBSIZE"));
        Assert.True(Eventually(() => client.Execute("DBSIZE").Integer == 0, 3000), "active expiry did not remove the keys");
    }

    [Fact]
    public void Redis_should_lazy_expire_keys()
    {
        using var client = Connect();
        AssertOk(client.Execute("SELECT", ActiveExpiryDb));
        AssertOk(client.Execute("FLUSHDB"));
        AssertOk(client.Execute("DEBUG", "SET-ACTIVE-EXPIRE", "0"));
        try
        {
            for (var i = 0; i < 3; i++) AssertOk(client.Execute("PSETEX", $"key{i}", "50", "v"));
            Thread.Sleep(200);
            AssertInteger(3, client.Execute("DBSIZE"));
            AssertTexts([null, null, null], client.Execute("MGET", "key0", "key1", "key2"));
            AssertInteger(0, client.Execute("DBSIZE"));
        }
        finally
        {
            AssertOk(client.Execute("DEBUG", "SET-ACTIVE-EXPIRE", "1"));
        }
    }

    [Fact]
    public void Expired_keys_are_counted_in_info_stats()
    {
        using var client = Connect();
        var before = ExpiredKeys(client);
        var key = NewKey();
        AssertOk(client.Execute("SET", key, "v", "PX", "20"));
        Thread.Sleep(100);
        AssertNull(client.Execute("GET", key));
        Assert.True(ExpiredKeys(client) >= before + 1);
    }

    [Fact]
    public void Expire_replies_are_integers_bytes()
    {
        var key = NewKey();
        var request = Command("SET", key, "v") + Command("EXPIRE", key, "100") + Command("TTL", key) + Command("TTL", NewKey());
        AssertRawReply("+OK\r\n:1\r\n:100\r\n:-2\r\n", request);
    }

    private static long ExpiredKeys(AkkaKv.Protocol.RespClient client)
    {
        var info = client.Execute("INFO", "stats").Text!;
        var line = info.Split("\r\n").Single(l => l.StartsWith("expired_keys:", StringComparison.Ordinal));
        return long.Parse(line["expired_keys:".Length..]);
    }

    private static string[] Split(string options) => options.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
