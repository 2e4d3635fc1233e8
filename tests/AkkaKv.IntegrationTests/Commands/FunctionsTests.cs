using AkkaKv.IntegrationTests.Infrastructure;
using AkkaKv.Protocol;

namespace AkkaKv.IntegrationTests.Commands;

/// <summary>
/// Redis's unit/functions: FUNCTION LOAD and the library metadata, redis.register_function in both forms, the
/// load-time environment, DELETE and LIST. Expected texts were checked against redis-server 7.0. Tests on the shared
/// node give every library and function a name of its own; those that need the node's whole library set (FLUSH,
/// DUMP, STATS) start a node of their own.
/// </summary>
public sealed partial class FunctionsTests(ServerFixture server) : CommandTestBase(server), IClassFixture<ServerFixture>
{
    private static int _nextName;

    /// <summary>A library or function name no other test uses (names are [a-zA-Z0-9_]+).</summary>
    private static string NewName(string prefix = "lib") => $"{prefix}{Interlocked.Increment(ref _nextName)}";

    private static string Library(string name, string body) => $"#!lua name={name}\n{body}";

    private static void AssertLoaded(string name, RespValue reply) => AssertBulk(name, reply);

    // ---- FUNCTION LOAD ------------------------------------------------------------------------------------------

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Load_returns_the_library_name_and_fcall_runs_both_registration_forms(int protocol)
    {
        using var client = Connect(protocol);
        var (lib, echo, count) = (NewName(), NewName("echo"), NewName("count"));
        AssertLoaded(lib, client.Execute("FUNCTION", "LOAD", Library(lib,
            $"redis.register_function('{echo}', function(keys, args) return args[1] end)\n" +
            $"redis.register_function{{function_name='{count}', callback=function(keys, args) return {{#keys, #args, keys[1], args[2]}} end}}")));
        AssertBulk("hello", client.Execute("FCALL", echo, "0", "hello"));
        var reply = client.Execute("FCALL", count, "2", "k1", "k2", "a1", "a2", "a3");
        Assert.Equal(["2", "3", "k1", "a2"], reply.Items!.Select(i => i.Type == RespType.Integer ? i.Integer.ToString(System.Globalization.CultureInfo.InvariantCulture) : i.Text));
    }

    [Fact]
    public void Functions_write_through_redis_call_and_read_what_they_wrote()
    {
        using var client = Connect();
        var (lib, set, get) = (NewName(), NewName("set"), NewName("get"));
        var key = NewKey();
        client.Execute("FUNCTION", "LOAD", Library(lib,
            $"redis.register_function('{set}', function(keys, args) return redis.call('set', keys[1], args[1]) end)\n" +
            $"redis.register_function{{function_name='{get}', callback=function(keys) return redis.call('get', keys[1]) end, flags={{'no-writes'}}}}"));
        AssertOk(client.Execute("FCALL", set, "1", key, "value"));
        AssertBulk("value", client.Execute("GET", key));
        AssertBulk("value", client.Execute("FCALL_RO", get, "1", key));
    }

    [Theory]
    [InlineData("return 1", "ERR Missing library metadata")]
    [InlineData("#!lua name=x", "ERR Invalid library metadata")]
    [InlineData("#!lua\nreturn 1", "ERR Library name was not given")]
    [InlineData("#!lua name=\"x\nreturn 1", "ERR Invalid library metadata")]
    [InlineData("#!lua name=a name=b\nreturn 1", "ERR Invalid metadata value, name argument was given multiple times")]
    [InlineData("#!lua name=a foo=bar\nreturn 1", "ERR Invalid metadata value given: foo=bar")]
    [InlineData("#!lua name=a-b\nreturn 1", "ERR Library names can only contain letters, numbers, or underscores(_) and must be at least one character long")]
    [InlineData("#!lua name=\nreturn 1", "ERR Library names can only contain letters, numbers, or underscores(_) and must be at least one character long")]
    [InlineData("#!luax name=a\nreturn 1", "ERR Engine 'luax' not found")]
    [InlineData("#!lua name=nofunctions\nlocal x = 1", "ERR No functions registered")]
    [InlineData("#!lua name=broken\nlocal x = 1 +", "ERR Error compiling function: user_function:2: unexpected symbol near <eof>")]
    public void Malformed_libraries_are_refused(string code, string error)
    {
        using var client = Connect();
        AssertError(error, client.Execute("FUNCTION", "LOAD", code));
    }

