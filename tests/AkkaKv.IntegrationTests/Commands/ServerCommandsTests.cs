using System.Text.RegularExpressions;
using AkkaKv.IntegrationTests.Infrastructure;
using AkkaKv.Protocol;

namespace AkkaKv.IntegrationTests.Commands;

/// <summary>
/// Server commands (Redis's unit/info, unit/info-command, unit/introspection's CONFIG and MONITOR parts, unit/other's
/// DEBUG and FLUSH parts): INFO, CONFIG, DBSIZE, FLUSHDB, FLUSHALL, SWAPDB, TIME, LASTSAVE, DEBUG and MONITOR.
/// The tests of this class run one at a time on their own node, so they may flush and reset statistics.
/// </summary>
public sealed partial class ServerCommandsTests(ServerFixture server) : CommandTestBase(server), IClassFixture<ServerFixture>
{
    private const string Zeros = "0000000000000000000000000000000000000000";

    private static readonly string[] DefaultSections =
        ["Server", "Clients", "Memory", "Persistence", "Stats", "Replication", "CPU", "Modules", "Errorstats", "Cluster", "Keyspace"];

    private static readonly Dictionary<string, string[]> SectionFields = new()
    {
        ["Server"] =
        [
            "redis_version", "redis_git_sha1", "redis_git_dirty", "redis_build_id", "redis_mode", "os", "arch_bits",
            "multiplexing_api", "process_id", "run_id", "tcp_port", "server_time_usec", "uptime_in_seconds", "uptime_in_days",
            "hz", "configured_hz", "lru_clock", "executable", "config_file", "io_threads_active",
        ],
        ["Clients"] =
        [
            "connected_clients", "cluster_connections", "maxclients", "client_recent_max_input_buffer",
            "client_recent_max_output_buffer", "blocked_clients", "tracking_clients", "clients_in_timeout_table",
        ],
        ["Memory"] =
        [
            "used_memory", "used_memory_human", "used_memory_rss", "used_memory_rss_human", "used_memory_peak",
            "used_memory_peak_human", "total_system_memory", "maxmemory", "maxmemory_human", "maxmemory_policy",
            "mem_fragmentation_ratio", "mem_allocator", "lazyfree_pending_objects", "number_of_cached_scripts",
            "number_of_functions", "number_of_libraries",
        ],
        ["Persistence"] =
        [
            "loading", "async_loading", "rdb_changes_since_last_save", "rdb_bgsave_in_progress", "rdb_last_save_time",
            "rdb_last_bgsave_status", "aof_enabled", "aof_rewrite_in_progress", "aof_last_bgrewrite_status", "aof_last_write_status",
        ],
        ["Stats"] =
        [
            "total_connections_received", "total_commands_processed", "instantaneous_ops_per_sec", "total_net_input_bytes",
            "total_net_output_bytes", "rejected_connections", "expired_keys", "evicted_keys", "keyspace_hits", "keyspace_misses",
            "pubsub_channels", "pubsub_patterns", "tracking_total_keys", "tracking_total_items", "tracking_total_prefixes",
            "total_error_replies", "total_reads_processed", "total_writes_processed",
        ],
        ["Replication"] =
        [
            "role", "connected_slaves", "master_failover_state", "master_replid", "master_replid2", "master_repl_offset",
            "second_repl_offset", "repl_backlog_active", "repl_backlog_size", "repl_backlog_first_byte_offset", "repl_backlog_histlen",
        ],
        ["CPU"] = ["used_cpu_sys", "used_cpu_user", "used_cpu_sys_children", "used_cpu_user_children"],
        ["Cluster"] = ["cluster_enabled"],
    };

