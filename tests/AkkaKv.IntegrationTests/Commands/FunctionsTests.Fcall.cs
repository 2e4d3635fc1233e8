using AkkaKv.Protocol;

namespace AkkaKv.IntegrationTests.Commands;

/// <summary>FCALL and FCALL_RO: arguments, flags, the run-time environment, errors, and keys across shards.</summary>
public sealed partial class FunctionsTests
{
    /// <summary>Loads a library of one function with <paramref name="body"/> (a Lua function expression) and returns its name.</summary>
    private string LoadFunction(RespClient client, string body, string flags = "")
    {
        var (lib, name) = (NewName(), NewName("fn"));
        var flagList = flags.Length == 0 ? "" : $", flags={{{flags}}}";
        AssertLoaded(lib, client.Execute("FUNCTION", "LOAD", Library(lib, $"redis.register_function{{function_name='{name}', callback={body}{flagList}}}")));
        return name;
    }

    [Fact]
    public void Fcall_argument_errors()
    {
        using var client = Connect();
        var f = LoadFunction(client, "function() return 1 end");
        AssertError("ERR Function not found", client.Execute("FCALL", NewName("missing"), "0"));
        AssertError("ERR Function not found", client.Execute("FCALL", NewName("missing"), "notanumber"));
        AssertError("ERR Bad number of keys provided", client.Execute("FCALL", f, "x"));
        AssertError("ERR Number of keys can't be greater than number of args", client.Execute("FCALL", f, "2", "k"));
        AssertError("ERR Number of keys can't be negative", client.Execute("FCALL", f, "-1"));
        AssertError("ERR wrong number of arguments for 'fcall' command", client.Execute("FCALL", f));
        AssertError("ERR wrong number of arguments for 'fcall_ro' command", client.Execute("FCALL_RO"));
    }

