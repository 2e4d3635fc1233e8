using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using AkkaKv.Server.Commands;
using AkkaKv.Server.Config;
using AkkaKv.Server.Stats;

namespace AkkaKv.Server.Info;

/// <summary>
/// INFO's text: Redis's sections and field names, so monitoring tools and client libraries parse it unchanged,
/// plus a threads section describing AkkaKv's I/O threads and shards.
/// </summary>
public sealed class InfoBuilder
{
    private static readonly string[] DefaultSections =
        ["server", "clients", "memory", "persistence", "stats", "replication", "cpu", "modules", "errorstats", "cluster", "keyspace", "threads"];
    /// <summary>Every section, in the order Redis writes them whatever order they were asked in.</summary>
    private static readonly string[] AllSections =
        ["server", "clients", "memory", "persistence", "stats", "replication", "cpu", "modules", "commandstats", "errorstats", "latencystats", "cluster", "keyspace", "threads"];

    private readonly NodeState _node;
    private readonly StringBuilder _text = new(4096);

    public InfoBuilder(NodeState node) => _node = node;

    /// <summary>Builds the sections asked for ("default", "all", "everything" or names); unknown names are ignored as Redis does.</summary>
    public string Build(IReadOnlyCollection<string> requested)
    {
        var names = new HashSet<string>();
        if (requested.Count == 0) names.UnionWith(DefaultSections);
        foreach (var r in requested.Select(r => r.ToLowerInvariant()))
        {
            if (r == "default") names.UnionWith(DefaultSections);
            else if (r is "all" or "everything") names.UnionWith(AllSections);
            else names.Add(r);
        }
        foreach (var name in AllSections.Where(names.Contains))
        {
            switch (name)
            {
                case "server": Server(); break;
                case "clients": Clients(); break;
                case "memory": Memory(); break;
                case "persistence": Persistence(); break;
                case "stats": Stats(); break;
                case "replication": Replication(); break;
                case "cpu": Cpu(); break;
                case "modules": Section("Modules"); break;
                case "commandstats": CommandStats(); break;
                case "errorstats": ErrorStats(); break;
                case "latencystats": LatencyStats(); break;
                case "cluster": Section("Cluster").Field("cluster_enabled", _node.Router.Enabled ? 1 : 0); break;
                case "keyspace": Keyspace(); break;
                case "threads": Threads(); break;
            }
        }
        return _text.ToString();
    }

    private InfoBuilder Section(string title)
    {
        if (_text.Length > 0) _text.Append("\r\n");
        _text.Append("# ").Append(title).Append("\r\n");
        return this;
    }

    private InfoBuilder Field(string name, object value)
    {
        _text.Append(name).Append(':').Append(Convert.ToString(value, CultureInfo.InvariantCulture)).Append("\r\n");
        return this;
    }

    private void Server()
    {
        var uptime = DateTimeOffset.UtcNow - _node.StartedAt;
        Section("Server")
            .Field("redis_version", ConnectionCommands.RedisVersion)
            .Field("akkakv_version", typeof(InfoBuilder).Assembly.GetName().Version?.ToString() ?? "0.1.0")
            .Field("redis_git_sha1", "00000000")
            .Field("redis_git_dirty", 0)
            .Field("redis_build_id", "akkakv")
            .Field("redis_mode", _node.Router.Enabled ? "cluster" : "standalone")
            .Field("os", RuntimeInformation.OSDescription)
            .Field("arch_bits", Environment.Is64BitProcess ? 64 : 32)
            .Field("monotonic_clock", "POSIX clock_gettime")
            .Field("multiplexing_api", "epoll")
            .Field("atomicvar_api", "c11-builtin")
            .Field("gcc_version", "0.0.0")
            .Field("runtime", RuntimeInformation.FrameworkDescription)
            .Field("process_id", Environment.ProcessId)
            .Field("process_supervised", "no")
            .Field("run_id", _node.RunId)
            .Field("node_id", _node.NodeId)
            .Field("tcp_port", _node.Settings.Port)
            .Field("server_time_usec", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1000)
            .Field("uptime_in_seconds", (long)uptime.TotalSeconds)
            .Field("uptime_in_days", (long)uptime.TotalDays)
            .Field("hz", _node.Settings.Hz)
            .Field("configured_hz", _node.Settings.Hz)
            .Field("lru_clock", DateTimeOffset.UtcNow.ToUnixTimeSeconds() & ((1 << 24) - 1))
            .Field("executable", Environment.ProcessPath ?? "")
            .Field("config_file", _node.Settings.ConfigFile is null ? "" : Path.GetFullPath(_node.Settings.ConfigFile))
            .Field("io_threads_active", _node.Settings.IoThreads > 1 ? 1 : 0);
    }

