using System.Text;
using AkkaKv.IntegrationTests.Infrastructure;
using AkkaKv.Protocol;

namespace AkkaKv.IntegrationTests.Commands;

/// <summary>Redis's unit/type/string and unit/type/incr: the string commands, under RESP2 and RESP3.</summary>
public sealed class StringCommandsTests(ServerFixture server) : CommandTestBase(server), IClassFixture<ServerFixture>
{
    // ---- SET / GET ----------------------------------------------------------------------------------------------

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Set_then_get_round_trips_binary_values(int protocol)
    {
        using var client = Connect(protocol);
        var key = Encoding.UTF8.GetBytes(NewKey());
        byte[] value = [0, 1, 2, (byte)'\r', (byte)'\n', 255, (byte)'x'];
        AssertOk(client.Execute("SET"u8.ToArray(), key, value));
        var reply = client.Execute("GET"u8.ToArray(), key);
        Assert.Equal(RespType.BulkString, reply.Type);
        Assert.Equal(value, reply.Bytes);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Get_of_a_missing_key_is_null(int protocol)
    {
        using var client = Connect(protocol);
        AssertNull(client.Execute("GET", NewKey()));
    }

    [Fact]
    public void Get_of_a_missing_key_is_a_null_bulk_under_resp2_bytes() => AssertRawReply("$-1\r\n", Command("GET", NewKey()));

    [Fact]
    public void Get_of_a_missing_key_is_the_resp3_null_bytes() => AssertRawReply("_\r\n", Command("GET", NewKey()), protocol: 3);

    [Fact]
    public void Get_of_a_value_is_a_bulk_string_bytes()
    {
        var key = NewKey();
        AssertRawReply("+OK\r\n$5\r\nhello\r\n", Command("SET", key, "hello") + Command("GET", key));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Set_with_empty_value_stores_an_empty_string(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        AssertOk(client.Execute("SET", key, ""));
        AssertBulk("", client.Execute("GET", key));
        AssertInteger(1, client.Execute("EXISTS", key));
    }

    [Theory]
    [InlineData(2, "NX", "XX")]
    [InlineData(3, "XX", "NX")]
    [InlineData(2, "EX", "10", "PX", "100")]
    [InlineData(3, "PX", "100", "EX", "10")]
    [InlineData(2, "EX", "10", "EXAT", "99999999999")]
    [InlineData(2, "KEEPTTL", "EX", "10")]
    [InlineData(3, "EX", "10", "KEEPTTL")]
    [InlineData(2, "PXAT", "99999999999999", "KEEPTTL")]
    [InlineData(2, "EX")]
    [InlineData(3, "PX")]
    [InlineData(2, "FOO")]
    [InlineData(2, "PERSIST")]
    public void Set_with_conflicting_or_unknown_options_is_a_syntax_error(int protocol, params string[] options)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        AssertError("ERR syntax error", client.Execute(["SET", key, "v", .. options]));
        AssertInteger(0, client.Execute("EXISTS", key));
    }

    [Theory]
    [InlineData(2, "EX", "0")]
    [InlineData(3, "EX", "-1")]
    [InlineData(2, "PX", "0")]
    [InlineData(3, "PX", "-100")]
    [InlineData(2, "EXAT", "0")]
    [InlineData(2, "PXAT", "-1")]
    [InlineData(3, "EX", "10000000000000000")]
    [InlineData(2, "EX", "-9999999999999999")]
    [InlineData(2, "EX", "9223372036854775")]
    [InlineData(3, "PX", "9223372036854775807")]
    [InlineData(2, "EXAT", "9223372036854775807")]
    public void Set_with_a_non_positive_or_overflowing_expire_is_an_invalid_expire_time(int protocol, string option, string time)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        AssertError("ERR invalid expire time in 'set' command", client.Execute("SET", key, "v", option, time));
        AssertInteger(0, client.Execute("EXISTS", key));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Set_with_a_non_integer_expire_is_not_an_integer(int protocol)
    {
        using var client = Connect(protocol);
        AssertError("ERR value is not an integer or out of range", client.Execute("SET", NewKey(), "v", "EX", "abc"));
        AssertError("ERR value is not an integer or out of range", client.Execute("SET", NewKey(), "v", "PX", "1.5"));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Set_nx_sets_only_a_missing_key(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        AssertOk(client.Execute("SET", key, "first", "NX"));
        AssertNull(client.Execute("SET", key, "second", "nx"));
        AssertBulk("first", client.Execute("GET", key));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Set_xx_sets_only_an_existing_key(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        AssertNull(client.Execute("SET", key, "first", "XX"));
        AssertInteger(0, client.Execute("EXISTS", key));
        AssertOk(client.Execute("SET", key, "first"));
        AssertOk(client.Execute("SET", key, "second", "xx"));
        AssertBulk("second", client.Execute("GET", key));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Set_get_returns_the_old_value_or_null(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        AssertNull(client.Execute("SET", key, "one", "GET"));
        AssertBulk("one", client.Execute("SET", key, "two", "GET"));
        AssertBulk("two", client.Execute("GET", key));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Set_get_with_nx_returns_the_old_value_and_does_not_overwrite(int protocol)
    {
        // NX together with GET is allowed since Redis 7.0.
        using var client = Connect(protocol);
        var key = NewKey();
        AssertNull(client.Execute("SET", key, "one", "NX", "GET"));
        AssertBulk("one", client.Execute("GET", key));
        AssertBulk("one", client.Execute("SET", key, "two", "NX", "GET"));
        AssertBulk("one", client.Execute("GET", key));
        AssertBulk("one", client.Execute("SET", key, "three", "XX", "GET"));
        AssertBulk("three", client.Execute("GET", key));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Set_ex_px_exat_pxat_set_the_expire(int protocol)
    {
        using var client = Connect(protocol);
        var ex = NewKey("ex");
        var px = NewKey("px");
        var exat = NewKey("exat");
        var pxat = NewKey("pxat");
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        AssertOk(client.Execute("SET", ex, "v", "EX", "100"));
        AssertOk(client.Execute("SET", px, "v", "PX", "100000"));
        AssertOk(client.Execute("SET", exat, "v", "EXAT", (now + 100).ToString()));
        AssertOk(client.Execute("SET", pxat, "v", "PXAT", ((now + 100) * 1000).ToString()));
        foreach (var key in new[] { ex, px, exat, pxat })
        {
            var ttl = client.Execute("TTL", key).Integer;
            Assert.InRange(ttl, 98, 101);
        }
        AssertInteger(now + 100, client.Execute("EXPIRETIME", exat));
        AssertInteger((now + 100) * 1000, client.Execute("PEXPIRETIME", pxat));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Set_removes_the_expire_and_keepttl_keeps_it(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        AssertOk(client.Execute("SET", key, "v", "EX", "100"));
        AssertOk(client.Execute("SET", key, "w", "KEEPTTL"));
        Assert.InRange(client.Execute("TTL", key).Integer, 98, 100);
        AssertBulk("w", client.Execute("GET", key));
        AssertOk(client.Execute("SET", key, "x"));
        AssertInteger(-1, client.Execute("TTL", key));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Set_keepttl_get_on_a_missing_key_returns_null_and_sets(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        AssertNull(client.Execute("SET", key, "v", "KEEPTTL", "GET"));
        AssertBulk("v", client.Execute("GET", key));
        AssertInteger(-1, client.Execute("TTL", key));
    }

    [Fact]
    public void Set_and_get_arity_errors()
    {
        using var client = Connect();
        AssertError("ERR wrong number of arguments for 'set' command", client.Execute("SET", NewKey()));
        AssertError("ERR wrong number of arguments for 'get' command", client.Execute("GET"));
        AssertError("ERR wrong number of arguments for 'get' command", client.Execute("GET", "a", "b"));
    }

    // ---- SETNX / SETEX / PSETEX / GETSET -----------------------------------------------------------------------

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Setnx_sets_once(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        AssertInteger(1, client.Execute("SETNX", key, "one"));
        AssertInteger(0, client.Execute("SETNX", key, "two"));
        AssertBulk("one", client.Execute("GET", key));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Setex_and_psetex_set_the_value_with_an_expire(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey("setex");
        var pkey = NewKey("psetex");
        AssertOk(client.Execute("SETEX", key, "10", "somevalue"));
        Assert.InRange(client.Execute("TTL", key).Integer, 9, 10);
        AssertBulk("somevalue", client.Execute("GET", key));
        AssertOk(client.Execute("SETEX", key, "20", "overwritten"));
        AssertBulk("overwritten", client.Execute("GET", key));
        Assert.InRange(client.Execute("TTL", key).Integer, 19, 20);
        AssertOk(client.Execute("PSETEX", pkey, "10000", "v"));
        Assert.InRange(client.Execute("PTTL", pkey).Integer, 9000, 10000);
    }

    [Theory]
    [InlineData(2, "SETEX", "0", "ERR invalid expire time in 'setex' command")]
    [InlineData(3, "SETEX", "-10", "ERR invalid expire time in 'setex' command")]
    [InlineData(2, "PSETEX", "0", "ERR invalid expire time in 'psetex' command")]
    [InlineData(3, "PSETEX", "-1", "ERR invalid expire time in 'psetex' command")]
    [InlineData(2, "SETEX", "9223372036854775", "ERR invalid expire time in 'setex' command")]
    [InlineData(2, "SETEX", "abc", "ERR value is not an integer or out of range")]
    [InlineData(3, "PSETEX", "1.5", "ERR value is not an integer or out of range")]
    public void Setex_and_psetex_reject_bad_times(int protocol, string command, string time, string error)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        AssertError(error, client.Execute(command, key, time, "v"));
        AssertInteger(0, client.Execute("EXISTS", key));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Getset_returns_the_old_value_and_clears_the_expire(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        AssertNull(client.Execute("GETSET", key, "one"));
        AssertOk(client.Execute("SET", key, "two", "EX", "100"));
        AssertBulk("two", client.Execute("GETSET", key, "three"));
        AssertBulk("three", client.Execute("GET", key));
        AssertInteger(-1, client.Execute("TTL", key));
    }

    // ---- GETEX / GETDEL -------------------------------------------------------------------------------------------

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Getex_without_options_leaves_the_expire(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        AssertOk(client.Execute("SET", key, "v", "EX", "100"));
        AssertBulk("v", client.Execute("GETEX", key));
        Assert.InRange(client.Execute("TTL", key).Integer, 98, 100);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Getex_sets_and_persist_removes_the_expire(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        AssertOk(client.Execute("SET", key, "v"));
        AssertBulk("v", client.Execute("GETEX", key, "EX", "100"));
        Assert.InRange(client.Execute("TTL", key).Integer, 98, 100);
        AssertBulk("v", client.Execute("GETEX", key, "PX", "50000"));
        Assert.InRange(client.Execute("PTTL", key).Integer, 48000, 50000);
        AssertBulk("v", client.Execute("GETEX", key, "PERSIST"));
        AssertInteger(-1, client.Execute("TTL", key));
        var at = DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 200;
        AssertBulk("v", client.Execute("GETEX", key, "EXAT", at.ToString()));
        AssertInteger(at, client.Execute("EXPIRETIME", key));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Getex_with_a_time_in_the_past_returns_the_value_and_deletes_the_key(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        AssertOk(client.Execute("SET", key, "v"));
        AssertBulk("v", client.Execute("GETEX", key, "PXAT", "1"));
        AssertInteger(0, client.Execute("EXISTS", key));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Getex_of_a_missing_key_is_null(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        AssertNull(client.Execute("GETEX", key, "EX", "10"));
        AssertInteger(0, client.Execute("EXISTS", key));
    }

    [Theory]
    [InlineData(2, "ERR invalid expire time in 'getex' command", "EX", "0")]
    [InlineData(3, "ERR invalid expire time in 'getex' command", "EX", "-1")]
    [InlineData(2, "ERR invalid expire time in 'getex' command", "EX", "10000000000000000")]
    [InlineData(2, "ERR invalid expire time in 'getex' command", "EXAT", "99999999999999999")]
    [InlineData(3, "ERR syntax error", "EX", "10", "PX", "10")]
    [InlineData(2, "ERR syntax error", "PERSIST", "EX", "10")]
    [InlineData(2, "ERR syntax error", "EX", "10", "PERSIST")]
    [InlineData(2, "ERR syntax error", "FOO")]
    [InlineData(3, "ERR syntax error", "EX")]
    [InlineData(2, "ERR syntax error", "KEEPTTL")]
    [InlineData(2, "ERR value is not an integer or out of range", "EX", "abc")]
    public void Getex_rejects_bad_options(int protocol, string error, params string[] options)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        AssertOk(client.Execute("SET", key, "v"));
        AssertError(error, client.Execute(["GETEX", key, .. options]));
        AssertInteger(-1, client.Execute("TTL", key));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Getdel_returns_the_value_and_deletes_the_key(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        AssertOk(client.Execute("SET", key, "v"));
        AssertBulk("v", client.Execute("GETDEL", key));
        AssertInteger(0, client.Execute("EXISTS", key));
        AssertNull(client.Execute("GETDEL", key));
    }

    // ---- MSET / MSETNX / MGET -------------------------------------------------------------------------------------

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Mset_then_mget_returns_values_in_order_with_nulls_for_missing_keys(int protocol)
    {
        using var client = Connect(protocol);
        var (a, b) = KeysOnDifferentShards("m");
        var missing = NewKey("missing");
        AssertOk(client.Execute("MSET", a, "1", b, "2"));
        var reply = client.Execute("MGET", a, missing, b);
        Assert.Equal(RespType.Array, reply.Type);
        AssertTexts(["1", null, "2"], reply);
        AssertNull(reply.Items![1]);
    }

    [Fact]
    public void Mget_nulls_bytes_differ_between_resp2_and_resp3()
    {
        var key = NewKey();
        AssertRawReply("*1\r\n$-1\r\n", Command("MGET", key));
        AssertRawReply("*1\r\n_\r\n", Command("MGET", key), protocol: 3);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Mset_with_a_missing_value_is_an_arity_error(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        AssertError("ERR wrong number of arguments for 'mset' command", client.Execute("MSET", key));
        AssertError("ERR wrong number of arguments for 'mset' command", client.Execute("MSET", key, "1", NewKey()));
        AssertError("ERR wrong number of arguments for 'msetnx' command", client.Execute("MSETNX", key, "1", NewKey()));
        AssertInteger(0, client.Execute("EXISTS", key));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Msetnx_sets_nothing_when_any_key_exists(int protocol)
    {
        using var client = Connect(protocol);
        var (a, b) = KeysOnDifferentShards("nx");
        var c = NewKey("nx");
        AssertOk(client.Execute("SET", b, "old"));
        AssertInteger(0, client.Execute("MSETNX", a, "1", b, "2", c, "3"));
        AssertTexts([null, "old", null], client.Execute("MGET", a, b, c));
        AssertInteger(1, client.Execute("MSETNX", a, "1", c, "3"));
        AssertTexts(["1", "old", "3"], client.Execute("MGET", a, b, c));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Msetnx_with_the_same_key_twice_sets_the_last_value(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        AssertInteger(1, client.Execute("MSETNX", key, "1", key, "2"));
        AssertBulk("2", client.Execute("GET", key));
    }

    // ---- APPEND / STRLEN --------------------------------------------------------------------------------------

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Append_creates_and_extends(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        AssertInteger(5, client.Execute("APPEND", key, "hello"));
        AssertInteger(11, client.Execute("APPEND", key, " world"));
        AssertBulk("hello world", client.Execute("GET", key));
        AssertInteger(11, client.Execute("STRLEN", key));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Append_of_an_empty_string_to_a_missing_key_creates_an_empty_key(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        AssertInteger(0, client.Execute("APPEND", key, ""));
        AssertInteger(1, client.Execute("EXISTS", key));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Strlen_of_a_missing_key_is_zero_and_counts_bytes(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        AssertInteger(0, client.Execute("STRLEN", key));
        AssertOk(client.Execute("SET", key, "héllo"));
        AssertInteger(6, client.Execute("STRLEN", key));
        AssertOk(client.Execute("SET", key, "12345"));
        AssertInteger(5, client.Execute("STRLEN", key));
    }

    // ---- GETRANGE / SETRANGE --------------------------------------------------------------------------------------

    [Theory]
    [InlineData(2, "0", "3", "Hell")]
    [InlineData(3, "0", "-1", "Hello World")]
    [InlineData(2, "-3", "-1", "rld")]
    [InlineData(3, "-5", "-1", "World")]
    [InlineData(2, "5", "3", "")]
    [InlineData(2, "0", "100", "Hello World")]
    [InlineData(3, "100", "200", "")]
    [InlineData(2, "-1", "-100", "")]
    [InlineData(2, "3", "-100", "")]
    // Redis 7.2 clamps both out-of-range negative indexes to 0 (8.0 returns "" instead).
    [InlineData(3, "-100", "-50", "H")]
    [InlineData(2, "-100", "2", "Hel")]
    [InlineData(2, "9223372036854775807", "9223372036854775807", "")]
    [InlineData(2, "-9223372036854775808", "-1", "Hello World")]
    public void Getrange_follows_redis_index_rules(int protocol, string start, string end, string expected)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        AssertOk(client.Execute("SET", key, "Hello World"));
        AssertBulk(expected, client.Execute("GETRANGE", key, start, end));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Getrange_of_a_missing_key_is_an_empty_string_not_null(int protocol)
    {
        using var client = Connect(protocol);
        AssertBulk("", client.Execute("GETRANGE", NewKey(), "0", "-1"));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Getrange_of_an_integer_value_uses_its_text(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        AssertOk(client.Execute("SET", key, "1234"));
        AssertBulk("23", client.Execute("GETRANGE", key, "1", "2"));
        AssertBulk("1234", client.Execute("SUBSTR", key, "0", "-1"));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Getrange_with_non_integer_indexes_is_an_error(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        AssertOk(client.Execute("SET", key, "hello"));
        AssertError("ERR value is not an integer or out of range", client.Execute("GETRANGE", key, "a", "1"));
        AssertError("ERR value is not an integer or out of range", client.Execute("GETRANGE", key, "0", "1.5"));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Setrange_on_a_missing_key_pads_with_zero_bytes(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        AssertInteger(8, client.Execute("SETRANGE", key, "5", "abc"));
        Assert.Equal("\0\0\0\0\0abc"u8.ToArray(), client.Execute("GET", key).Bytes);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Setrange_overwrites_and_extends(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        AssertOk(client.Execute("SET", key, "Hello World"));
        AssertInteger(11, client.Execute("SETRANGE", key, "6", "Redis"));
        AssertBulk("Hello Redis", client.Execute("GET", key));
        AssertInteger(13, client.Execute("SETRANGE", key, "11", "!!"));
        AssertBulk("Hello Redis!!", client.Execute("GET", key));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Setrange_against_an_integer_value(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        AssertOk(client.Execute("SET", key, "1234"));
        AssertInteger(4, client.Execute("SETRANGE", key, "0", "2"));
        AssertBulk("2234", client.Execute("GET", key));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Setrange_with_an_empty_value_does_not_create_the_key(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        AssertInteger(0, client.Execute("SETRANGE", key, "0", ""));
        AssertInteger(0, client.Execute("SETRANGE", key, "10", ""));
        AssertInteger(0, client.Execute("EXISTS", key));
        AssertOk(client.Execute("SET", key, "abc"));
        AssertInteger(3, client.Execute("SETRANGE", key, "10", ""));
        AssertBulk("abc", client.Execute("GET", key));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Setrange_with_a_negative_offset_is_out_of_range(int protocol)
    {
        using var client = Connect(protocol);
        AssertError("ERR offset is out of range", client.Execute("SETRANGE", NewKey(), "-1", "x"));
        AssertError("ERR value is not an integer or out of range", client.Execute("SETRANGE", NewKey(), "x", "x"));
    }

    [Theory]
    [InlineData(2, "536870912", "x")]
    [InlineData(3, "536870911", "ab")]
    [InlineData(2, "9223372036854775807", "x")]
    public void Setrange_beyond_512mb_is_an_error(int protocol, string offset, string value)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        AssertError("ERR string exceeds maximum allowed size (proto-max-bulk-len)", client.Execute("SETRANGE", key, offset, value));
        AssertInteger(0, client.Execute("EXISTS", key));
    }

    // ---- INCR / DECR / INCRBY / DECRBY ------------------------------------------------------------------------

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Incr_family_counts_from_zero(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        AssertInteger(1, client.Execute("INCR", key));
        AssertInteger(2, client.Execute("INCR", key));
        AssertInteger(27, client.Execute("INCRBY", key, "25"));
        AssertInteger(26, client.Execute("DECR", key));
        AssertInteger(-4, client.Execute("DECRBY", key, "30"));
        AssertInteger(-1, client.Execute("INCRBY", key, "3"));
        AssertBulk("-1", client.Execute("GET", key));
        AssertInteger(-1, client.Execute("DECR", NewKey()));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Incr_keeps_the_expire(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        AssertOk(client.Execute("SET", key, "10", "EX", "100"));
        AssertInteger(11, client.Execute("INCR", key));
        Assert.InRange(client.Execute("TTL", key).Integer, 98, 100);
    }

    [Theory]
    [InlineData(2, "foo")]
    [InlineData(3, " 11")]
    [InlineData(2, "11 ")]
    [InlineData(2, "1.5")]
    [InlineData(3, "")]
    [InlineData(2, "12345678901234567890")]
    [InlineData(2, "0x10")]
    public void Incr_of_a_non_integer_value_is_an_error(int protocol, string value)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        AssertOk(client.Execute("SET", key, value));
        AssertError("ERR value is not an integer or out of range", client.Execute("INCR", key));
        AssertError("ERR value is not an integer or out of range", client.Execute("DECRBY", key, "1"));
        AssertBulk(value, client.Execute("GET", key));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Incrby_with_a_non_integer_increment_is_an_error(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        AssertError("ERR value is not an integer or out of range", client.Execute("INCRBY", key, "2a"));
        AssertError("ERR value is not an integer or out of range", client.Execute("DECRBY", key, "1.5"));
        AssertError("ERR value is not an integer or out of range", client.Execute("INCRBY", key, "9223372036854775808"));
        AssertInteger(0, client.Execute("EXISTS", key));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Incr_overflow_is_an_error_and_leaves_the_value(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        AssertOk(client.Execute("SET", key, "9223372036854775807"));
        AssertError("ERR increment or decrement would overflow", client.Execute("INCR", key));
        AssertError("ERR increment or decrement would overflow", client.Execute("INCRBY", key, "1"));
        AssertBulk("9223372036854775807", client.Execute("GET", key));
        AssertOk(client.Execute("SET", key, "-9223372036854775808"));
        AssertError("ERR increment or decrement would overflow", client.Execute("DECR", key));
        AssertError("ERR increment or decrement would overflow", client.Execute("INCRBY", key, "-1"));
        AssertBulk("-9223372036854775808", client.Execute("GET", key));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Decrby_of_the_smallest_integer_would_overflow(int protocol)
    {
        using var client = Connect(protocol);
        AssertError("ERR decrement would overflow", client.Execute("DECRBY", NewKey(), "-9223372036854775808"));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Incr_of_a_big_value_crossing_32_bits(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        AssertOk(client.Execute("SET", key, "17179869184"));
        AssertInteger(17179869185, client.Execute("INCR", key));
        AssertInteger(34359738369, client.Execute("INCRBY", key, "17179869184"));
    }

    // ---- INCRBYFLOAT ------------------------------------------------------------------------------------------

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Incrbyfloat_against_a_missing_key_replies_a_bulk_string(int protocol)
    {
        // INCRBYFLOAT replies a bulk string even under RESP3, never a double.
        using var client = Connect(protocol);
        var key = NewKey();
        AssertBulk("1", client.Execute("INCRBYFLOAT", key, "1"));
        AssertBulk("1", client.Execute("GET", key));
        AssertBulk("1.25", client.Execute("INCRBYFLOAT", key, "0.25"));
        AssertBulk("1.25", client.Execute("GET", key));
    }

    [Theory]
    [InlineData(2, "1.5", "1.5", "3")]
    [InlineData(3, "3.0", "1.0", "4")]
    [InlineData(2, "10.5", "0.25", "10.75")]
    [InlineData(2, "17179869184", "1.5", "17179869185.5")]
    [InlineData(3, "17179869184", "17179869184", "34359738368")]
    [InlineData(2, "5.0e3", "0", "5000")]
    [InlineData(2, "1", "1e3", "1001")]
    [InlineData(3, ".5", "1", "1.5")]
    [InlineData(2, "5.", "1", "6")]
    [InlineData(2, "-0", "1", "1")]
    [InlineData(2, "1", "-1.1", "-0.1")]
    [InlineData(3, "10", "-10", "0")]
    [InlineData(2, "0.1", "0.2", "0.3")]
    public void Incrbyfloat_formats_like_redis(int protocol, string initial, string increment, string expected)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        AssertOk(client.Execute("SET", key, initial));
        AssertBulk(expected, client.Execute("INCRBYFLOAT", key, increment));
        AssertBulk(expected, client.Execute("GET", key));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Incrbyfloat_has_no_negative_zero(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        var third = (1.0 / 41).ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        client.Execute("INCRBYFLOAT", key, third);
        AssertBulk("0", client.Execute("INCRBYFLOAT", key, "-" + third));
    }

    [Theory]
    [InlineData(2, "+inf")]
    [InlineData(3, "-inf")]
    [InlineData(2, "inf")]
    public void Incrbyfloat_to_infinity_is_refused(int protocol, string increment)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        AssertOk(client.Execute("SET", key, "0"));
        AssertError("ERR increment would produce NaN or Infinity", client.Execute("INCRBYFLOAT", key, increment));
        AssertBulk("0", client.Execute("GET", key));
    }

    [Theory]
    [InlineData(2, "nan")]
    [InlineData(3, "abc")]
    [InlineData(2, "1.5e")]
    [InlineData(2, " 1")]
    [InlineData(3, "1,5")]
    [InlineData(2, "")]
    public void Incrbyfloat_with_an_invalid_increment_is_not_a_valid_float(int protocol, string increment)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        AssertOk(client.Execute("SET", key, "1"));
        AssertError("ERR value is not a valid float", client.Execute("INCRBYFLOAT", key, increment));
    }

    [Theory]
    [InlineData(2, "abc")]
    [InlineData(3, "    11")]
    [InlineData(2, "11    ")]
    [InlineData(2, "    11    ")]
    [InlineData(3, "1,5")]
    public void Incrbyfloat_of_an_invalid_value_is_not_a_valid_float(int protocol, string value)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        AssertOk(client.Execute("SET", key, value));
        AssertError("ERR value is not a valid float", client.Execute("INCRBYFLOAT", key, "1.0"));
        AssertBulk(value, client.Execute("GET", key));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Incrbyfloat_of_a_value_with_an_embedded_zero_byte_is_not_a_valid_float(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        AssertOk(client.Execute("SET", key, "1"));
        AssertInteger(3, client.Execute("SETRANGE", key, "2", "2"));
        AssertError("ERR value is not a valid float", client.Execute("INCRBYFLOAT", key, "1"));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Incrbyfloat_keeps_the_expire(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        AssertOk(client.Execute("SET", key, "1.5", "EX", "100"));
        AssertBulk("2", client.Execute("INCRBYFLOAT", key, "0.5"));
        Assert.InRange(client.Execute("TTL", key).Integer, 98, 100);
    }

    // ---- LCS ------------------------------------------------------------------------------------------------------

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Lcs_returns_the_longest_common_subsequence_and_its_length(int protocol)
    {
        using var client = Connect(protocol);
        var (a, b) = KeysOnDifferentShards("lcs");
        AssertOk(client.Execute("SET", a, "ohmytext"));
        AssertOk(client.Execute("SET", b, "mynewtext"));
        AssertBulk("mytext", client.Execute("LCS", a, b));
        AssertInteger(6, client.Execute("LCS", a, b, "LEN"));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Lcs_idx_returns_the_matches_as_a_map(int protocol)
    {
        using var client = Connect(protocol);
        var (a, b) = Pair("ohmytext", "mynewtext", client);
        var map = AssertMap(client.Execute("LCS", a, b, "IDX"), protocol);
        Assert.Equal(["matches", "len"], map.Keys);
        AssertInteger(6, map["len"]);
        Assert.Equal("[[[4, 7], [5, 8]], [[2, 3], [0, 1]]]", Describe(map["matches"]));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Lcs_idx_with_minmatchlen_and_withmatchlen(int protocol)
    {
        using var client = Connect(protocol);
        var (a, b) = Pair("ohmytext", "mynewtext", client);
        var withLength = AssertMap(client.Execute("LCS", a, b, "IDX", "WITHMATCHLEN"), protocol);
        Assert.Equal("[[[4, 7], [5, 8], 4], [[2, 3], [0, 1], 2]]", Describe(withLength["matches"]));
        var minimum = AssertMap(client.Execute("LCS", a, b, "IDX", "MINMATCHLEN", "4"), protocol);
        Assert.Equal("[[[4, 7], [5, 8]]]", Describe(minimum["matches"]));
        AssertInteger(6, minimum["len"]);
        var both = AssertMap(client.Execute("LCS", a, b, "IDX", "MINMATCHLEN", "4", "WITHMATCHLEN"), protocol);
        Assert.Equal("[[[4, 7], [5, 8], 4]]", Describe(both["matches"]));
        var negative = AssertMap(client.Execute("LCS", a, b, "idx", "minmatchlen", "-5"), protocol);
        Assert.Equal("[[[4, 7], [5, 8]], [[2, 3], [0, 1]]]", Describe(negative["matches"]));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Lcs_of_missing_keys_is_empty(int protocol)
    {
        using var client = Connect(protocol);
        var a = NewKey("missing");
        var b = NewKey("missing");
        AssertBulk("", client.Execute("LCS", a, b));
        AssertInteger(0, client.Execute("LCS", a, b, "LEN"));
        var map = AssertMap(client.Execute("LCS", a, b, "IDX"), protocol);
        Assert.Empty(map["matches"].Items!);
        AssertInteger(0, map["len"]);
    }

    [Theory]
    [InlineData(2, "ERR If you want both the length and indexes, please just use IDX.", "LEN", "IDX")]
    [InlineData(3, "ERR syntax error", "FOO")]
    [InlineData(2, "ERR syntax error", "MINMATCHLEN")]
    [InlineData(3, "ERR value is not an integer or out of range", "MINMATCHLEN", "x")]
    public void Lcs_rejects_bad_options(int protocol, string error, params string[] options)
    {
        using var client = Connect(protocol);
        var (a, b) = Pair("ohmytext", "mynewtext", client);
        AssertError(error, client.Execute(["LCS", a, b, .. options]));
    }

    [Fact]
    public void Lcs_idx_is_a_resp3_map_bytes()
    {
        var a = NewKey("x");
        var b = NewKey("y");
        AssertRawReply("%2\r\n$7\r\nmatches\r\n*0\r\n$3\r\nlen\r\n:0\r\n", Command("LCS", a, b, "IDX"), protocol: 3);
        AssertRawReply("*4\r\n$7\r\nmatches\r\n*0\r\n$3\r\nlen\r\n:0\r\n", Command("LCS", a, b, "IDX"));
    }

    // ---- OBJECT ENCODING of strings -------------------------------------------------------------------------------

    [Theory]
    [InlineData(2, "12345", "int")]
    [InlineData(3, "-9223372036854775808", "int")]
    [InlineData(2, "hello", "embstr")]
    [InlineData(2, " 1", "embstr")]
    [InlineData(3, "01", "embstr")]
    [InlineData(2, "01234567890123456789012345678901234567890123", "embstr")]
    [InlineData(2, "012345678901234567890123456789012345678901234", "raw")]
    public void Object_encoding_of_strings(int protocol, string value, string encoding)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        AssertOk(client.Execute("SET", key, value));
        AssertBulk(encoding, client.Execute("OBJECT", "ENCODING", key));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Append_modifies_the_encoding_from_int_to_raw(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        AssertOk(client.Execute("SET", key, "1"));
        AssertBulk("int", client.Execute("OBJECT", "ENCODING", key));
        AssertInteger(2, client.Execute("APPEND", key, "2"));
        AssertBulk("12", client.Execute("GET", key));
        AssertBulk("raw", client.Execute("OBJECT", "ENCODING", key));
        AssertInteger(3, client.Execute("APPEND", key, "3"));
        AssertBulk("raw", client.Execute("OBJECT", "ENCODING", key));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Setrange_makes_the_value_raw_and_incr_makes_it_int(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        AssertOk(client.Execute("SET", key, "1234"));
        AssertInteger(4, client.Execute("SETRANGE", key, "0", "2"));
        AssertBulk("raw", client.Execute("OBJECT", "ENCODING", key));
        AssertInteger(2235, client.Execute("INCR", key));
        AssertBulk("int", client.Execute("OBJECT", "ENCODING", key));
    }

    private (string A, string B) Pair(string first, string second, RespClient client)
    {
        var (a, b) = KeysOnDifferentShards("lcs");
        AssertOk(client.Execute("SET", a, first));
        AssertOk(client.Execute("SET", b, second));
        return (a, b);
    }

    /// <summary>Nested arrays of integers as text, e.g. [[4, 7], [5, 8]].</summary>
    private static string Describe(RespValue value) => value.Type switch
    {
        RespType.Array => "[" + string.Join(", ", value.Items!.Select(Describe)) + "]",
        RespType.Integer => value.Integer.ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => $"<{value.Type} {value}>",
    };
}