    [Fact]
    public void Fcall_ro_runs_only_functions_declared_no_writes_and_those_cannot_write()
    {
        using var client = Connect();
        var key = NewKey();
        var writer = LoadFunction(client, "function(keys) return redis.call('set', keys[1], 'x') end");
        var reader = LoadFunction(client, "function(keys) return redis.call('get', keys[1]) end", "'no-writes'");
        var sneaky = LoadFunction(client, "function(keys)\n return redis.call('set', keys[1], 'x') end", "'no-writes'");
        AssertError("ERR Can not execute a script with write flag using *_ro command.", client.Execute("FCALL_RO", writer, "1", key));
        AssertInteger(0, client.Execute("EXISTS", key));
        AssertNull(client.Execute("FCALL_RO", reader, "1", key));
        AssertError($"ERR Write commands are not allowed from read-only scripts. script: {sneaky}, on @user_function:3.",
            client.Execute("FCALL", sneaky, "1", key));
        AssertOk(client.Execute("FCALL", writer, "1", key));
        AssertBulk("x", client.Execute("FCALL_RO", reader, "1", key));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Replies_convert_as_for_scripts(int protocol)
    {
        using var client = Connect();
        var f = LoadFunction(client, "function(keys, args) if args[1] == '3' then redis.setresp(3) end " +
                                     "return {1, 'two', {ok='fine'}, redis.call('hgetall', keys[1])} end");
        var key = NewKey();
        client.Execute("HSET", key, "field", "value");
        var hash = protocol == 3 ? "%1\r\n$5\r\nfield\r\n$5\r\nvalue\r\n" : "*2\r\n$5\r\nfield\r\n$5\r\nvalue\r\n";
        AssertRawReply($"*4\r\n:1\r\n$3\r\ntwo\r\n+fine\r\n{hash}", Command("FCALL", f, "1", key, protocol.ToString(System.Globalization.CultureInfo.InvariantCulture)), protocol);
    }

    [Fact]
    public void Run_time_errors_name_the_function_and_its_line()
    {
        using var client = Connect();
        var raising = LoadFunction(client, "function()\n error('oops') end");
        AssertError($"ERR user_function:3: oops script: {raising}, on @user_function:3.", client.Execute("FCALL", raising, "0"));
        var unknown = LoadFunction(client, "function() return redis.call('nosuch') end");
        AssertError($"ERR Unknown Redis command called from script script: {unknown}, on @user_function:2.", client.Execute("FCALL", unknown, "0"));
        var custom = LoadFunction(client, "function() return redis.error_reply('MY custom error') end");
        AssertError("MY custom error", client.Execute("FCALL", custom, "0"));
        var keys = LoadFunction(client, "function() return KEYS end");
        AssertError($"ERR user_function:2: Script attempted to access nonexistent global variable 'KEYS' script: {keys}, on @user_function:2.",
            client.Execute("FCALL", keys, "0"));
        var global = LoadFunction(client, "function() x = 1 end");
        AssertError($"ERR user_function:2: Attempt to modify a readonly table script: {global}, on @user_function:2.", client.Execute("FCALL", global, "0"));
        var debug = LoadFunction(client, "function() return debug end");
        AssertError($"ERR user_function:2: Script attempted to access nonexistent global variable 'debug' script: {debug}, on @user_function:2.",
            client.Execute("FCALL", debug, "0"));
    }

    [Fact]
    public void Functions_run_with_the_script_globals_but_no_load_api()
    {
        using var client = Connect();
        var libraries = LoadFunction(client, "function() return {string.upper('a'), cjson.encode({1}), tostring(math.floor(2.5)), type(redis.register_function), type(redis.breakpoint)} end");
        AssertTexts(["A", "[1]", "2", "nil", "nil"], client.Execute("FCALL", libraries, "0"));
        // A register_function kept from the load cannot register anything later.
        var lib = NewName();
        var late = NewName("late");
        client.Execute("FUNCTION", "LOAD", Library(lib, $"local register = redis.register_function\nregister('{late}', function() return register('x', function() end) end)"));
        AssertError($"ERR redis.register_function can only be called on FUNCTION LOAD command script: {late}, on @user_function:3.", client.Execute("FCALL", late, "0"));
    }

    [Fact]
    public void Functions_and_their_libraries_keep_separate_state_from_scripts()
    {
        using var client = Connect();
        var lib = NewName();
        var (bump, peek) = (NewName("bump"), NewName("peek"));
        client.Execute("FUNCTION", "LOAD", Library(lib,
            $"local counter = 0\nredis.register_function('{bump}', function() counter = counter + 1 return counter end)\n" +
            $"redis.register_function('{peek}', function() return counter end)"));
        // One key pins the calls to one shard, whose copy of the library keeps its upvalues between calls.
        var key = NewKey();
        AssertInteger(1, client.Execute("FCALL", bump, "1", key));
        AssertInteger(2, client.Execute("FCALL", bump, "1", key));
        AssertInteger(2, client.Execute("FCALL", peek, "1", key));
        AssertError("ERR user_script:1: Script attempted to access nonexistent global variable 'counter' script: " +
                    $"{Sha1("return counter")}, on @user_script:1.", client.Execute("EVAL", "return counter", "0"));
    }

    [Fact]
    public void Function_commands_are_refused_inside_scripts_and_functions()
    {
        using var client = Connect();
        var f = LoadFunction(client, "function() return redis.call('function', 'list') end");
        AssertError($"ERR This Redis command is not allowed from script script: {f}, on @user_function:2.", client.Execute("FCALL", f, "0"));
        var script = $"return redis.call('fcall', '{f}', 0)";
        AssertError($"ERR This Redis command is not allowed from script script: {Sha1(script)}, on @user_script:1.", client.Execute("EVAL", script, "0"));
        script = "return redis.call('function', 'flush')";
        AssertError($"ERR This Redis command is not allowed from script script: {Sha1(script)}, on @user_script:1.", client.Execute("EVAL", script, "0"));
    }

    [Fact]
    public void A_function_writes_keys_on_several_shards_at_once()
    {
        using var client = Connect();
        var (first, second) = KeysOnDifferentShards("fn");
        client.Execute("SET", first, "10");
        client.Execute("SET", second, "0");
        var move = LoadFunction(client, "function(keys, args) redis.call('decrby', keys[1], args[1]) return redis.call('incrby', keys[2], args[1]) end");
        AssertInteger(3, client.Execute("FCALL", move, "2", first, second, "3"));
        AssertTexts(["7", "3"], client.Execute("MGET", first, second));
    }

    [Fact]
    public void A_function_reaches_only_its_declared_keys_shards_unless_it_declares_none()
    {
        using var client = Connect();
        var (first, second) = KeysOnDifferentShards("fn");
        client.Execute("SET", second, "there");
        var get = LoadFunction(client, "function(keys, args)\n return redis.call('get', args[1]) end");
        AssertError($"ERR Script attempted to access a non local key in a cluster node script: {get}, on @user_function:3.",
            client.Execute("FCALL", get, "1", first, second));
        AssertBulk("there", client.Execute("FCALL", get, "1", second, second));
        AssertBulk("there", client.Execute("FCALL", get, "0", second));
    }

    [Fact]
    public void Every_shard_sees_a_replaced_library_as_soon_as_load_returns()
    {
        using var client = Connect();
        var (first, second) = KeysOnDifferentShards("fn");
        var (lib, version) = (NewName(), NewName("version"));
        for (var v = 1; v <= 5; v++)
        {
            AssertLoaded(lib, client.Execute("FUNCTION", "LOAD", "REPLACE", Library(lib, $"redis.register_function('{version}', function() return {v} end)")));
            AssertInteger(v, client.Execute("FCALL", version, "1", first));
            AssertInteger(v, client.Execute("FCALL", version, "1", second));
        }
        AssertOk(client.Execute("FUNCTION", "DELETE", lib));
        AssertError("ERR Function not found", client.Execute("FCALL", version, "1", second));
    }

    [Fact]
    public async Task Fcalls_racing_library_replacements_see_whole_versions_in_order()
    {
        var (lib, left, right) = (NewName(), NewName("left"), NewName("right"));
        var (first, second) = KeysOnDifferentShards("race");
        string Version(int v) => Library(lib, $"redis.register_function('{left}', function() return {v} end)\n" +
                                              $"redis.register_function('{right}', function() return {v} end)");
        using (var setup = Connect()) setup.Execute("FUNCTION", "LOAD", Version(0));
        using var loader = Connect();
        var loading = Task.Run(() =>
        {
            for (var v = 1; v <= 40; v++) AssertLoaded(lib, loader.Execute("FUNCTION", "LOAD", "REPLACE", Version(v)));
        });
        var callers = Enumerable.Range(0, 2).Select(c => Task.Run(() =>
        {
            using var caller = Connect();
            long last = 0;
            var clock = System.Diagnostics.Stopwatch.StartNew();
            while (!loading.IsCompleted && clock.Elapsed < TimeSpan.FromSeconds(20))
            {
                // Both functions of one library version, on both shards: never an older version than seen before.
                foreach (var (function, key) in new[] { (left, first), (right, second), (left, second), (right, first) })
                {
                    var seen = caller.Execute("FCALL", function, "1", key).Integer;
                    Assert.True(seen >= last, $"saw version {seen} after {last}");
                    last = seen;
                }
            }
            return last;
        })).ToArray();
        await loading;
        await Task.WhenAll(callers);
        using var check = Connect();
        AssertInteger(40, check.Execute("FCALL", right, "1", first));
        AssertInteger(40, check.Execute("FCALL", left, "1", second));
    }

    private static string Sha1(string script) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA1.HashData(System.Text.Encoding.UTF8.GetBytes(script)));
}