    private void Clients()
    {
        var clients = _node.Clients.All.ToList();
        Section("Clients")
            .Field("connected_clients", clients.Count)
            .Field("cluster_connections", 0)
            .Field("maxclients", _node.Settings.MaxClients)
            .Field("client_recent_max_input_buffer", clients.Count == 0 ? 0 : clients.Max(c => c.QueryBufferLength))
            .Field("client_recent_max_output_buffer", 0)
            .Field("blocked_clients", _node.Stats.BlockedClients)
            .Field("tracking_clients", _node.Tracking.ClientCount)
            .Field("clients_in_timeout_table", 0)
            .Field("total_blocking_keys", 0)
            .Field("total_blocking_keys_on_nokey", 0);
    }

    private void Memory()
    {
        // What the heap holds now, garbage no collection has reclaimed yet included: live bytes alone are known only
        // right after a full collection, and INFO must not force one (it would stop every shard).
        var used = GC.GetTotalMemory(false);
        var rss = Process.GetCurrentProcess().WorkingSet64;
        var max = _node.Settings.MaxMemory;
        Section("Memory")
            .Field("used_memory", used)
            .Field("used_memory_human", Human(used))
            .Field("used_memory_rss", rss)
            .Field("used_memory_rss_human", Human(rss))
            .Field("used_memory_peak", Math.Max(used, GC.GetGCMemoryInfo().HeapSizeBytes))
            .Field("used_memory_peak_human", Human(Math.Max(used, GC.GetGCMemoryInfo().HeapSizeBytes)))
            .Field("used_memory_dataset", used)
            .Field("total_system_memory", GC.GetGCMemoryInfo().TotalAvailableMemoryBytes)
            .Field("total_system_memory_human", Human(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes))
            .Field("number_of_cached_scripts", _node.Scripting.Cache.Count)
            .Field("number_of_functions", _node.Scripting.Functions.Current.FunctionCount)
            .Field("number_of_libraries", _node.Scripting.Functions.Current.Libraries.Count)
            .Field("maxmemory", max)
            .Field("maxmemory_human", Human(max))
            .Field("maxmemory_policy", _node.Settings.MaxMemoryPolicy)
            .Field("mem_fragmentation_ratio", used == 0 ? "0.00" : ((double)rss / used).ToString("F2", CultureInfo.InvariantCulture))
            .Field("mem_allocator", "dotnet-gc")
            .Field("lazyfree_pending_objects", 0);
    }

    private void Persistence()
    {
        Section("Persistence")
            .Field("loading", 0)
            .Field("async_loading", 0)
            .Field("rdb_changes_since_last_save", _node.Stats.Sum(s => s.Dirty))
            .Field("rdb_bgsave_in_progress", 0)
            .Field("rdb_last_save_time", _node.LastSaveUnixSeconds)
            .Field("rdb_last_bgsave_status", "ok")
            .Field("aof_enabled", _node.Settings.AppendOnly ? 1 : 0)
            .Field("aof_rewrite_in_progress", 0)
            .Field("aof_last_bgrewrite_status", "ok")
            .Field("aof_last_write_status", "ok");
    }

    private void Stats()
    {
        var stats = _node.Stats;
        var uptime = Math.Max(1, (DateTimeOffset.UtcNow - _node.StartedAt).TotalSeconds);
        var commands = stats.AllExecutors.Sum(e => e.Calls.Sum());
        Section("Stats")
            .Field("total_connections_received", stats.ConnectionsReceived)
            .Field("total_commands_processed", commands)
            .Field("instantaneous_ops_per_sec", (long)(commands / uptime))
            .Field("total_net_input_bytes", stats.NetInputBytes)
            .Field("total_net_output_bytes", stats.NetOutputBytes)
            .Field("rejected_connections", stats.RejectedConnections)
            .Field("expired_keys", stats.Sum(s => s.ExpiredKeys))
            .Field("expired_subkeys", stats.Sum(s => s.ExpiredMembers))
            .Field("evicted_keys", 0)
            .Field("keyspace_hits", stats.Sum(s => s.KeyspaceHits))
            .Field("keyspace_misses", stats.Sum(s => s.KeyspaceMisses))
            .Field("pubsub_channels", _node.PubSub.ChannelCount)
            .Field("pubsub_patterns", _node.PubSub.PatternCount)
            .Field("pubsubshard_channels", _node.PubSub.ShardChannelCount)
            .Field("tracking_total_keys", _node.Tracking.KeyCount)
            .Field("tracking_total_items", _node.Tracking.ItemCount)
            .Field("tracking_total_prefixes", _node.Tracking.Prefixes.All.Length)
            .Field("total_error_replies", stats.TotalErrorReplies)
            .Field("total_reads_processed", 0)
            .Field("total_writes_processed", 0);
    }

