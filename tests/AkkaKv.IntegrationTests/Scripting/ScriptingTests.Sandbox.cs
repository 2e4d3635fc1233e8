namespace AkkaKv.IntegrationTests.Scripting;

/// <summary>The sandbox (read-only globals, no os/io/loading from files), the redis library, and the Lua 5.1 bridges.</summary>
public sealed partial class ScriptingTests
{
    [Theory]
    [InlineData("os")]
    [InlineData("io")]
    [InlineData("loadfile")]
    [InlineData("dofile")]
    [InlineData("require")]
    [InlineData("debug")]
    [InlineData("print")]
    [InlineData("utf8")]
    [InlineData("package")]
    public void Unsafe_globals_do_not_exist(string name)
    {
        var script = $"return {name}";
        AssertEval($"-ERR user_script:1: Script attempted to access nonexistent global variable '{name}' script: {Sha(script)}, on @user_script:1.\r\n", script);
    }

    [Fact]
    public void Globals_and_libraries_are_read_only()
    {
        var global = "a = 5";
        AssertEval($"-ERR user_script:1: Attempt to modify a readonly table script: {Sha(global)}, on @user_script:1.\r\n", global);
        var library = "string.foo = 1";
        AssertEval($"-ERR user_script:1: Attempt to modify a readonly table script: {Sha(library)}, on @user_script:1.\r\n", library);
        var redis = "redis.call = nil";
        AssertEval($"-ERR user_script:1: Attempt to modify a readonly table script: {Sha(redis)}, on @user_script:1.\r\n", redis);
        var keys = "KEYS = 1";
        AssertEval($"-ERR user_script:1: Attempt to modify a readonly table script: {Sha(keys)}, on @user_script:1.\r\n", keys);
        var rawset = "rawset(_G, 'x', 1)";
        AssertEval($"-ERR Attempt to modify a readonly table script: {Sha(rawset)}, on @user_script:1.\r\n", rawset);
        var setmetatable = "setmetatable(_G, nil)";
        AssertEval($"-ERR Attempt to modify a readonly table script: {Sha(setmetatable)}, on @user_script:1.\r\n", setmetatable);
        var loaded = "local f = loadstring('x = 1') f()";
        AssertEval($"-ERR [string \"x = 1\"]:1: Attempt to modify a readonly table script: {Sha(loaded)}, on x = 1:1.\r\n", loaded);
    }

    [Fact]
    public void Locals_tables_of_a_script_and_the_keys_table_are_writable()
    {
        AssertRawReply("$1\r\nx\r\n", Eval("KEYS[1] = 'x'; return KEYS[1]", "1", "k"));
        AssertRawReply("$2\r\n21\r\n", Eval("return #KEYS .. #ARGV", "2", "a", "b", "c"));
        AssertEval(":3\r\n", "local t = {} t.x = 3 return t.x");
        AssertEval("*2\r\n$1\r\na\r\n$1\r\nb\r\n", "local s = {} for k in pairs({a=1}) do s[#s+1] = k end s[2] = 'b' return s");
    }

    [Fact]
    public void Library_tables_still_iterate_and_index()
    {
        AssertEval(":1\r\n", "local n = 0 for k, v in pairs(string) do if k == 'rep' then n = n + 1 end end return n");
        AssertEval("$3\r\nabc\r\n", "return ('ABC'):lower()");
        AssertEval("$5\r\nfalse\r\n", "return tostring(getmetatable(_G) == false)");
        var metatable = "getmetatable(_G).x = 1";
        AssertEval($"-ERR user_script:1: Attempt to modify a readonly table script: {Sha(metatable)}, on @user_script:1.\r\n", metatable);
    }

    [Fact]
    public void Keys_and_argv_hold_the_arguments_as_strings()
    {
        AssertRawReply("*4\r\n$1\r\na\r\n$1\r\nb\r\n$1\r\n1\r\n$1\r\n2\r\n", Eval("return {KEYS[1], KEYS[2], ARGV[1], ARGV[2]}", "2", "a", "b", "1", "2"));
        AssertRawReply("$6\r\nstring\r\n", Eval("return type(ARGV[1])", "0", "5"));
    }