    [Fact]
    public void Metadata_is_split_like_arguments_and_read_in_any_case()
    {
        using var client = Connect();
        var (a, b, c) = (NewName(), NewName(), NewName());
        AssertLoaded(a, client.Execute("FUNCTION", "LOAD", $"#!LUA   NAME={a}  \nredis.register_function('{NewName("f")}', function() return 1 end)"));
        AssertLoaded(b, client.Execute("FUNCTION", "LOAD", $"#!lua name=\"{b}\"\nredis.register_function('{NewName("f")}', function() return 1 end)"));
        AssertLoaded(c, client.Execute("FUNCTION", "LOAD", $"#!lua name={c}\r\nredis.register_function('{NewName("f")}', function() return 1 end)"));
    }

    [Theory]
    [InlineData("redis.register_function('f')", "calling redis.register_function with a single argument is only applicable to Lua table (representing named arguments).")]
    [InlineData("redis.register_function()", "wrong number of arguments to redis.register_function")]
    [InlineData("redis.register_function('a', function() end, 3)", "wrong number of arguments to redis.register_function")]
    [InlineData("redis.register_function({}, function() end)", "first argument to redis.register_function must be a string")]
    [InlineData("redis.register_function('x', 'y')", "second argument to redis.register_function must be a function")]
    [InlineData("redis.register_function({function_name='x'})", "redis.register_function must get a callback argument")]
    [InlineData("redis.register_function({callback=function() end})", "redis.register_function must get a function name argument")]
    [InlineData("redis.register_function({function_name={}, callback=function() end})", "function_name argument given to redis.register_function must be a string")]
    [InlineData("redis.register_function({function_name='x', callback=function() end, description={}})", "description argument given to redis.register_function must be a string")]
    [InlineData("redis.register_function({function_name='x', callback=1})", "callback argument given to redis.register_function must be a function")]
    [InlineData("redis.register_function({function_name='x', callback=function() end, flags='no-writes'})", "flags argument to redis.register_function must be a table representing function flags")]
    [InlineData("redis.register_function({function_name='x', callback=function() end, flags={'bad'}})", "unknown flag given")]
    [InlineData("redis.register_function({function_name='x', callback=function() end, flags={{}}})", "unknown flag given")]
    [InlineData("redis.register_function({function_name='x', callback=function() end, foo=1})", "unknown argument given to redis.register_function")]
    [InlineData("redis.register_function({[true]='x'})", "named argument key given to redis.register_function is not a string")]
    [InlineData("redis.register_function('f-x', function() end)", "Library names can only contain letters, numbers, or underscores(_) and must be at least one character long")]
    [InlineData("redis.register_function('f', function() end) redis.register_function('f', function() end)", "Function already exists in the library")]
    // Redis 7.0 accepts "f" and "F" in one library (then crashes deleting it): refused here.
    [InlineData("redis.register_function('f', function() end) redis.register_function('F', function() end)", "Function already exists in the library")]
    public void Register_function_refuses_bad_arguments(string body, string error)
    {
        using var client = Connect();
        AssertError("ERR Error registering functions: ERR " + error, client.Execute("FUNCTION", "LOAD", Library(NewName(), body)));
    }

