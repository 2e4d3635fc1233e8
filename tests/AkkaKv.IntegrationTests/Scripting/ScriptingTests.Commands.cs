using AkkaKv.Protocol;

namespace AkkaKv.IntegrationTests.Scripting;

/// <summary>SCRIPT, EVALSHA, the read-only forms, shebang flags, and scripts among transactions and blocked clients.</summary>
public sealed partial class ScriptingTests
{
    [Fact]
    public void Script_load_then_evalsha_with_any_case_of_the_sha()
    {
        using var client = Connect();
        var body = $"return '{NewKey()}'";
        var sha = Sha(body);
        AssertBulk(sha, client.Execute("SCRIPT", "LOAD", body));
        AssertBulk(body[8..^1], client.Execute("EVALSHA", sha, "0"));
        AssertBulk(body[8..^1], client.Execute("EVALSHA", sha.ToUpperInvariant(), "0"));
        AssertBulk(body[8..^1], client.Execute("EVALSHA_RO", sha, "0"));
        var exists = client.Execute("SCRIPT", "EXISTS", sha, "abc", sha.ToUpperInvariant());
        AssertTexts(["1", "0", "1"], exists.Items!.Select(i => i.Integer.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Eval_caches_the_script_for_evalsha()
    {
        using var client = Connect();
        var body = $"return '{NewKey()}'";
        AssertError("NOSCRIPT No matching script. Please use EVAL.", client.Execute("EVALSHA", Sha(body), "0"));
        client.Execute("EVAL", body, "0");
        AssertBulk(body[8..^1], client.Execute("EVALSHA", Sha(body), "0"));
        AssertError("NOSCRIPT No matching script. Please use EVAL.", client.Execute("EVALSHA", "short", "0"));
    }

    [Fact]
    public void Script_load_reports_compile_and_shebang_errors_without_caching()
    {
        using var client = Connect();
        AssertError("ERR Error compiling script (new function): user_script:1: unexpected symbol near '+'", client.Execute("SCRIPT", "LOAD", "return +"));
        AssertError("ERR Unexpected flag in script shebang: bad", client.Execute("SCRIPT", "LOAD", "#!lua flags=bad\nreturn 1"));
        Assert.Equal(0, client.Execute("SCRIPT", "EXISTS", Sha("return +")).Items![0].Integer);
    }

    [Fact]
    public void Script_subcommand_errors_and_help()
    {
        using var client = Connect();
        AssertError("ERR SCRIPT FLUSH only support SYNC|ASYNC option", client.Execute("SCRIPT", "FLUSH", "bad"));
        AssertError("ERR SCRIPT FLUSH only support SYNC|ASYNC option", client.Execute("SCRIPT", "FLUSH", "ASYNC", "x"));
        AssertError("NOTBUSY No scripts in execution right now.", client.Execute("SCRIPT", "KILL"));
        AssertError("ERR unknown subcommand 'foo'. Try SCRIPT HELP.", client.Execute("SCRIPT", "foo"));
        AssertError("ERR wrong number of arguments for 'script' command", client.Execute("SCRIPT"));
        var help = client.Execute("SCRIPT", "HELP");
        Assert.Equal("SCRIPT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:", help.Items![0].Text);
        Assert.Contains(help.Items, line => line.Text == "LOAD <script>");
    }

    [Fact]
    public async Task Script_flush_empties_the_cache_and_resets_the_interpreters()
    {
        await using var node = Infrastructure.ServerFixture.Start();
        using var client = Infrastructure.ServerFixture.Connect(node.EndPoint.Port);
        var sha = client.Execute("SCRIPT", "LOAD", "return 1").Text!;
        client.Execute("EVAL", "math.randomseed(7) return 1", "0");
        var afterSeed = client.Execute("EVAL", "return math.random(1000)", "0").Integer;
        AssertOk(client.Execute("SCRIPT", "FLUSH", "SYNC"));
        AssertError("NOSCRIPT No matching script. Please use EVAL.", client.Execute("EVALSHA", sha, "0"));
        Assert.Equal(0, client.Execute("SCRIPT", "EXISTS", sha).Items![0].Integer);
        client.Execute("EVAL", "math.randomseed(7) return 1", "0");
        Assert.Equal(afterSeed, client.Execute("EVAL", "return math.random(1000)", "0").Integer);
        AssertOk(client.Execute("SCRIPT", "FLUSH", "ASYNC"));
        AssertOk(client.Execute("SCRIPT", "FLUSH"));
    }

    // ---- Shebang flags and read-only scripts --------------------------------------------------------------------

    [Theory]
    [InlineData("#!lua flags=bad\nreturn 1", "ERR Unexpected flag in script shebang: bad")]
    [InlineData("#!lua flags=no-writes,\nreturn 1", "ERR Unexpected flag in script shebang: ")]
    [InlineData("#!lua name=foo\nreturn 1", "ERR Unknown lua shebang option: name=foo")]
    [InlineData("#!notlua\nreturn 1", "ERR Unexpected engine in script shebang: #!notlua")]
    [InlineData("#!lua", "ERR Invalid script shebang")]
    [InlineData("#!\nreturn 1", "ERR Unexpected engine in script shebang: #!")]
    public void Malformed_shebangs_are_refused(string script, string error)
    {
        using var client = Connect();
        AssertError(error, client.Execute("EVAL", script, "0"));
    }

    [Fact]
    public void Every_shebang_flag_is_accepted()
    {
        using var client = Connect();
        AssertInteger(1, client.Execute("EVAL", "#!lua flags=no-writes,allow-oom,allow-stale,no-cluster,allow-cross-slot-keys\nreturn 1", "0"));
        AssertInteger(1, client.Execute("EVAL", "#!lua flags=\nreturn 1", "0"));
        AssertInteger(1, client.Execute("EVAL", "#!lua  flags=no-writes\nreturn 1", "0"));
    }

    [Fact]
    public void Read_only_scripts_refuse_writes()
    {
        using var client = Connect();
        var key = NewKey();
        var noWrites = "#!lua flags=no-writes\nreturn redis.call('set', KEYS[1], 'x')";
        AssertError($"ERR Write commands are not allowed from read-only scripts. script: {Sha(noWrites)}, on @user_script:2.",
            RunScript(client, noWrites, key));
        var plain = "return redis.call('set', KEYS[1], 'x')";
        AssertError($"ERR Write commands are not allowed from read-only scripts. script: {Sha(plain)}, on @user_script:1.",
            client.Execute("EVAL_RO", plain, "1", key));
        AssertError("ERR Can not execute a script with write flag using *_ro command.", client.Execute("EVAL_RO", "#!lua\nreturn 1", "0"));
        AssertInteger(0, client.Execute("EXISTS", key));
        client.Execute("SET", key, "v");
        AssertBulk("v", client.Execute("EVAL_RO", "#!lua flags=no-writes\nreturn redis.call('get', KEYS[1])", "1", key));
        AssertBulk("v", client.Execute("EVAL_RO", "return redis.call('get', KEYS[1])", "1", key));
    }

    [Fact]
    public void A_shebang_script_reaches_its_declared_keys_shards_only()
    {
        using var client = Connect();
        var (first, second) = KeysOnDifferentShards("sb");
        client.Execute("SET", second, "there");
        var script = "#!lua\nreturn redis.call('get', ARGV[1])";
        AssertError($"ERR Script attempted to access a non local key in a cluster node script: {Sha(script)}, on @user_script:2.",
            client.Execute("EVAL", script, "1", first, second));
        AssertBulk("there", client.Execute("EVAL", script, "1", second, second));
        AssertBulk("there", client.Execute("EVAL", "#!lua\nreturn redis.call('get', ARGV[1])", "2", first, second, second));
        // No shebang: like Redis, any key, wherever it lives.
        AssertBulk("there", client.Execute("EVAL", "return redis.call('get', ARGV[1])", "1", first, second));
        // A shebang script that declared no key parks every shard too.
        AssertBulk("there", client.Execute("EVAL", "#!lua flags=no-writes\nreturn redis.call('get', ARGV[1])", "0", second));
        AssertError($"ERR Script attempted to access a non local key in a cluster node script: {Sha("#!lua\nreturn redis.call('dbsize')")}, on @user_script:2.",
            client.Execute("EVAL", "#!lua\nreturn redis.call('dbsize')", "1", first));
    }

    // ---- Connection commands a script may call -------------------------------------------------------------------

    [Fact]
    public void Select_in_a_script_changes_only_the_script_database()
    {
        using var client = Connect();
        var key = NewKey();
        AssertBulk("x", client.Execute("EVAL", "redis.call('select', 3) redis.call('set', KEYS[1], 'x') return redis.call('get', KEYS[1])", "1", key));
        AssertInteger(0, client.Execute("EXISTS", key));
        client.Execute("SELECT", "3");
        AssertBulk("x", client.Execute("GET", key));
        client.Execute("SELECT", "0");
        AssertBulk("ERR DB index is out of range", client.Execute("EVAL", "return redis.pcall('select', 99).err", "0"));
    }

    [Fact]
    public void Ping_echo_time_and_publish_work_from_scripts()
    {
        using var client = Connect();
        AssertSimple("PONG", client.Execute("EVAL", "return redis.call('ping')", "0"));
        AssertBulk("hi", client.Execute("EVAL", "return redis.call('echo', 'hi')", "0"));
        var time = client.Execute("EVAL", "return redis.call('time')", "0");
        Assert.InRange(long.Parse(time.Items![0].Text!, System.Globalization.CultureInfo.InvariantCulture),
            DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 5, DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 5);
        using var subscriber = Connect();
        var channel = NewKey("channel");
        subscriber.Execute("SUBSCRIBE", channel);
        AssertInteger(1, client.Execute("EVAL", "return redis.call('publish', KEYS[1], 'from lua')", "1", channel));
        AssertTexts(["message", channel, "from lua"], subscriber.ReadReply(TimeSpan.FromSeconds(5)));
    }

    // ---- Scripts among transactions and blocked clients --------------------------------------------------------

    [Fact]
    public void Eval_inside_multi_runs_with_the_transaction()
    {
        using var client = Connect();
        var key = NewKey();
        AssertOk(client.Execute("MULTI"));
        AssertSimple("QUEUED", client.Execute("EVAL", "return redis.call('incrby', KEYS[1], 5)", "1", key));
        AssertSimple("QUEUED", client.Execute("INCR", key));
        var exec = client.Execute("EXEC");
        AssertInteger(5, exec.Items![0]);
        AssertInteger(6, exec.Items[1]);
    }

    [Fact]
    public void A_script_writing_a_watched_key_fails_the_transaction()
    {
        using var watcher = Connect();
        using var other = Connect();
        var key = NewKey();
        AssertOk(watcher.Execute("WATCH", key));
        other.Execute("EVAL", "return redis.call('set', KEYS[1], 'x')", "1", key);
        watcher.Execute("MULTI");
        watcher.Execute("GET", key);
        Assert.Equal(RespType.Null, watcher.Execute("EXEC").Type);
    }

    [Fact]
    public void A_script_pushing_to_a_list_serves_a_blocked_client()
    {
        using var blocked = Connect();
        using var pusher = Connect();
        var key = NewKey();
        var waiter = Task.Run(() => blocked.Execute("BLPOP", key, "5"));
        Assert.True(Eventually(() => pusher.Execute("CLIENT", "LIST").Text!.Contains("cmd=blpop", StringComparison.Ordinal)));
        pusher.Execute("EVAL", "return redis.call('rpush', KEYS[1], 'a')", "1", key);
        Assert.True(waiter.Wait(TimeSpan.FromSeconds(5)));
        AssertTexts([key, "a"], waiter.Result);
    }

    [Fact]
    public void Blocking_commands_run_without_blocking_or_are_refused_in_scripts()
    {
        using var client = Connect();
        var script = "return redis.call('blpop', KEYS[1], 0)";
        AssertError($"ERR This Redis command is not allowed from script script: {Sha(script)}, on @user_script:1.",
            client.Execute("EVAL", script, "1", NewKey()));
    }
}