    [Fact]
    public void Lua_51_idioms_work_as_on_redis()
    {
        AssertEval(":3\r\n", "return select('#', unpack({1,2,3}))");
        AssertEval(":3\r\n", "return table.getn({1,2,3})");
        AssertEval(":5\r\n", "local f = loadstring('return 5'); return f()");
        AssertEval("$1\r\n3\r\n", "return tostring(3.0)");
        AssertEval("$1\r\n5\r\n", "return tostring(10/2)");
        AssertEval("$5\r\n1e+15\r\n", "return tostring(1e15)");
        AssertEval("$3\r\n0.1\r\n", "return tostring(0.1)");
        AssertEval("$18\r\n9.007199254741e+15\r\n", "return tostring(2^53)");
        AssertEval("$1\r\n3\r\n", "return string.format('%d', 3.5)");
        AssertEval("$3\r\n2 5\r\n", "return string.format('%s %s', 2.0, '5')");
        AssertEval(":1\r\n", "return math.mod(7, 3)");
        AssertEval(":8\r\n", "return math.pow(2, 3)");
        AssertEval(":2\r\n", "return math.log10(100)");
        AssertEval(":4\r\n", "return table.maxn({[1]=1, [4]=4})");
        AssertEval("$8\r\nfunction\r\n", "return type(string.gfind)");
        AssertEval(":7\r\n", "return table.foreach({1}, function(i, v) return v * 7 end)");
        AssertEval(":8\r\n", "return math.ldexp(1, 3)");
        AssertEval("*2\r\n:1\r\n:4\r\n", "local m, e = math.frexp(8) return {m * 2, e}");
    }

    [Fact]
    public void A_top_level_yield_is_an_error_but_coroutines_of_the_script_work()
    {
        var yield = "return coroutine.yield(1)";
        AssertEval($"-ERR user_script:1: attempt to yield from outside a coroutine script: {Sha(yield)}, on @user_script:1.\r\n", yield);
        AssertEval("*2\r\n:2\r\n:20\r\n",
            "local co = coroutine.create(function(a) local b = coroutine.yield(a+1) return b*2 end) " +
            "local _, x = coroutine.resume(co, 1) local _, y = coroutine.resume(co, 10) return {x, y}");
    }

    // ---- The redis library -------------------------------------------------------------------------------------

    [Fact]
    public void Redis_constants_and_helpers_have_redis_values()
    {
        AssertEval("$9\r\n3 0 1 2 2\r\n", "return redis.REPL_ALL .. ' ' .. redis.REPL_NONE .. ' ' .. redis.REPL_AOF .. ' ' .. redis.REPL_SLAVE .. ' ' .. redis.REPL_REPLICA");
        AssertEval("$4\r\n0123\r\n", "return redis.LOG_DEBUG .. redis.LOG_VERBOSE .. redis.LOG_NOTICE .. redis.LOG_WARNING");
        AssertEval("$5\r\n7.2.4\r\n", "return redis.REDIS_VERSION");
        AssertEval(":459268\r\n", "return redis.REDIS_VERSION_NUM");
        AssertEval("$40\r\nda39a3ee5e6b4b0d3255bfef95601890afd80709\r\n", "return redis.sha1hex('')");
        AssertEval("$40\r\n356a192b7913b04c54574d18c28d46e6395428ab\r\n", "return redis.sha1hex(1)");
        AssertEval(":1\r\n", "return redis.replicate_commands()");
        AssertEval("$-1\r\n", "return redis.set_repl(redis.REPL_NONE)");
        AssertEval("$-1\r\n", "return redis.log(redis.LOG_WARNING, 'hello', 'from', 'a', 'script')");
        AssertEval(":1\r\n", "return redis.acl_check_cmd('get', 'k')");
    }

    [Theory]
    [InlineData("return redis.setresp(4)", "RESP version must be 2 or 3.")]
    [InlineData("return redis.setresp()", "redis.setresp() requires one argument.")]
    [InlineData("return redis.set_repl(12)", "Invalid replication flags. Use REPL_AOF, REPL_REPLICA, REPL_ALL or REPL_NONE.")]
    [InlineData("return redis.set_repl()", "redis.set_repl() requires two arguments.")]
    [InlineData("return redis.log(99, 'hello')", "Invalid debug level.")]
    [InlineData("return redis.log('x')", "redis.log() requires two arguments or more.")]
    [InlineData("return redis.log('a', 'b')", "First argument must be a number (log level).")]
    [InlineData("return redis.sha1hex()", "wrong number of arguments")]
    [InlineData("return redis.acl_check_cmd('nosuch')", "Invalid command passed to redis.acl_check_cmd()")]
    public void Redis_helpers_raise_redis_errors(string script, string error) =>
        AssertEval($"-ERR {error} script: {Sha(script)}, on @user_script:1.\r\n", script);

    [Fact]
    public void Math_random_draws_redis_rand48_sequence_after_a_seed()
    {
        AssertEval(":53\r\n", "math.randomseed(5); return math.random(100)");
        AssertEval("*2\r\n:53\r\n:273\r\n", "math.randomseed(5); return {math.random(100), math.random(1, 1000)}");
        var empty = "return math.random(3,2)";
        AssertEval($"-ERR user_script:1: bad argument #2 to 'random' (interval is empty) script: {Sha(empty)}, on @user_script:1.\r\n", empty);
    }
}
