using System.Security.Cryptography;
using System.Text;
using AkkaKv.IntegrationTests.Commands;
using AkkaKv.IntegrationTests.Infrastructure;
using AkkaKv.Protocol;

namespace AkkaKv.IntegrationTests.Scripting;

/// <summary>
/// Redis's unit/scripting: EVAL and friends on Lua 5.4. This part: the conversions between Lua values and RESP both
/// ways, byte for byte under RESP2 and RESP3, and the error replies of failing scripts.
/// </summary>
public sealed partial class ScriptingTests(ServerFixture server) : CommandTestBase(server), IClassFixture<ServerFixture>
{
    /// <summary>The SHA1 Redis names a script by in its errors ("script: SHA, on @user_script:1.").</summary>
    private static string Sha(string script) => Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(script)));

    private static string Eval(string script, params string[] keysThenArgs) => Command(["EVAL", script, .. keysThenArgs]);

    private void AssertEval(string expected, string script, int protocol = 2) => AssertRawReply(expected, Eval(script, "0"), protocol);

    private RespValue RunScript(RespClient client, string script, params string[] keys) =>
        client.Execute(["EVAL", script, keys.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), .. keys]);

    // ---- Lua -> RESP ---------------------------------------------------------------------------------------------

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Numbers_reply_integers_truncated_toward_zero(int protocol)
    {
        AssertEval(":100\r\n", "return 100.5", protocol);
        AssertEval(":-1\r\n", "return -1.9", protocol);
        AssertEval(":3\r\n", "return 3.0", protocol);
        AssertEval(":5\r\n", "return 10/2", protocol);
        AssertEval(":-9223372036854775808\r\n", "return 1e20", protocol);
        AssertEval(":-9223372036854775808\r\n", "return 0/0", protocol);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Strings_reply_bulk_strings(int protocol)
    {
        AssertEval("$11\r\nhello world\r\n", "return 'hello world'", protocol);
        AssertEval("$0\r\n\r\n", "return ''", protocol);
    }

    [Fact]
    public void Booleans_reply_one_and_null_under_resp2()
    {
        AssertEval(":1\r\n", "return true");
        AssertEval("$-1\r\n", "return false");
        AssertEval("$-1\r\n", "return nil");
        AssertEval("$-1\r\n", "return");
    }

    [Fact]
    public void Booleans_reply_one_and_the_resp3_null_to_a_resp3_caller_until_the_script_speaks_resp3()
    {
        AssertEval(":1\r\n", "return true", 3);
        AssertEval("_\r\n", "return false", 3);
        AssertEval("#t\r\n", "redis.setresp(3); return true", 3);
        AssertEval("#f\r\n", "redis.setresp(3); return false", 3);
        AssertEval(":0\r\n", "redis.setresp(3); return false", 2);
        AssertEval("$-1\r\n", "redis.setresp(3); return nil", 2);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Tables_reply_arrays_up_to_the_first_nil(int protocol)
    {
        AssertEval("*5\r\n:1\r\n:2\r\n:3\r\n$4\r\nciao\r\n*2\r\n:1\r\n:2\r\n", "return {1,2,3,'ciao',{1,2}}", protocol);
        AssertEval("*2\r\n:1\r\n:2\r\n", "return {1,2,nil,4}", protocol);
        AssertEval("*0\r\n", "return {}", protocol);
        AssertEval("*0\r\n", "return {a=1,b=2}", protocol);
        AssertEval("*0\r\n", "return {err=5}", protocol);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Ok_and_err_tables_reply_status_and_error_lines(int protocol)
    {
        AssertEval("+fine\r\n", "return {ok='fine'}", protocol);
        AssertEval("-bad thing\r\n", "return {err='bad thing'}", protocol);
        AssertEval("--bad thing\r\n", "return {err='-bad thing'}", protocol);
        AssertEval("-\r\n", "return {err=''}", protocol);
        AssertEval("+a  b\r\n", "return {ok='a\\r\\nb'}", protocol);
        AssertEval("-a  b\r\n", "return {err='a\\r\\nb\\r\\n'}", protocol);
        AssertEval($"*5\r\n:1\r\n+x\r\n-y\r\n:1\r\n{(protocol == 2 ? "$-1" : "_")}\r\n", "return {1,{ok='x'},{err='y'},true,false}", protocol);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Error_and_status_reply_helpers_build_redis_tables(int protocol)
    {
        AssertEval("-My Error\r\n", "return redis.error_reply('My Error')", protocol);
        AssertEval("-My Error\r\n", "return redis.error_reply('-My Error')", protocol);
        AssertEval("-ERR \r\n", "return redis.error_reply('')", protocol);
        AssertEval("+Hi\r\n", "return redis.status_reply('Hi')", protocol);
        AssertEval("-ERR wrong number or type of arguments\r\n", "return redis.error_reply(1)", protocol);
        AssertEval("-ERR wrong number or type of arguments\r\n", "return redis.status_reply()", protocol);
    }

    [Fact]
    public void Resp3_shapes_in_a_script_reply_degrade_to_resp2_for_a_resp2_caller()
    {
        AssertEval("*2\r\n$1\r\na\r\n:1\r\n", "return {map={a=1}}");
        AssertEval("*1\r\n$1\r\na\r\n", "return {set={a=true}}");
        AssertEval("$4\r\n3.14\r\n", "return {double=3.14}");
        AssertEval("$3\r\n123\r\n", "return {big_number='123'}");
        AssertEval("$5\r\nhello\r\n", "return {verbatim_string={format='txt',string='hello'}}");
        AssertEval("*4\r\n:1\r\n$1\r\na\r\n:2\r\n$1\r\nb\r\n", "return {map={[1]='a',[2]='b'}}");
        AssertEval("*0\r\n", "return {map={}}");
        AssertEval("*0\r\n", "return {map=5}");
    }

    [Fact]
    public void Resp3_shapes_in_a_script_reply_reach_a_resp3_caller()
    {
        AssertEval("%1\r\n$1\r\na\r\n:1\r\n", "return {map={a=1}}", 3);
        AssertEval("~1\r\n$1\r\na\r\n", "return {set={a=true}}", 3);
        AssertEval(",3.14\r\n", "return {double=3.14}", 3);
        AssertEval(",3\r\n", "return {double=3}", 3);
        AssertEval(",inf\r\n", "return {double=1/0}", 3);
        AssertEval("(123\r\n", "return {big_number='123'}", 3);
        AssertEval("=9\r\ntxt:hello\r\n", "return {verbatim_string={format='txt',string='hello'}}", 3);
        AssertEval("*2\r\n$1\r\na\r\n%1\r\n$1\r\nx\r\n:1\r\n", "return {'a', {map={x=1}}}", 3);
        AssertEval("%0\r\n", "return {map={}}", 3);
        AssertEval("~0\r\n", "return {set={}}", 3);
    }

    [Fact]
    public void A_table_that_contains_itself_hits_the_stack_limit_instead_of_recursing_forever()
    {
        using var socket = Server.RawSocket();
        socket.Send(Encoding.UTF8.GetBytes(Eval("local t = {} t[1] = t return t", "0")));
        var reply = ReadUntil(socket, "-ERR reached lua stack limit\r\n");
        Assert.EndsWith("*1\r\n-ERR reached lua stack limit\r\n", reply, StringComparison.Ordinal);
        var depth = (reply.Length - "-ERR reached lua stack limit\r\n".Length) / "*1\r\n".Length;
        Assert.Equal(reply, string.Concat(Enumerable.Repeat("*1\r\n", depth)) + "-ERR reached lua stack limit\r\n");
        Assert.InRange(depth, 100, 10_000);
    }

    // ---- RESP -> Lua -------------------------------------------------------------------------------------------

    [Fact]
    public void Command_replies_become_lua_values_under_resp2()
    {
        using var client = Connect();
        var key = NewKey();
        AssertBulk("number 5", RunScript(client, "return type(redis.call('incrby', KEYS[1], 5)) .. ' ' .. redis.call('get', KEYS[1])", key));
        AssertBulk("boolean false", RunScript(client, "local v = redis.call('get', KEYS[1]) return type(v) .. ' ' .. tostring(v)", NewKey()));
        AssertBulk("table OK", RunScript(client, "local v = redis.call('set', KEYS[1], 'x') return type(v) .. ' ' .. v.ok", key));
        AssertBulk("table 2", RunScript(client, "redis.call('rpush', KEYS[1], 'a', 'b') local v = redis.call('lrange', KEYS[1], 0, -1) return type(v) .. ' ' .. #v", NewKey()));
        AssertBulk("ERR value is not an integer or out of range",
            RunScript(client, "redis.call('set', KEYS[1], 'x') return redis.pcall('incr', KEYS[1]).err", NewKey()));
    }

    [Fact]
    public void Command_replies_use_resp3_shapes_after_setresp_3()
    {
        using var client = Connect();
        var hash = NewKey();
        client.Execute("HSET", hash, "a", "1");
        AssertBulk("table 1", RunScript(client, "redis.setresp(3) local r = redis.call('hgetall', KEYS[1]) return type(r.map) .. ' ' .. r.map.a", hash));
        var set = NewKey();
        client.Execute("SADD", set, "x");
        AssertBulk("true", RunScript(client, "redis.setresp(3) return tostring(redis.call('smembers', KEYS[1]).set.x)", set));
        var zset = NewKey();
        client.Execute("ZADD", zset, "1.5", "m");
        AssertBulk("1.5", RunScript(client, "redis.setresp(3) return tostring(redis.call('zscore', KEYS[1], 'm').double)", zset));
        AssertBulk("nil", RunScript(client, "redis.setresp(3) return type(redis.call('get', KEYS[1]))", NewKey()));
        AssertBulk("boolean", RunScript(client, "return type(redis.call('get', KEYS[1]))", NewKey()));
    }

    [Fact]
    public void Command_replies_pass_through_a_script_unchanged_in_both_protocols()
    {
        var zset = NewKey();
        using (var client = Connect()) client.Execute("ZADD", zset, "1.5", "m");
        var script = "return redis.call('zrange', KEYS[1], 0, -1, 'withscores')";
        AssertRawReply("*2\r\n$1\r\nm\r\n$3\r\n1.5\r\n", Eval(script, "1", zset));
        AssertRawReply("*2\r\n$1\r\nm\r\n$3\r\n1.5\r\n", Eval(script, "1", zset), 3);
        var resp3 = "redis.setresp(3) " + script;
        AssertRawReply("*1\r\n*2\r\n$1\r\nm\r\n$3\r\n1.5\r\n", Eval(resp3, "1", zset));
        AssertRawReply("*1\r\n*2\r\n$1\r\nm\r\n,1.5\r\n", Eval(resp3, "1", zset), 3);
        var hash = NewKey();
        using (var client = Connect()) client.Execute("HSET", hash, "f", "v");
        AssertRawReply("*2\r\n$1\r\nf\r\n$1\r\nv\r\n", Eval("redis.setresp(3) return redis.call('hgetall', KEYS[1])", "1", hash));
        AssertRawReply("%1\r\n$1\r\nf\r\n$1\r\nv\r\n", Eval("redis.setresp(3) return redis.call('hgetall', KEYS[1])", "1", hash), 3);
    }

    [Fact]
    public void Numbers_passed_to_redis_call_are_formatted_as_redis_formats_them()
    {
        using var client = Connect();
        var key = NewKey();
        AssertBulk("0.10000000000000001", RunScript(client, "redis.call('set', KEYS[1], 0.1) return redis.call('get', KEYS[1])", key));
        AssertBulk("1e+20", RunScript(client, "redis.call('set', KEYS[1], 1e20) return redis.call('get', KEYS[1])", key));
        AssertBulk("3", RunScript(client, "redis.call('set', KEYS[1], 3) return redis.call('get', KEYS[1])", key));
        AssertBulk("5", RunScript(client, "redis.call('set', KEYS[1], 10/2) return redis.call('get', KEYS[1])", key));
        AssertBulk("3.3333333333333335", RunScript(client, "redis.call('set', KEYS[1], 10/3) return redis.call('get', KEYS[1])", key));
    }

    // ---- Errors ------------------------------------------------------------------------------------------------

    [Fact]
    public void Runtime_errors_name_the_script_and_its_line()
    {
        var boom = "error('boom')";
        AssertEval($"-ERR user_script:1: boom script: {Sha(boom)}, on @user_script:1.\r\n", boom);
        var table = "error({err='MY boom'})";
        AssertEval($"-MY boom script: {Sha(table)}, on @user_script:1.\r\n", table);
        var number = "error(5)";
        AssertEval($"-ERR user_script:1: 5 script: {Sha(number)}, on @user_script:1.\r\n", number);
        var noLevel = "error('x', 0)";
        AssertEval($"-ERR x script: {Sha(noLevel)}, on @user_script:1.\r\n", noLevel);
        var nothing = "error()";
        AssertEval($"-ERR nil script: {Sha(nothing)}, on @user_script:1.\r\n", nothing);
        var third = "local a = 1\nlocal b = 2\nerror('line three')";
        AssertEval($"-ERR user_script:3: line three script: {Sha(third)}, on @user_script:3.\r\n", third);
    }

    [Fact]
    public void A_failing_redis_call_raises_the_command_error_with_the_script_line_even_as_a_tail_call()
    {
        var key = NewKey();
        using (var client = Connect()) client.Execute("SET", key, "abc");
        var script = "return redis.call('incr', KEYS[1])";
        AssertRawReply($"-ERR value is not an integer or out of range script: {Sha(script)}, on @user_script:1.\r\n", Eval(script, "1", key));
        var wrongType = "redis.call('lpush', KEYS[1], 'x')";
        AssertRawReply($"-WRONGTYPE Operation against a key holding the wrong kind of value script: {Sha(wrongType)}, on @user_script:1.\r\n",
            Eval(wrongType, "1", key));
        AssertRawReply("-ERR value is not an integer or out of range\r\n", Eval("return redis.pcall('incr', KEYS[1])", "1", key));
    }

    [Fact]
    public void Refused_calls_raise_redis_script_errors()
    {
        var arity = "return redis.call('incr')";
        AssertEval($"-ERR Wrong number of args calling Redis command from script script: {Sha(arity)}, on @user_script:1.\r\n", arity);
        var unknown = "return redis.call('nosuch')";
        AssertEval($"-ERR Unknown Redis command called from script script: {Sha(unknown)}, on @user_script:1.\r\n", unknown);
        var none = "return redis.call()";
        AssertEval($"-ERR Please specify at least one argument for this redis lib call script: {Sha(none)}, on @user_script:1.\r\n", none);
        var badArgument = "return redis.call('set', 'k', true)";
        AssertEval($"-ERR Lua redis lib command arguments must be strings or integers script: {Sha(badArgument)}, on @user_script:1.\r\n", badArgument);
        var noScript = "return redis.call('subscribe', 'x')";
        AssertEval($"-ERR This Redis command is not allowed from script script: {Sha(noScript)}, on @user_script:1.\r\n", noScript);
        var debug = "return redis.call('debug', 'protocol', 'bignum')";
        AssertEval($"-ERR This Redis command is not allowed from script script: {Sha(debug)}, on @user_script:1.\r\n", debug);
        AssertEval("-ERR Wrong number of args calling Redis command from script\r\n", "return redis.pcall('incr')");
        AssertEval("-ERR Unknown Redis command called from script\r\n", "return redis.pcall('nosuchcmd')");
        AssertEval("-ERR Unknown Redis command called from script\r\n", "return redis.pcall('object', 'nosuch')");
        AssertEval("-ERR Wrong number of args calling Redis command from script\r\n", "return redis.pcall('config')");
    }

    [Fact]
    public void Compile_errors_and_bad_numkeys_reply_before_running_anything()
    {
        AssertRawReply("-ERR Error compiling script (new function): user_script:1: syntax error near 'error'\r\n", Eval("syntax error here", "0"));
        AssertRawReply("-ERR Number of keys can't be negative\r\n", Eval("return 1", "-1"));
        AssertRawReply("-ERR Number of keys can't be greater than number of args\r\n", Eval("return 1", "2", "a"));
        AssertRawReply("-ERR value is not an integer or out of range\r\n", Eval("return 1", "x"));
        AssertRawReply("-ERR wrong number of arguments for 'eval' command\r\n", Command("EVAL", "return 1"));
    }

    [Fact]
    public void Pcall_of_redis_call_gets_the_error_text_as_redis_pcall_gives_it()
    {
        AssertEval("*3\r\n$5\r\nfalse\r\n$6\r\nstring\r\n$58\r\nERR Wrong number of args calling Redis command from script\r\n",
            "local ok, e = pcall(redis.call, 'incr'); return {tostring(ok), type(e), e}");
        AssertEval("*3\r\n$5\r\nfalse\r\n$6\r\nstring\r\n$4\r\nZZ x\r\n",
            "local ok, e = pcall(function() error({err='ZZ x'}) end); return {tostring(ok), type(e), e}");
        AssertEval("*2\r\n$5\r\ntable\r\n$58\r\nERR Wrong number of args calling Redis command from script\r\n",
            "local r = redis.pcall('incr'); return {type(r), r.err}");
    }
}