    [Fact]
    public void The_table_form_reads_keys_and_flags_in_any_case_and_numbers_as_names()
    {
        using var client = Connect();
        var lib = NewName();
        var number = Interlocked.Increment(ref _nextName) + 1_000_000;
        AssertLoaded(lib, client.Execute("FUNCTION", "LOAD", Library(lib,
            $"redis.register_function{{FUNCTION_NAME={number}, CallBack=function() return 'by number' end, " +
            "FLAGS={'NO-WRITES', 'allow-oom', 'Allow-Stale', 'no-cluster', 'allow-cross-slot-keys'}, Description='all flags'}")));
        AssertBulk("by number", client.Execute("FCALL_RO", number.ToString(System.Globalization.CultureInfo.InvariantCulture), "0"));
    }

    [Theory]
    [InlineData("redis.call('ping')", "ERR user_function:2: Script attempted to access nonexistent global variable 'call'")]
    [InlineData("redis.setresp(3)", "ERR user_function:2: Script attempted to access nonexistent global variable 'setresp'")]
    [InlineData("local n = string.len('x')", "ERR user_function:2: Script attempted to access nonexistent global variable 'string'")]
    [InlineData("error('boom')", "ERR user_function:2: Script attempted to access nonexistent global variable 'error'")]
    [InlineData("local x = KEYS", "ERR user_function:2: Script attempted to access nonexistent global variable 'KEYS'")]
    [InlineData("x = 1", "ERR user_function:2: Attempt to modify a readonly table")]
    [InlineData("redis.foo = 1", "ERR user_function:2: Attempt to modify a readonly table")]
    public void The_load_environment_holds_only_register_function_log_and_constants(string body, string error)
    {
        using var client = Connect();
        AssertError("ERR Error registering functions: " + error, client.Execute("FUNCTION", "LOAD", Library(NewName(), body)));
    }

    [Fact]
    public void The_load_environment_has_log_versions_and_string_methods()
    {
        using var client = Connect();
        var (lib, f) = (NewName(), NewName("f"));
        client.Execute("FUNCTION", "LOAD", Library(lib,
            "redis.log(redis.LOG_NOTICE, 'loading') local word = ('ab'):rep(2) " +
            $"local levels = {{redis.LOG_DEBUG, redis.LOG_VERBOSE, redis.LOG_NOTICE, redis.LOG_WARNING}} " +
            $"redis.register_function('{f}', function() return {{word, redis.REDIS_VERSION, #levels}} end)"));
        var reply = client.Execute("FCALL", f, "0");
        Assert.Equal("abab", reply.Items![0].Text);
        Assert.Equal(client.Execute("INFO", "server").Text!.Split("\r\n").Single(l => l.StartsWith("redis_version:", StringComparison.Ordinal))[14..], reply.Items[1].Text);
        Assert.Equal(4, reply.Items[2].Integer);
    }

    [Fact]
    public void Load_without_replace_refuses_an_existing_library_and_replace_swaps_it_whole()
    {
        using var client = Connect();
        var (lib, f, g) = (NewName(), NewName("f"), NewName("g"));
        client.Execute("FUNCTION", "LOAD", Library(lib, $"redis.register_function('{f}', function() return 'v1' end)"));
        AssertError($"ERR Library '{lib}' already exists", client.Execute("FUNCTION", "LOAD", Library(lib, $"redis.register_function('{g}', function() return 'v2' end)")));
        AssertError("ERR Function not found", client.Execute("FCALL", g, "0"));
        AssertError($"ERR Unknown option given: {f}", client.Execute("FUNCTION", "LOAD", f, Library(lib, "return")));
        AssertLoaded(lib, client.Execute("FUNCTION", "LOAD", "replace", Library(lib, $"redis.register_function('{g}', function() return 'v2' end)")));
        AssertBulk("v2", client.Execute("FCALL", g, "0"));
        AssertError("ERR Function not found", client.Execute("FCALL", f, "0"));
        // A replacement that fails leaves the old library in place.
        AssertError("ERR No functions registered", client.Execute("FUNCTION", "LOAD", "REPLACE", "REPLACE", Library(lib, "local x = 1")));
        AssertBulk("v2", client.Execute("FCALL", g, "0"));
        AssertError("ERR Missing library metadata", client.Execute("FUNCTION", "LOAD", "REPLACE"));
    }