    // ---- INFO ---------------------------------------------------------------------------------------------------

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Info_default_has_redis_sections_in_order(int protocol)
    {
        using var client = Connect(protocol);
        var info = Parse(AssertVerbatimText(client.Execute("INFO"), protocol));
        var titles = info.Keys.ToList();
        Assert.Equal(DefaultSections, titles.Where(DefaultSections.Contains));
        Assert.DoesNotContain("Commandstats", titles);
        Assert.Contains("Threads", titles);
        var again = Parse(AssertVerbatimText(client.Execute("INFO", "default"), protocol));
        Assert.Equal(titles, again.Keys.ToList());
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Info_sections_have_redis_field_names(int protocol)
    {
        using var client = Connect(protocol);
        var info = Parse(AssertVerbatimText(client.Execute("INFO", "all"), protocol));
        foreach (var (section, fields) in SectionFields)
        {
            Assert.True(info.ContainsKey(section), $"INFO all has no # {section} section");
            foreach (var field in fields) Assert.True(info[section].ContainsKey(field), $"# {section} has no {field} field");
        }
        var server = info["Server"];
        Assert.StartsWith("7.2.", server["redis_version"], StringComparison.Ordinal);
        Assert.Equal("standalone", server["redis_mode"]);
        Assert.Equal(Server.Port.ToString(), server["tcp_port"]);
        Assert.Equal(Environment.ProcessId.ToString(), server["process_id"]);
        Assert.Matches("^[0-9a-f]{40}$", server["run_id"]);
        Assert.Equal("64", server["arch_bits"]);
        Assert.Equal("master", info["Replication"]["role"]);
        Assert.Matches("^[0-9a-f]{40}$", info["Replication"]["master_replid"]);
        Assert.Equal("0", info["Cluster"]["cluster_enabled"]);
        Assert.Equal("0", info["Persistence"]["loading"]);
        Assert.True(long.Parse(info["Clients"]["connected_clients"]) >= 1);
        Assert.True(long.Parse(info["Memory"]["used_memory"]) > 0);
        Assert.Contains("Commandstats", info.Keys);
    }

    [Fact]
    public void Info_all_includes_latencystats()
    {
        // Redis 7.0+ reports per-command latency percentiles in "all" (latency-tracking is on by default).
        using var client = Connect();
        client.Execute("PING");
        var info = Parse(client.Execute("INFO", "all").Text!);
        Assert.Contains("Latencystats", info.Keys);
        Assert.Matches(@"^p50=[\d.]+,p99=[\d.]+,p99\.9=[\d.]+$", info["Latencystats"]["latency_percentiles_usec_ping"]);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Info_selects_sections_case_insensitively(int protocol)
    {
        using var client = Connect(protocol);
        Assert.Equal(["Server"], Parse(AssertVerbatimText(client.Execute("INFO", "SERVER"), protocol)).Keys);
        Assert.Equal(["Server", "Clients"], Parse(AssertVerbatimText(client.Execute("INFO", "server", "clients"), protocol)).Keys);
        Assert.Equal(["Clients"], Parse(AssertVerbatimText(client.Execute("INFO", "clients", "nosuchsection"), protocol)).Keys);
        Assert.Equal("", AssertVerbatimText(client.Execute("INFO", "nosuchsection"), protocol));
        var everything = Parse(AssertVerbatimText(client.Execute("INFO", "everything"), protocol));
        Assert.Contains("Commandstats", everything.Keys);
        Assert.Contains("Keyspace", everything.Keys);
    }

    [Fact]
    public void Info_writes_sections_in_canonical_order()
    {
        // Redis always writes the sections in its own order, whatever order they were asked in.
        using var client = Connect();
        Assert.Equal(["Server", "Clients"], Parse(client.Execute("INFO", "clients", "server").Text!).Keys);
        Assert.Equal(["Server", "Commandstats", "Keyspace"], Parse(client.Execute("INFO", "keyspace", "commandstats", "server").Text!).Keys);
    }

    [Fact]
    public void Info_text_format_bytes()
    {
        const string Text = "# Cluster\r\ncluster_enabled:0\r\n";
        AssertRawReply($"${Text.Length}\r\n{Text}\r\n", Command("INFO", "cluster"));
        AssertRawReply($"={Text.Length + 4}\r\ntxt:{Text}\r\n", Command("INFO", "cluster"), protocol: 3);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Info_keyspace_counts_keys_and_expires_per_database(int protocol)
    {
        using var client = Connect(protocol);
        AssertOk(client.Execute("SELECT", "13"));
        AssertOk(client.Execute("FLUSHDB"));
        var (a, b) = KeysOnDifferentShards("ks");
        AssertOk(client.Execute("SET", a, "1"));
        AssertOk(client.Execute("SET", b, "2", "EX", "100"));
        AssertOk(client.Execute("SET", NewKey(), "3"));
        var keyspace = AssertVerbatimText(client.Execute("INFO", "keyspace"), protocol);
        Assert.Matches(@"(^|\r\n)db13:keys=3,expires=1,avg_ttl=\d+\r\n", keyspace);
        AssertOk(client.Execute("FLUSHDB"));
        Assert.DoesNotContain("db13:", AssertVerbatimText(client.Execute("INFO", "keyspace"), protocol), StringComparison.Ordinal);
    }

    [Fact]
    public void Info_threads_describes_io_threads_and_shards()
    {
        using var client = Connect();
        var threads = Parse(client.Execute("INFO", "threads").Text!)["Threads"];
        Assert.Equal("2", threads["io_threads"]);
        Assert.Equal("2", threads["shards"]);
        Assert.Matches(@"^keys=\d+,commands=\d+,expired_keys=\d+$", threads["shard0"]);
        Assert.Matches(@"^keys=\d+,commands=\d+,expired_keys=\d+$", threads["shard1"]);
    }

    [Fact]
    public void Info_stats_count_hits_misses_and_errors_after_resetstat()
    {
        using var client = Connect();
        var key = NewKey();
        AssertOk(client.Execute("SET", key, "v"));
        AssertOk(client.Execute("CONFIG", "RESETSTAT"));
        AssertBulk("v", client.Execute("GET", key));
        AssertNull(client.Execute("GET", NewKey()));
        AssertNull(client.Execute("GET", NewKey()));
        AssertErrorStartsWith("ERR unknown command", client.Execute("NOSUCHCOMMAND"));
        var stats = Parse(client.Execute("INFO", "stats").Text!)["Stats"];
        Assert.Equal("1", stats["keyspace_hits"]);
        Assert.Equal("2", stats["keyspace_misses"]);
        Assert.Equal("1", stats["total_error_replies"]);
    }

    [Theory]
    [InlineData("EXISTS")]
    [InlineData("TYPE")]
    [InlineData("TTL")]
    [InlineData("TOUCH")]
    [InlineData("GETRANGE", "0", "1")]
    [InlineData("COPY", "{copy}target")]
    [InlineData("OBJECT ENCODING")]
    public void Key_inspection_commands_count_keyspace_hits_and_misses_as_redis_does(string command, params string[] rest)
    {
        // The server is shared: counts are compared before and after, on a client no other test uses.
        using var client = Connect();
        var (present, missing) = (NewKey("{copy}"), NewKey("{copy}"));
        AssertOk(client.Execute("SET", present, "v"));
        string[] Request(string key) => [.. command.Split(' '), key, .. rest.Select(r => r == "{copy}target" ? NewKey("{copy}") : r)];
        long Stat(string name) => InfoFields.Integer(client, "stats", name);
        var (hits, misses) = (Stat("keyspace_hits"), Stat("keyspace_misses"));
        client.Execute(Request(missing));
        client.Execute(Request(present));
        Assert.Equal((hits + 1, misses + 1), (Stat("keyspace_hits"), Stat("keyspace_misses")));
    }

    [Fact]
    public void Info_commandstats_and_errorstats_count_calls_rejections_and_failures()
    {
        using var client = Connect();
        var key = NewKey();
        AssertOk(client.Execute("CONFIG", "RESETSTAT"));
        AssertOk(client.Execute("SET", key, "v"));
        AssertBulk("v", client.Execute("GET", key));
        AssertError("ERR wrong number of arguments for 'get' command", client.Execute("GET"));
        AssertError("ERR value is not an integer or out of range", client.Execute("INCR", key));
        var info = Parse(client.Execute("INFO", "commandstats", "errorstats").Text!);
        const string Timing = @"usec=\d+,usec_per_call=\d+\.\d\d";
        Assert.Matches($"^calls=1,{Timing},rejected_calls=0,failed_calls=0$", info["Commandstats"]["cmdstat_set"]);
        Assert.Matches($"^calls=1,{Timing},rejected_calls=1,failed_calls=0$", info["Commandstats"]["cmdstat_get"]);
        Assert.Matches($"^calls=1,{Timing},rejected_calls=0,failed_calls=1$", info["Commandstats"]["cmdstat_incr"]);
        Assert.Matches($"^calls=1,{Timing},rejected_calls=0,failed_calls=0$", info["Commandstats"]["cmdstat_config|resetstat"]);
        Assert.Equal("count=2", info["Errorstats"]["errorstat_ERR"]);
        Assert.Equal("2", Parse(client.Execute("INFO", "stats").Text!)["Stats"]["total_error_replies"]);
    }

    [Fact]
    public void Info_errorstats_are_keyed_by_error_prefix()
    {
        using var client = Connect();
        AssertOk(client.Execute("CONFIG", "RESETSTAT"));
        AssertError("NOPROTO unsupported protocol version", client.Execute("HELLO", "4"));
        AssertError("ERR syntax error", client.Execute("SET", NewKey(), "v", "NX", "XX"));
        var errors = Parse(client.Execute("INFO", "errorstats").Text!)["Errorstats"];
        Assert.Equal("count=1", errors["errorstat_NOPROTO"]);
        Assert.Equal("count=1", errors["errorstat_ERR"]);
    }

    // ---- CONFIG -------------------------------------------------------------------------------------------------

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Config_get_matches_glob_patterns(int protocol)
    {
        using var client = Connect(protocol);
        var map = AssertMap(client.Execute("CONFIG", "GET", "maxmemory*"), protocol);
        foreach (var name in new[] { "maxmemory", "maxmemory-policy", "maxmemory-samples" }) Assert.Contains(name, map.Keys);
        Assert.All(map.Keys, name => Assert.StartsWith("maxmemory", name, StringComparison.Ordinal));
        Assert.All(map.Values, value => Assert.Equal(RespType.BulkString, value.Type));
        Assert.Empty(AssertMap(client.Execute("CONFIG", "GET", "nosuchparameter"), protocol));
        Assert.True(AssertMap(client.Execute("CONFIG", "GET", "*"), protocol).Count > 20);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Config_get_several_patterns_and_case_insensitive_names(int protocol)
    {
        using var client = Connect(protocol);
        var map = AssertMap(client.Execute("CONFIG", "GET", "HZ", "databases", "h?"), protocol);
        Assert.Equal(["databases", "hz"], map.Keys.Order(StringComparer.Ordinal));
        AssertBulk("16", map["databases"]);
        AssertBulk("10", map["hz"]);
        AssertError("ERR wrong number of arguments for 'config|get' command", client.Execute("CONFIG", "GET"));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Config_get_port_is_the_listening_port(int protocol)
    {
        // The fixture binds port 0 (any free port); CONFIG GET port, like INFO's tcp_port, should name the port in use.
        using var client = Connect(protocol);
        AssertBulk(Server.Port.ToString(), AssertMap(client.Execute("CONFIG", "GET", "port"), protocol)["port"]);
    }

    [Fact]
    public void Config_get_is_a_resp3_map_bytes()
    {
        AssertRawReply("*2\r\n$9\r\ndatabases\r\n$2\r\n16\r\n", Command("CONFIG", "GET", "databases"));
        AssertRawReply("%1\r\n$9\r\ndatabases\r\n$2\r\n16\r\n", Command("CONFIG", "GET", "databases"), protocol: 3);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Config_set_applies_several_pairs(int protocol)
    {
        using var client = Connect(protocol);
        try
        {
            AssertOk(client.Execute("CONFIG", "SET", "maxmemory-samples", "7"));
            AssertBulk("7", AssertMap(client.Execute("CONFIG", "GET", "maxmemory-samples"), protocol)["maxmemory-samples"]);
            AssertOk(client.Execute("CONFIG", "SET", "HZ", "20", "maxmemory-samples", "9", "slowlog-max-len", "64"));
            var map = AssertMap(client.Execute("CONFIG", "GET", "hz", "maxmemory-samples", "slowlog-max-len"), protocol);
            AssertBulk("20", map["hz"]);
            AssertBulk("9", map["maxmemory-samples"]);
            AssertBulk("64", map["slowlog-max-len"]);
        }
        finally
        {
            AssertOk(client.Execute("CONFIG", "SET", "hz", "10", "maxmemory-samples", "5", "slowlog-max-len", "128"));
        }
    }

    [Fact]
    public void Config_set_is_atomic_when_one_pair_fails()
    {
        using var client = Connect();
        try
        {
            AssertError("ERR CONFIG SET failed (possibly related to argument 'maxmemory-samples') - argument couldn't be parsed into an integer",
                client.Execute("CONFIG", "SET", "hz", "30", "maxmemory-samples", "abc"));
            AssertError("ERR Unknown option or number of arguments for CONFIG SET - 'foo'",
                client.Execute("CONFIG", "SET", "hz", "30", "foo", "bar"));
            AssertError("ERR CONFIG SET failed (possibly related to argument 'maxmemory-policy') - argument(s) must be one of the following: volatile-lru, volatile-lfu, volatile-random, volatile-ttl, allkeys-lru, allkeys-lfu, allkeys-random, noeviction",
                client.Execute("CONFIG", "SET", "hz", "30", "maxmemory-policy", "bogus"));
            var map = AssertMap(client.Execute("CONFIG", "GET", "hz", "maxmemory-samples", "maxmemory-policy"), 2);
            AssertBulk("10", map["hz"]);
            AssertBulk("5", map["maxmemory-samples"]);
            AssertBulk("noeviction", map["maxmemory-policy"]);
        }
        finally
        {
            AssertOk(client.Execute("CONFIG", "SET", "hz", "10", "maxmemory-samples", "5"));
        }
    }

    [Theory]
    [InlineData("ERR Unknown option or number of arguments for CONFIG SET - 'foo'", "foo", "bar")]
    // Redis names the duplicate as the client spelled it.
    [InlineData("ERR CONFIG SET failed (possibly related to argument 'HZ') - duplicate parameter", "hz", "10", "HZ", "11")]
    [InlineData("ERR syntax error", "hz", "10", "maxmemory-samples")]
    [InlineData("ERR CONFIG SET failed (possibly related to argument 'hz') - argument couldn't be parsed into an integer", "hz", "abc")]
    [InlineData("ERR CONFIG SET failed (possibly related to argument 'active-expire-effort') - argument must be between 1 and 10 inclusive", "active-expire-effort", "11")]
    [InlineData("ERR CONFIG SET failed (possibly related to argument 'maxclients') - argument must be between 1 and 4294967295 inclusive", "maxclients", "0")]
    [InlineData("ERR CONFIG SET failed (possibly related to argument 'timeout') - argument must be between 0 and 2147483647 inclusive", "timeout", "-1")]
    [InlineData("ERR CONFIG SET failed (possibly related to argument 'slowlog-max-len') - argument must be between 0 and 9223372036854775807 inclusive", "slowlog-max-len", "-1")]
    [InlineData("ERR CONFIG SET failed (possibly related to argument 'proto-max-bulk-len') - argument must be between 1048576 and 9223372036854775807 inclusive", "proto-max-bulk-len", "10")]
    [InlineData("ERR CONFIG SET failed (possibly related to argument 'maxmemory') - argument must be a memory value", "maxmemory", "abc")]
    // Redis 7.2 added "nothing" to the log levels (7.0 lists four).
    [InlineData("ERR CONFIG SET failed (possibly related to argument 'loglevel') - argument(s) must be one of the following: debug, verbose, notice, warning, nothing", "loglevel", "foo")]
    [InlineData("ERR CONFIG SET failed (possibly related to argument 'databases') - can't set immutable config", "databases", "10")]
    public void Config_set_errors(string error, params string[] pairs)
    {
        using var client = Connect();
        AssertError(error, client.Execute(["CONFIG", "SET", .. pairs]));
        AssertBulk("10", AssertMap(client.Execute("CONFIG", "GET", "hz"), 2)["hz"]);
    }

    [Fact]
    public void Config_set_arity_rewrite_resetstat_and_help()
    {
        using var client = Connect();
        AssertError("ERR wrong number of arguments for 'config|set' command", client.Execute("CONFIG", "SET", "hz"));
        AssertError("ERR The server is running without a config file", client.Execute("CONFIG", "REWRITE"));
        AssertOk(client.Execute("CONFIG", "RESETSTAT"));
        AssertError("ERR wrong number of arguments for 'config|resetstat' command", client.Execute("CONFIG", "RESETSTAT", "x"));
        AssertError("ERR unknown subcommand 'foo'. Try CONFIG HELP.", client.Execute("CONFIG", "foo"));
        var help = Texts(client.Execute("CONFIG", "HELP"));
        Assert.Equal("CONFIG <subcommand> [<arg> [value] [opt] ...]. Subcommands are:", help[0]);
        AssertTexts(["HELP", "    Print this help."], help[^2..]);
    }

    // ---- DBSIZE / FLUSHDB / FLUSHALL / SWAPDB ---------------------------------------------------------------------

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Dbsize_counts_the_keys_of_the_selected_database_across_shards(int protocol)
    {
        using var client = Connect(protocol);
        AssertOk(client.Execute("SELECT", "11"));
        AssertOk(client.Execute("FLUSHDB"));
        AssertInteger(0, client.Execute("DBSIZE"));
        var (a, b) = KeysOnDifferentShards("dbsize");
        AssertOk(client.Execute("MSET", a, "1", b, "2", NewKey(), "3"));
        AssertInteger(3, client.Execute("DBSIZE"));
        AssertOk(client.Execute("SELECT", "12"));
        AssertOk(client.Execute("FLUSHDB"));
        AssertInteger(0, client.Execute("DBSIZE"));
        AssertError("ERR wrong number of arguments for 'dbsize' command", client.Execute("DBSIZE", "x"));
    }

    [Theory]
    [InlineData(2, "")]
    [InlineData(3, "SYNC")]
    [InlineData(2, "ASYNC")]
    [InlineData(3, "async")]
    public void Flushdb_empties_only_the_selected_database(int protocol, string mode)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        AssertOk(client.Execute("SELECT", "11"));
        AssertOk(client.Execute("SET", key, "kept"));
        AssertOk(client.Execute("SELECT", "12"));
        var (a, b) = KeysOnDifferentShards("flush");
        AssertOk(client.Execute("MSET", a, "1", b, "2"));
        AssertOk(client.Execute(mode.Length == 0 ? ["FLUSHDB"] : ["FLUSHDB", mode]));
        AssertInteger(0, client.Execute("DBSIZE"));
        AssertOk(client.Execute("SELECT", "11"));
        AssertBulk("kept", client.Execute("GET", key));
        AssertOk(client.Execute("FLUSHDB"));
    }

    [Theory]
    [InlineData(2, "")]
    [InlineData(3, "ASYNC")]
    [InlineData(2, "sync")]
    public void Flushall_empties_every_database(int protocol, string mode)
    {
        using var client = Connect(protocol);
        foreach (var db in new[] { "0", "11", "15" })
        {
            AssertOk(client.Execute("SELECT", db));
            AssertOk(client.Execute("SET", NewKey(), "v"));
        }
        AssertOk(client.Execute(mode.Length == 0 ? ["FLUSHALL"] : ["FLUSHALL", mode]));
        foreach (var db in new[] { "0", "11", "15" })
        {
            AssertOk(client.Execute("SELECT", db));
            AssertInteger(0, client.Execute("DBSIZE"));
        }
        Assert.DoesNotContain("db", AssertVerbatimText(client.Execute("INFO", "keyspace"), protocol).Replace("# Keyspace", ""), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("FLUSHDB", "foo")]
    [InlineData("FLUSHDB", "SYNC", "ASYNC")]
    [InlineData("FLUSHALL", "foo")]
    [InlineData("FLUSHALL", "ASYNC", "ASYNC")]
    public void Flush_with_a_bad_option_is_a_syntax_error(params string[] request)
    {
        using var client = Connect();
        var key = NewKey();
        AssertOk(client.Execute("SET", key, "v"));
        AssertError("ERR syntax error", client.Execute(request));
        AssertInteger(1, client.Execute("EXISTS", key));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Swapdb_swaps_the_contents_for_connected_clients(int protocol)
    {
        using var client = Connect(protocol);
        using var other = Connect(protocol);
        var key = NewKey();
        AssertOk(client.Execute("SELECT", "12"));
        AssertOk(client.Execute("FLUSHDB"));
        AssertOk(client.Execute("SET", key, "from-12"));
        AssertOk(other.Execute("SELECT", "13"));
        AssertOk(other.Execute("FLUSHDB"));
        AssertOk(other.Execute("SET", key, "from-13"));
        AssertOk(other.Execute("SET", NewKey(), "extra"));
        AssertOk(client.Execute("SWAPDB", "12", "13"));
        AssertBulk("from-13", client.Execute("GET", key));
        AssertInteger(2, client.Execute("DBSIZE"));
        AssertBulk("from-12", other.Execute("GET", key));
        AssertInteger(1, other.Execute("DBSIZE"));
        AssertOk(client.Execute("SWAPDB", "12", "12"));
        AssertBulk("from-13", client.Execute("GET", key));
        AssertOk(client.Execute("FLUSHDB"));
        AssertOk(other.Execute("FLUSHDB"));
    }

    [Theory]
    [InlineData("ERR DB index is out of range", "0", "16")]
    [InlineData("ERR DB index is out of range", "-1", "0")]
    [InlineData("ERR invalid first DB index", "a", "1")]
    [InlineData("ERR invalid second DB index", "0", "b")]
    [InlineData("ERR invalid first DB index", "1.5", "b")]
    public void Swapdb_errors(string error, string first, string second)
    {
        using var client = Connect();
        AssertError(error, client.Execute("SWAPDB", first, second));
    }

    // ---- TIME / LASTSAVE ----------------------------------------------------------------------------------------

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Time_returns_seconds_and_microseconds_as_bulk_strings(int protocol)
    {
        using var client = Connect(protocol);
        var reply = client.Execute("TIME");
        Assert.Equal(RespType.Array, reply.Type);
        Assert.Equal(2, reply.Items!.Count);
        Assert.All(reply.Items, item => Assert.Equal(RespType.BulkString, item.Type));
        var seconds = long.Parse(reply.Items[0].Text!);
        var micros = long.Parse(reply.Items[1].Text!);
        Assert.InRange(seconds, DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 5, DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 5);
        Assert.InRange(micros, 0, 999_999);
        var later = client.Execute("TIME");
        var before = seconds * 1_000_000 + micros;
        var after = long.Parse(later.Items![0].Text!) * 1_000_000 + long.Parse(later.Items[1].Text!);
        Assert.True(after >= before, "TIME went backwards");
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Lastsave_is_a_unix_time_not_in_the_future(int protocol)
    {
        using var client = Connect(protocol);
        var reply = client.Execute("LASTSAVE");
        Assert.Equal(RespType.Integer, reply.Type);
        Assert.InRange(reply.Integer, 1_600_000_000, DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 1);
    }

    // ---- DEBUG --------------------------------------------------------------------------------------------------

    [Fact]
    public void Debug_sleep_pauses_and_replies_ok()
    {
        using var client = Connect();
        AssertOk(client.Execute("DEBUG", "SLEEP", "0"));
        var watch = System.Diagnostics.Stopwatch.StartNew();
        AssertOk(client.Execute("DEBUG", "SLEEP", "0.2"));
        Assert.True(watch.ElapsedMilliseconds >= 150, $"DEBUG SLEEP 0.2 took {watch.ElapsedMilliseconds} ms");
    }

    [Fact]
    public void Debug_set_active_expire_replies_ok()
    {
        using var client = Connect();
        AssertOk(client.Execute("DEBUG", "SET-ACTIVE-EXPIRE", "0"));
        AssertOk(client.Execute("DEBUG", "SET-ACTIVE-EXPIRE", "1"));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Debug_object_describes_a_key(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        AssertOk(client.Execute("SET", key, "v"));
        var reply = client.Execute("DEBUG", "OBJECT", key);
        Assert.Equal(RespType.SimpleString, reply.Type);
        Assert.Matches(@"^Value at:0x[0-9a-f]+ refcount:\d+ encoding:embstr serializedlength:\d+ lru:\d+ lru_seconds_idle:\d+$", reply.Text!);
        AssertOk(client.Execute("SET", key, "12345"));
        Assert.Contains(" encoding:int ", client.Execute("DEBUG", "OBJECT", key).Text!, StringComparison.Ordinal);
        AssertError("ERR no such key", client.Execute("DEBUG", "OBJECT", NewKey()));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Debug_digest_is_zeros_when_empty_and_follows_the_data(int protocol)
    {
        using var client = Connect(protocol);
        AssertOk(client.Execute("FLUSHALL"));
        AssertSimple(Zeros, client.Execute("DEBUG", "DIGEST"));

        var (a, b) = KeysOnDifferentShards("digest");
        AssertOk(client.Execute("SET", a, "1"));
        AssertOk(client.Execute("SET", b, "2"));
        var first = client.Execute("DEBUG", "DIGEST");
        Assert.Equal(RespType.SimpleString, first.Type);
        Assert.Matches("^[0-9a-f]{40}$", first.Text!);
        Assert.NotEqual(Zeros, first.Text);

        // The same data written in another order digests the same.
        AssertOk(client.Execute("FLUSHALL"));
        AssertOk(client.Execute("SET", b, "2"));
        AssertOk(client.Execute("SET", a, "1"));
        AssertSimple(first.Text!, client.Execute("DEBUG", "DIGEST"));

        // A changed value, an extra key, or the same data in another database digests differently.
        AssertOk(client.Execute("SET", a, "changed"));
        var changed = client.Execute("DEBUG", "DIGEST").Text;
        Assert.NotEqual(first.Text, changed);
        AssertOk(client.Execute("SET", a, "1"));
        AssertSimple(first.Text!, client.Execute("DEBUG", "DIGEST"));
        AssertOk(client.Execute("SET", NewKey(), "extra"));
        Assert.NotEqual(first.Text, client.Execute("DEBUG", "DIGEST").Text);

        AssertOk(client.Execute("FLUSHALL"));
        AssertOk(client.Execute("SELECT", "3"));
        AssertOk(client.Execute("SET", a, "1"));
        AssertOk(client.Execute("SET", b, "2"));
        Assert.NotEqual(first.Text, client.Execute("DEBUG", "DIGEST").Text);
        AssertOk(client.Execute("FLUSHALL"));
        AssertSimple(Zeros, client.Execute("DEBUG", "DIGEST"));
    }

    [Fact]
    public async Task Debug_digest_equals_redis_for_the_same_data_spread_over_shards()
    {
        // Hex digests recorded from redis-server 7.0.15 (enable-debug-command) after the same writes.
        await using var node = ServerFixture.Start();
        using var client = ServerFixture.Connect(node.EndPoint.Port);
        AssertOk(client.Execute("SET", "a", "1"));
        AssertSimple("943d800368fb9c0e951138f1bc0e313ac769d91f", client.Execute("DEBUG", "DIGEST"));
        AssertOk(client.Execute("MSET", "b", "hello", "c", "12345678901", "d", "4", "f", "5"));
        AssertOk(client.Execute("SET", "e", "x", "EX", "100"));
        AssertSimple("c063b322aa1df01992051ea304ee80f91d5540b2", client.Execute("DEBUG", "DIGEST"));
        AssertOk(client.Execute("SELECT", "3"));
        AssertOk(client.Execute("SET", "z", "zz"));
        AssertSimple("ebfb6d5562e96185014b884ba383b47b10c064af", client.Execute("DEBUG", "DIGEST"));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Debug_digest_value_digests_each_value(int protocol)
    {
        using var client = Connect(protocol);
        var (a, b) = KeysOnDifferentShards("dv");
        var c = NewKey("dv");
        var missing = NewKey("missing");
        AssertOk(client.Execute("MSET", a, "same", b, "same", c, "other"));
        var reply = client.Execute("DEBUG", "DIGEST-VALUE", a, b, c, missing);
        Assert.Equal(RespType.Array, reply.Type);
        Assert.All(reply.Items!, item => Assert.Equal(RespType.SimpleString, item.Type));
        var digests = Texts(reply);
        Assert.All(digests, d => Assert.Matches("^[0-9a-f]{40}$", d!));
        Assert.Equal(digests[0], digests[1]);
        Assert.NotEqual(digests[0], digests[2]);
        Assert.NotEqual(Zeros, digests[0]);
        Assert.Equal(Zeros, digests[3]);
        Assert.Empty(client.Execute("DEBUG", "DIGEST-VALUE").Items!);
    }

    [Fact]
    public void Debug_unknown_subcommand_error()
    {
        using var client = Connect();
        AssertError("ERR unknown subcommand or wrong number of arguments for 'foo'. Try DEBUG HELP.", client.Execute("DEBUG", "foo"));
    }

    [Fact]
    public void Debug_subcommand_with_missing_arguments_error()
    {
        // DEBUG is one command in Redis, not a container: its subcommands' argument errors use the same text,
        // quoting the subcommand as typed (checked against redis-server with enable-debug-command).
        using var client = Connect();
        AssertError("ERR unknown subcommand or wrong number of arguments for 'OBJECT'. Try DEBUG HELP.", client.Execute("DEBUG", "OBJECT"));
        AssertError("ERR unknown subcommand or wrong number of arguments for 'object'. Try DEBUG HELP.", client.Execute("DEBUG", "object"));
    }

    // ---- MONITOR ------------------------------------------------------------------------------------------------

    [Fact]
    public void Monitor_streams_commands_of_other_clients_in_redis_format()
    {
        using var monitor = Connect();
        AssertOk(monitor.Execute("MONITOR"));
        using var client = Connect();
        var address = client.Execute("CLIENT", "INFO").Text!.Split(' ').Single(f => f.StartsWith("addr=", StringComparison.Ordinal))[5..];
        var key = NewKey();
        AssertOk(client.Execute("SET", key, "a\"b\n\u0001\\ \t\r\u0007\b"));
        AssertOk(client.Execute("SELECT", "3"));
        AssertNull(client.Execute("GET", key));

        // sdscatrepr quoting: \" \n \xNN \\ \t \r \a \b.
        var arguments = "\"SET\" \"" + key + "\" \"a\\\"b\\n\\x01\\\\ \\t\\r\\a\\b\"";
        var set = NextMonitorLine(monitor, "\"SET\"");
        Assert.Matches($@"^\d+\.\d{{6}} \[0 {Regex.Escape(address)}\] {Regex.Escape(arguments)}$", set);
        var get = NextMonitorLine(monitor, "\"GET\"");
        Assert.Matches($"^\\d+\\.\\d{{6}} \\[3 {Regex.Escape(address)}\\] \"GET\" \"{Regex.Escape(key)}\"$", get);
    }

    [Fact]
    public void Monitor_shows_select_with_the_database_it_selected()
    {
        // Redis feeds monitors after a command ran, so SELECT appears with the new database.
        using var monitor = Connect();
        AssertOk(monitor.Execute("MONITOR"));
        using var client = Connect();
        AssertOk(client.Execute("SELECT", "4"));
        Assert.Matches(@"^\d+\.\d{6} \[4 127\.0\.0\.1:\d+\] ""SELECT"" ""4""$", NextMonitorLine(monitor, "\"SELECT\""));
    }

    [Fact]
    public void Monitor_does_not_show_admin_commands()
    {
        // Redis never feeds commands flagged admin (CONFIG, CLIENT KILL, DEBUG...) to monitors.
        using var monitor = Connect();
        AssertOk(monitor.Execute("MONITOR"));
        using var client = Connect();
        client.Execute("CONFIG", "GET", "hz");
        client.Execute("ECHO", "last");
        var lines = MonitorLinesUntil(monitor, "\"ECHO\" \"last\"");
        Assert.DoesNotContain(lines, l => l.Contains("\"CONFIG\"", StringComparison.Ordinal));
    }

    [Fact]
    public void Monitor_shows_auth_with_redacted_arguments()
    {
        using var monitor = Connect();
        AssertOk(monitor.Execute("MONITOR"));
        using var client = Connect();
        AssertOk(client.Execute("AUTH", "default", "secret-password"));
        client.Execute("ECHO", "last");
        var lines = MonitorLinesUntil(monitor, "\"ECHO\" \"last\"");
        Assert.DoesNotContain(lines, l => l.Contains("secret-password", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.EndsWith("\"AUTH\" \"(redacted)\" \"(redacted)\"", StringComparison.Ordinal));
    }

    [Fact]
    public void Monitor_line_bytes()
    {
        using var socket = Server.RawSocket();
        Assert.Equal("+OK\r\n", ServerFixture.Exchange(socket, Command("MONITOR"), 5, 2000));
        using var client = Connect();
        client.Execute("PING");
        var line = ReadUntil(socket, "\"PING\"\r\n");
        Assert.Matches(@"^\+\d+\.\d{6} \[0 127\.0\.0\.1:\d+\] ""PING""\r\n$", line);
    }

    /// <summary>The next line the monitor receives that contains <paramref name="marker"/>, skipping others.</summary>
    private static string NextMonitorLine(RespClient monitor, string marker)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (DateTime.UtcNow < deadline)
        {
            var reply = monitor.ReadReply(TimeSpan.FromSeconds(5));
            Assert.Equal(RespType.SimpleString, reply.Type);
            if (reply.Text!.Contains(marker, StringComparison.Ordinal)) return reply.Text;
        }
        throw new TimeoutException($"no monitor line containing {marker}");
    }

    /// <summary>Every monitor line up to and including the one ending with <paramref name="last"/>.</summary>
    private static List<string> MonitorLinesUntil(RespClient monitor, string last)
    {
        var lines = new List<string>();
        while (true)
        {
            var line = NextMonitorLine(monitor, "");
            lines.Add(line);
            if (line.EndsWith(last, StringComparison.Ordinal)) return lines;
        }
    }

    /// <summary>INFO text as section title → field → value.</summary>
    private static Dictionary<string, Dictionary<string, string>> Parse(string info)
    {
        var sections = new Dictionary<string, Dictionary<string, string>>();
        Dictionary<string, string>? current = null;
        foreach (var line in info.Split("\r\n"))
        {
            if (line.Length == 0) continue;
            if (line.StartsWith("# ", StringComparison.Ordinal))
            {
                current = new Dictionary<string, string>();
                sections.Add(line[2..], current);
                continue;
            }
            Assert.NotNull(current);
            var colon = line.IndexOf(':');
            Assert.True(colon > 0, $"INFO line '{line}' is not name:value");
            current.Add(line[..colon], line[(colon + 1)..]);
        }
        return sections;
    }
}