    private void Replication()
    {
        var offset = _node.Journal.Offset;
        var backlog = _node.Journal.BacklogSize;
        var active = _node.Journal.IsRecording;
        Section("Replication")
            .Field("role", "master")
            .Field("connected_slaves", 0)
            .Field("master_failover_state", "no-failover")
            .Field("master_replid", _node.RunId)
            .Field("master_replid2", new string('0', 40))
            .Field("master_repl_offset", offset)
            .Field("second_repl_offset", -1)
            .Field("repl_backlog_active", active ? 1 : 0)
            .Field("repl_backlog_size", backlog)
            .Field("repl_backlog_first_byte_offset", active ? Math.Max(1, offset - backlog + 1) : 0)
            .Field("repl_backlog_histlen", active ? Math.Min(offset, backlog) : 0);
    }

    private void Cpu()
    {
        var process = Process.GetCurrentProcess();
        Section("CPU")
            .Field("used_cpu_sys", process.PrivilegedProcessorTime.TotalSeconds.ToString("F6", CultureInfo.InvariantCulture))
            .Field("used_cpu_user", process.UserProcessorTime.TotalSeconds.ToString("F6", CultureInfo.InvariantCulture))
            .Field("used_cpu_sys_children", "0.000000")
            .Field("used_cpu_user_children", "0.000000");
    }

    private void CommandStats()
    {
        Section("Commandstats");
        var all = _node.Commands.All;
        var executors = _node.Stats.AllExecutors.ToList();
        for (var id = 0; id < all.Count; id++)
        {
            long calls = 0, usec = 0, failed = 0, rejected = 0;
            foreach (var e in executors)
            {
                calls += e.Calls[id];
                usec += e.Microseconds[id];
                failed += e.Failed[id];
                rejected += e.Rejected[id];
            }
            if (calls == 0 && rejected == 0) continue;
            var perCall = calls == 0 ? 0 : (double)usec / calls;
            Field($"cmdstat_{all[id].FullName}",
                $"calls={calls},usec={usec},usec_per_call={perCall.ToString("F2", CultureInfo.InvariantCulture)},rejected_calls={rejected},failed_calls={failed}");
        }
    }

    private void ErrorStats()
    {
        Section("Errorstats");
        foreach (var (prefix, count) in _node.Stats.ErrorCounts) Field($"errorstat_{prefix}", $"count={count}");
    }

    /// <summary>Each tracked command's latency-tracking-info-percentiles in µs (nothing while latency-tracking is off).</summary>
    private void LatencyStats()
    {
        Section("Latencystats");
        if (!_node.Settings.LatencyTracking) return;
        var percentiles = _node.Settings.LatencyTrackingInfoPercentiles;
        var all = _node.Commands.All;
        var histograms = _node.Stats.AllExecutors.Select(e => e.Latency).ToList();
        for (var id = 0; id < all.Count; id++)
        {
            var merged = LatencyHistogram.Merge(histograms, id);
            if (merged is null) continue;
            Field($"latency_percentiles_usec_{all[id].FullName}", string.Join(',', percentiles.Select(p =>
                $"p{LatencyPercentiles.FormatOne(p)}={LatencyHistogram.Percentile(merged, p).ToString("F3", CultureInfo.InvariantCulture)}")));
        }
    }

    private void Keyspace()
    {
        Section("Keyspace");
        for (var db = 0; db < _node.Settings.Databases; db++)
        {
            long keys = 0, expires = 0, ttlSum = 0, ttlShards = 0;
            foreach (var keyspace in _node.Shards.Keyspaces)
            {
                var database = keyspace[db];
                keys += database.Count;
                expires += database.ExpiresCount;
                if (database.AverageTtlMs > 0)
                {
                    ttlSum += database.AverageTtlMs;
                    ttlShards++;
                }
            }
            if (keys == 0) continue;
            Field($"db{db}", $"keys={keys},expires={expires},avg_ttl={(ttlShards == 0 ? 0 : ttlSum / ttlShards)}");
        }
    }

    private void Threads()
    {
        Section("Threads")
            .Field("io_threads", _node.Settings.IoThreads)
            .Field("shards", _node.Shards.Count)
            .Field("shard_dispatcher", "pinned")
            .Field("io_dispatcher", "affinity");
        for (var i = 0; i < _node.Shards.Count; i++)
        {
            var stats = _node.Stats.Shards[i];
            long keys = 0;
            foreach (var db in Enumerable.Range(0, _node.Settings.Databases)) keys += _node.Shards.Keyspaces[i][db].Count;
            Field($"shard{i}", $"keys={keys},commands={stats.Calls.Sum()},expired_keys={stats.ExpiredKeys}");
        }
    }

    private static string Human(long bytes)
    {
        string[] units = ["B", "K", "M", "G", "T"];
        double value = bytes;
        var unit = 0;
        while (value >= 1024 && unit < units.Length - 1)
        {
            value /= 1024;
            unit++;
        }
        return unit == 0 ? $"{bytes}B" : value.ToString("F2", CultureInfo.InvariantCulture) + units[unit];
    }
}