    [Fact]
    public void Function_names_are_unique_across_libraries_in_any_case()
    {
        using var client = Connect();
        var (first, second, f) = (NewName(), NewName(), NewName("Mixed"));
        client.Execute("FUNCTION", "LOAD", Library(first, $"redis.register_function('{f}', function() return 'first' end)"));
        AssertError($"ERR Function {f.ToUpperInvariant()} already exists",
            client.Execute("FUNCTION", "LOAD", Library(second, $"redis.register_function('{f.ToUpperInvariant()}', function() return 'second' end)")));
        AssertBulk("first", client.Execute("FCALL", f.ToLowerInvariant(), "0"));
        // Replacing the library that owns the name may take it again.
        AssertLoaded(first, client.Execute("FUNCTION", "LOAD", "REPLACE", Library(first, $"redis.register_function('{f}', function() return 'again' end)")));
        AssertBulk("again", client.Execute("FCALL", f, "0"));
    }

    // ---- FUNCTION DELETE, LIST, HELP ------------------------------------------------------------------------------

    [Fact]
    public void Delete_removes_a_library_and_its_functions_by_exact_name()
    {
        using var client = Connect();
        var (lib, f) = (NewName("Case"), NewName("f"));
        client.Execute("FUNCTION", "LOAD", Library(lib, $"redis.register_function('{f}', function() return 1 end)"));
        AssertError("ERR Library not found", client.Execute("FUNCTION", "DELETE", lib.ToLowerInvariant()));
        AssertOk(client.Execute("FUNCTION", "DELETE", lib));
        AssertError("ERR Function not found", client.Execute("FCALL", f, "0"));
        AssertError("ERR Library not found", client.Execute("FUNCTION", "DELETE", lib));
        AssertError("ERR wrong number of arguments for 'function|delete' command", client.Execute("FUNCTION", "DELETE"));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void List_shows_each_library_its_functions_and_optionally_its_code(int protocol)
    {
        using var client = Connect();
        var lib = NewName("listed");
        var code = Library(lib,
            $"redis.register_function{{function_name='{lib}_a', callback=function() return 1 end, flags={{'allow-stale', 'no-writes'}}, description='first'}}\n" +
            $"redis.register_function('{lib}_b', function() return 2 end)");
        client.Execute("FUNCTION", "LOAD", code);
        var (map, functions) = protocol == 3
            ? ($"%3\r\n$12\r\nlibrary_name\r\n${lib.Length}\r\n{lib}\r\n$6\r\nengine\r\n$3\r\nLUA\r\n$9\r\nfunctions\r\n*2\r\n",
               $"%3\r\n$4\r\nname\r\n${lib.Length + 2}\r\n{lib}_a\r\n$11\r\ndescription\r\n$5\r\nfirst\r\n$5\r\nflags\r\n~2\r\n+no-writes\r\n+allow-stale\r\n" +
               $"%3\r\n$4\r\nname\r\n${lib.Length + 2}\r\n{lib}_b\r\n$11\r\ndescription\r\n_\r\n$5\r\nflags\r\n~0\r\n")
            : ($"*6\r\n$12\r\nlibrary_name\r\n${lib.Length}\r\n{lib}\r\n$6\r\nengine\r\n$3\r\nLUA\r\n$9\r\nfunctions\r\n*2\r\n",
               $"*6\r\n$4\r\nname\r\n${lib.Length + 2}\r\n{lib}_a\r\n$11\r\ndescription\r\n$5\r\nfirst\r\n$5\r\nflags\r\n*2\r\n+no-writes\r\n+allow-stale\r\n" +
               $"*6\r\n$4\r\nname\r\n${lib.Length + 2}\r\n{lib}_b\r\n$11\r\ndescription\r\n$-1\r\n$5\r\nflags\r\n*0\r\n");
        AssertRawReply("*1\r\n" + map + functions, Command("FUNCTION", "LIST", "LIBRARYNAME", lib), protocol);
        var withCode = "*1\r\n" + map.Replace(protocol == 3 ? "%3" : "*6", protocol == 3 ? "%4" : "*8", StringComparison.Ordinal) + functions +
                       $"$12\r\nlibrary_code\r\n${code.Length}\r\n{code}\r\n";
        AssertRawReply(withCode, Command("FUNCTION", "LIST", "WITHCODE", "LIBRARYNAME", lib), protocol);
    }

    [Fact]
    public void List_patterns_match_library_names_in_any_case()
    {
        using var client = Connect();
        var prefix = NewName("Pattern");
        foreach (var suffix in new[] { "one", "two" })
        {
            client.Execute("FUNCTION", "LOAD", Library(prefix + suffix, $"redis.register_function('{prefix}{suffix}f', function() return 1 end)"));
        }
        var listed = client.Execute("FUNCTION", "LIST", "libraryname", prefix.ToUpperInvariant() + "*");
        Assert.Equal([prefix + "one", prefix + "two"], listed.Items!.Select(l => l.Items![1].Text).Order(StringComparer.Ordinal));
        Assert.Empty(client.Execute("FUNCTION", "LIST", "LIBRARYNAME", prefix + "three").Items!);
        Assert.Contains(client.Execute("FUNCTION", "LIST").Items!, l => l.Items![1].Text == prefix + "one");
    }

    [Fact]
    public void List_argument_errors()
    {
        using var client = Connect();
        AssertError("ERR library name argument was not given", client.Execute("FUNCTION", "LIST", "LIBRARYNAME"));
        AssertError("ERR Unknown argument foo", client.Execute("FUNCTION", "LIST", "foo"));
        AssertError("ERR Unknown argument withcode", client.Execute("FUNCTION", "LIST", "WITHCODE", "withcode"));
        AssertError("ERR Unknown argument LIBRARYNAME", client.Execute("FUNCTION", "LIST", "LIBRARYNAME", "a", "LIBRARYNAME", "b"));
    }

    [Fact]
    public void Function_container_errors_and_help()
    {
        using var client = Connect();
        AssertError("ERR unknown subcommand 'nosuch'. Try FUNCTION HELP.", client.Execute("FUNCTION", "nosuch"));
        AssertError("ERR wrong number of arguments for 'function' command", client.Execute("FUNCTION"));
        AssertError("ERR wrong number of arguments for 'function|load' command", client.Execute("FUNCTION", "LOAD"));
        AssertError("ERR wrong number of arguments for 'function|stats' command", client.Execute("FUNCTION", "STATS", "x"));
        AssertError("ERR wrong number of arguments for 'function|dump' command", client.Execute("FUNCTION", "DUMP", "x"));
        AssertError("NOTBUSY No scripts in execution right now.", client.Execute("FUNCTION", "KILL"));
        var help = Texts(client.Execute("FUNCTION", "HELP"));
        Assert.Equal("FUNCTION <subcommand> [<arg> [value] [opt] ...]. Subcommands are:", help[0]);
        Assert.Equal(40, help.Length);
        Assert.Contains("RESTORE <PAYLOAD> [FLUSH|APPEND|REPLACE]", help);
    }

    [Fact]
    public void Script_flush_keeps_the_functions()
    {
        using var client = Connect();
        var (lib, f) = (NewName(), NewName("f"));
        client.Execute("FUNCTION", "LOAD", Library(lib, $"redis.register_function('{f}', function() return 'kept' end)"));
        AssertBulk("kept", client.Execute("FCALL", f, "0"));
        AssertOk(client.Execute("SCRIPT", "FLUSH"));
        AssertBulk("kept", client.Execute("FCALL", f, "0"));
    }
}
