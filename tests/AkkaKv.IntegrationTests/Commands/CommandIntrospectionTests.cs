using AkkaKv.IntegrationTests.Infrastructure;
using AkkaKv.Protocol;
using AkkaKv.Server.Commands;

namespace AkkaKv.IntegrationTests.Commands;

/// <summary>
/// COMMAND and its subcommands (Redis's unit/introspection-2 and unit/info-command parts), and a meta-test over the
/// command table: every command has a handler, a sane arity, key positions inside its arity, and is reachable by
/// name over the wire.
/// </summary>
public sealed class CommandIntrospectionTests(ServerFixture server) : CommandTestBase(server), IClassFixture<ServerFixture>
{
    private static CommandTable Table => CommandTable.Default;

    // ---- COMMAND / COUNT ----------------------------------------------------------------------------------------

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Command_lists_every_top_level_command_and_count_agrees(int protocol)
    {
        using var client = Connect(protocol);
        var count = client.Execute("COMMAND", "COUNT");
        AssertInteger(Table.Commands.Count, count);
        var all = client.Execute("COMMAND");
        Assert.Equal(RespType.Array, all.Type);
        Assert.Equal(count.Integer, all.Items!.Count);
        var names = all.Items.Select(entry => entry.Items![0].Text!).ToList();
        Assert.Equal(names.Count, names.Distinct().Count());
        Assert.Equal(Table.Commands.Select(c => c.Name).Order(StringComparer.Ordinal), names.Order(StringComparer.Ordinal));
        AssertError("ERR wrong number of arguments for 'command|count' command", client.Execute("COMMAND", "COUNT", "x"));
    }

    // ---- COMMAND INFO -------------------------------------------------------------------------------------------

    [Theory]
    [InlineData(2, "get", 2, "readonly fast", 1, 1, 1, "@read @string @fast")]
    [InlineData(3, "get", 2, "readonly fast", 1, 1, 1, "@read @string @fast")]
    [InlineData(2, "set", -3, "write denyoom", 1, 1, 1, "@write @string @slow")]
    [InlineData(3, "mset", -3, "write denyoom", 1, -1, 2, "@write @string @slow")]
    [InlineData(2, "lcs", -3, "readonly", 1, 2, 1, "@read @string @slow")]
    [InlineData(2, "del", -2, "write", 1, -1, 1, "@keyspace @write @slow")]
    [InlineData(3, "expire", -3, "write fast", 1, 1, 1, "@keyspace @write @fast")]
    [InlineData(2, "ping", -1, "fast", 0, 0, 0, "@fast @connection")]
    [InlineData(3, "dbsize", 1, "readonly fast", 0, 0, 0, "@keyspace @read @fast")]
    [InlineData(2, "config|get", -3, "admin noscript loading stale", 0, 0, 0, "@admin @slow @dangerous")]
    [InlineData(3, "object|encoding", 3, "readonly", 2, 2, 1, "@keyspace @read @slow")]
    [InlineData(2, "sort", -2, "write denyoom movablekeys", 1, 1, 1, "@write @set @sortedset @list @slow @dangerous")]
    [InlineData(2, "blpop", -3, "write noscript blocking", 1, -2, 1, "@write @list @slow @blocking")]
    [InlineData(3, "xreadgroup", -7, "write blocking movablekeys", 0, 0, 0, "@write @stream @slow @blocking")]
    public void Command_info_describes_a_command(int protocol, string name, int arity, string flags, int first, int last, int step, string categories)
    {
        using var client = Connect(protocol);
        var reply = client.Execute("COMMAND", "INFO", name);
        Assert.Equal(RespType.Array, reply.Type);
        var entry = Assert.Single(reply.Items!);
        Assert.Equal(10, entry.Items!.Count);
        AssertBulk(name, entry.Items[0]);
        AssertInteger(arity, entry.Items[1]);
        AssertSet(flags, entry.Items[2], protocol);
        AssertInteger(first, entry.Items[3]);
        AssertInteger(last, entry.Items[4]);
        AssertInteger(step, entry.Items[5]);
        AssertSet(categories, entry.Items[6], protocol);
        Assert.Equal(RespType.Array, entry.Items[7].Type);
        Assert.Equal(RespType.Array, entry.Items[8].Type);
        Assert.Equal(first == 0 ? 0 : 1, entry.Items[8].Items!.Count);
        Assert.Equal(RespType.Array, entry.Items[9].Type);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Command_info_key_specs_follow_redis(int protocol)
    {
        using var client = Connect(protocol);
        var entry = client.Execute("COMMAND", "INFO", "get").Items![0];
        var spec = AssertMap(entry.Items![8].Items![0], protocol);
        AssertSet("RO access", spec["flags"], protocol);
        var begin = AssertMap(spec["begin_search"], protocol);
        AssertBulk("index", begin["type"]);
        AssertInteger(1, AssertMap(begin["spec"], protocol)["index"]);
        var find = AssertMap(spec["find_keys"], protocol);
        AssertBulk("range", find["type"]);
        var range = AssertMap(find["spec"], protocol);
        AssertInteger(0, range["lastkey"]);
        AssertInteger(1, range["keystep"]);
        AssertInteger(0, range["limit"]);

        var mset = client.Execute("COMMAND", "INFO", "mset").Items![0];
        var msetRange = AssertMap(AssertMap(AssertMap(mset.Items![8].Items![0], protocol)["find_keys"], protocol)["spec"], protocol);
        AssertInteger(-1, msetRange["lastkey"]);
        AssertInteger(2, msetRange["keystep"]);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Command_info_of_a_container_lists_its_subcommands(int protocol)
    {
        using var client = Connect(protocol);
        var entry = client.Execute("COMMAND", "INFO", "client").Items![0];
        AssertBulk("client", entry.Items![0]);
        AssertInteger(-2, entry.Items[1]);
        var subcommands = entry.Items[9].Items!.Select(s => s.Items![0].Text!).ToList();
        Assert.Contains("client|list", subcommands);
        Assert.Contains("client|kill", subcommands);
        Assert.All(subcommands, s => Assert.StartsWith("client|", s, StringComparison.Ordinal));
        Assert.All(entry.Items[9].Items!, s => Assert.Equal(10, s.Items!.Count));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Command_info_of_several_commands_has_nulls_for_unknown_ones(int protocol)
    {
        using var client = Connect(protocol);
        var reply = client.Execute("COMMAND", "INFO", "GET", "nosuchcommand", "client|nosuch", "SeT");
        Assert.Equal(4, reply.Items!.Count);
        AssertBulk("get", reply.Items[0].Items![0]);
        AssertNull(reply.Items[1]);
        AssertNull(reply.Items[2]);
        AssertBulk("set", reply.Items[3].Items![0]);
        Assert.Equal(Table.Commands.Count, client.Execute("COMMAND", "INFO").Items!.Count);
    }

    [Fact]
    public void Command_info_of_an_unknown_command_is_a_null_bulk_bytes()
    {
        // Redis replies addReplyNull here: $-1 under RESP2 (not the null array *-1), _ under RESP3.
        AssertRawReply("*1\r\n$-1\r\n", Command("COMMAND", "INFO", "nosuchcommand"));
        AssertRawReply("*1\r\n_\r\n", Command("COMMAND", "INFO", "nosuchcommand"), protocol: 3);
    }

    // ---- COMMAND DOCS -------------------------------------------------------------------------------------------

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Command_docs_describes_commands_as_maps(int protocol)
    {
        using var client = Connect(protocol);
        var docs = AssertMap(client.Execute("COMMAND", "DOCS", "get"), protocol);
        var get = AssertMap(Assert.Single(docs).Value, protocol);
        // Redis 7.2's summary (7.0 said "Get the value of a key").
        AssertBulk("Returns the string value of a key.", get["summary"]);
        AssertBulk("1.0.0", get["since"]);
        AssertBulk("string", get["group"]);
        AssertBulk("O(1)", get["complexity"]);

        var client2 = AssertMap(AssertMap(client.Execute("COMMAND", "DOCS", "client"), protocol)["client"], protocol);
        AssertBulk("connection", client2["group"]);
        var subcommands = AssertMap(client2["subcommands"], protocol);
        Assert.Contains("client|list", subcommands.Keys);
        AssertBulk("connection", AssertMap(subcommands["client|list"], protocol)["group"]);

        Assert.Empty(AssertMap(client.Execute("COMMAND", "DOCS", "nosuchcommand"), protocol));
        var several = AssertMap(client.Execute("COMMAND", "DOCS", "set", "nosuch", "config|get"), protocol);
        Assert.Equal(["config|get", "set"], several.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(Table.Commands.Count, AssertMap(client.Execute("COMMAND", "DOCS"), protocol).Count);
    }

    // ---- COMMAND LIST -------------------------------------------------------------------------------------------

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Command_list_names_commands_containers_and_subcommands(int protocol)
    {
        using var client = Connect(protocol);
        var names = Texts(client.Execute("COMMAND", "LIST"));
        foreach (var name in new[] { "get", "set", "client", "client|list", "config", "config|get", "command", "command|info", "object|encoding" })
            Assert.Contains(name, names);
        Assert.Equal(Table.All.Select(c => c.FullName).Order(StringComparer.Ordinal), names.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Command_list_filterby(int protocol)
    {
        using var client = Connect(protocol);
        var getters = Texts(client.Execute("COMMAND", "LIST", "FILTERBY", "PATTERN", "get*"));
        Assert.Subset(getters.ToHashSet(), new HashSet<string?> { "get", "getdel", "getex", "getrange", "getset" });
        Assert.All(getters, name => Assert.StartsWith("get", name, StringComparison.Ordinal));
        AssertTexts(["client|list"], client.Execute("COMMAND", "LIST", "FILTERBY", "PATTERN", "CLIENT|L*"));

        var strings = Texts(client.Execute("COMMAND", "LIST", "FILTERBY", "ACLCAT", "string"));
        Assert.Contains("get", strings);
        Assert.Contains("append", strings);
        Assert.DoesNotContain("ping", strings);
        Assert.DoesNotContain("del", strings);
        var keyspace = Texts(client.Execute("COMMAND", "LIST", "FILTERBY", "ACLCAT", "keyspace"));
        foreach (var name in new[] { "del", "expire", "rename", "object|encoding", "scan" }) Assert.Contains(name, keyspace);

        Assert.Empty(Texts(client.Execute("COMMAND", "LIST", "FILTERBY", "MODULE", "nosuchmodule")));
        Assert.Empty(Texts(client.Execute("COMMAND", "LIST", "FILTERBY", "ACLCAT", "nosuchcategory")));
    }

    [Fact]
    public void Server_group_commands_on_the_keyspace_are_in_the_keyspace_category()
    {
        // In Redis, DBSIZE, FLUSHDB, FLUSHALL and SWAPDB belong to the server group but carry the @keyspace category.
        using var client = Connect();
        var keyspace = Texts(client.Execute("COMMAND", "LIST", "FILTERBY", "ACLCAT", "keyspace"));
        foreach (var name in new[] { "dbsize", "flushdb", "flushall", "swapdb", "keys", "randomkey" }) Assert.Contains(name, keyspace);
    }

    [Theory]
    [InlineData(2, "FILTERBY", "foo", "bar")]
    [InlineData(3, "FILTERBY")]
    [InlineData(2, "FILTERBY", "PATTERN")]
    [InlineData(2, "foo")]
    public void Command_list_rejects_bad_filters(int protocol, params string[] args)
    {
        using var client = Connect(protocol);
        AssertError("ERR syntax error", client.Execute(["COMMAND", "LIST", .. args]));
    }

    // ---- COMMAND GETKEYS ----------------------------------------------------------------------------------------

    [Theory]
    [InlineData(2, "k", "SET", "k", "v")]
    [InlineData(3, "a b", "MSET", "a", "1", "b", "2")]
    [InlineData(2, "a b c", "DEL", "a", "b", "c")]
    [InlineData(2, "a b", "LCS", "a", "b", "IDX")]
    [InlineData(3, "a b", "COPY", "a", "b", "DB", "1")]
    [InlineData(2, "k", "OBJECT", "ENCODING", "k")]
    [InlineData(2, "k", "getex", "k", "PERSIST")]
    public void Command_getkeys_extracts_the_keys(int protocol, string keys, params string[] command)
    {
        using var client = Connect(protocol);
        Assert.Equal(keys.Split(' '), Texts(client.Execute(["COMMAND", "GETKEYS", .. command])));
    }

    [Theory]
    [InlineData(2, "ERR Invalid command specified", "nosuchcommand", "x")]
    [InlineData(3, "ERR Invalid command specified", "OBJECT", "nosuch", "k")]
    [InlineData(2, "ERR The command has no key arguments", "PING", "x")]
    [InlineData(2, "ERR The command has no key arguments", "CLIENT", "LIST")]
    [InlineData(3, "ERR The command has no key arguments", "CONFIG", "GET", "x")]
    [InlineData(2, "ERR Invalid number of arguments specified for command", "GET", "a", "b")]
    [InlineData(3, "ERR Invalid number of arguments specified for command", "SET", "k")]
    public void Command_getkeys_errors(int protocol, string error, params string[] command)
    {
        using var client = Connect(protocol);
        AssertError(error, client.Execute(["COMMAND", "GETKEYS", .. command]));
    }

    [Fact]
    public void Command_getkeys_needs_a_command_and_an_argument()
    {
        // COMMAND GETKEYS has arity -4 in Redis 7.2: a command alone is an arity error of GETKEYS itself.
        using var client = Connect();
        AssertError("ERR wrong number of arguments for 'command|getkeys' command", client.Execute("COMMAND", "GETKEYS"));
        AssertError("ERR wrong number of arguments for 'command|getkeys' command", client.Execute("COMMAND", "GETKEYS", "GET"));
    }

    [Fact]
    public void Command_getkeys_checks_for_keys_before_arity()
    {
        // Redis answers "no key arguments" before it looks at the argument count.
        using var client = Connect();
        AssertError("ERR The command has no key arguments", client.Execute("COMMAND", "GETKEYS", "SELECT", "1", "2"));
    }

    // ---- HELP and unknown subcommands ------------------------------------------------------------------------

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Command_help_and_unknown_subcommand(int protocol)
    {
        using var client = Connect(protocol);
        var help = Texts(client.Execute("COMMAND", "HELP"));
        Assert.Equal("COMMAND <subcommand> [<arg> [value] [opt] ...]. Subcommands are:", help[0]);
        AssertTexts(["HELP", "    Print this help."], help[^2..]);
        Assert.Contains("GETKEYS <full-command>", help);
        AssertError("ERR unknown subcommand 'foo'. Try COMMAND HELP.", client.Execute("COMMAND", "foo"));
    }

    // ---- The command table ----------------------------------------------------------------------------------

    [Fact]
    public void Every_command_has_a_handler_matching_its_routing()
    {
        var problems = new List<string>();
        foreach (var command in Table.All)
        {
            if (command.HasSubcommands)
            {
                if (command.Subcommands.Count == 0) problems.Add($"{command.FullName}: container without subcommands");
                continue;
            }
            var ok = command.Routing switch
            {
                CommandRouting.Session => command.ExecuteInSession is not null,
                CommandRouting.ChosenShard => command.Execute is not null && command.ChooseShard is not null,
                // EXEC runs the commands the session queued: it has no handler of its own.
                CommandRouting.Transaction => command.Execute is null && command.ExecuteInSession is null,
                _ => command.Execute is not null,
            };
            if (!ok) problems.Add($"{command.FullName}: no handler for routing {command.Routing}");
            if (command.Routing == CommandRouting.Keys && !command.HasKeys) problems.Add($"{command.FullName}: routed by keys but has none");
        }
        Assert.Empty(problems);
    }

    [Fact]
    public void Every_command_has_a_sane_arity_and_name()
    {
        var problems = new List<string>();
        foreach (var command in Table.All)
        {
            var minimum = command.Parent is null ? 1 : 2;
            if (Math.Abs(command.Arity) < minimum) problems.Add($"{command.FullName}: arity {command.Arity}");
            if (command.Name != command.Name.ToLowerInvariant() || command.Name.Length == 0 || command.Name.Contains(' ') || command.Name.Contains('|'))
                problems.Add($"{command.FullName}: bad name '{command.Name}'");
            var expectedFullName = command.Parent is null ? command.Name : $"{command.Parent.Name}|{command.Name}";
            if (command.FullName != expectedFullName) problems.Add($"{command.FullName}: full name should be {expectedFullName}");
            if (string.IsNullOrWhiteSpace(command.Summary) || string.IsNullOrWhiteSpace(command.Group) || string.IsNullOrWhiteSpace(command.Since))
                problems.Add($"{command.FullName}: missing documentation");
        }
        Assert.Empty(problems);
        Assert.Equal(Table.All.Count, Table.All.Select(c => c.FullName).Distinct().Count());
        Assert.Equal(Table.Count, Table.All.Count);
        Assert.Equal(Enumerable.Range(0, Table.All.Count), Table.All.Select(c => c.Id));
    }

    [Fact]
    public void Every_command_has_key_positions_inside_its_arity()
    {
        var problems = new List<string>();
        foreach (var command in Table.All)
        {
            if (!command.HasKeys)
            {
                if (command.LastKey != 0 || command.FirstKey != 0) problems.Add($"{command.FullName}: last key {command.LastKey} without a first key");
                continue;
            }
            // Keys found by scanning the arguments (numkeys, STREAMS) have no fixed positions; Redis reports 0 0 0.
            if (command.FindKeys is not null && command.FirstKey == 0) continue;
            var firstArgument = command.Parent is null ? 1 : 2;
            if (command.FirstKey < firstArgument) problems.Add($"{command.FullName}: first key {command.FirstKey} is the command name");
            if (command.KeyStep < 1) problems.Add($"{command.FullName}: key step {command.KeyStep}");
            if (command.LastKey >= 0 && command.LastKey < command.FirstKey) problems.Add($"{command.FullName}: last key {command.LastKey} before first {command.FirstKey}");
            var mandatoryKeys = (command.Flags & CommandFlags.NoMandatoryKeys) == 0;
            if (command.Arity > 0)
            {
                var last = command.LastKey >= 0 ? command.LastKey : command.Arity + command.LastKey;
                if (command.FirstKey >= command.Arity || last >= command.Arity || last < command.FirstKey)
                    problems.Add($"{command.FullName}: keys {command.FirstKey}..{command.LastKey} outside arity {command.Arity}");
            }
            // SUNSUBSCRIBE alone in Redis names an optional key without no_mandatory_keys.
            else if (mandatoryKeys && command.FirstKey >= -command.Arity && command.FullName != "sunsubscribe")
            {
                problems.Add($"{command.FullName}: first key {command.FirstKey} beyond the minimum arity {command.Arity} (optional keys need no_mandatory_keys)");
            }
        }
        Assert.Empty(problems);
    }

    [Fact]
    public void Every_command_is_reachable_by_name_in_the_table()
    {
        var problems = new List<string>();
        foreach (var command in Table.All)
        {
            var found = command.Parent is null
                ? Table.Find(command.Name.ToUpperInvariant())
                : Table.FindSubcommand(command.Parent, System.Text.Encoding.UTF8.GetBytes(command.Name.ToUpperInvariant()));
            if (!ReferenceEquals(found, command)) problems.Add($"{command.FullName}: lookup found {found?.FullName ?? "nothing"}");
        }
        Assert.Empty(problems);
        Assert.Null(Table.Find("nosuchcommand"));
    }

    [Fact]
    public void Every_command_is_described_by_command_info_over_the_wire()
    {
        using var client = Connect();
        var names = Table.All.Select(c => c.FullName).ToArray();
        var reply = client.Execute(["COMMAND", "INFO", .. names]);
        Assert.Equal(names.Length, reply.Items!.Count);
        var problems = new List<string>();
        for (var i = 0; i < names.Length; i++)
        {
            var entry = reply.Items[i];
            var command = Table.All[i];
            if (entry.IsNull)
            {
                problems.Add($"{command.FullName}: COMMAND INFO has no entry");
                continue;
            }
            if (entry.Items![0].Text != command.FullName) problems.Add($"{command.FullName}: named {entry.Items[0].Text}");
            if (entry.Items[1].Integer != command.Arity) problems.Add($"{command.FullName}: arity {entry.Items[1].Integer}, table says {command.Arity}");
            if (entry.Items[3].Integer != command.FirstKey || entry.Items[4].Integer != command.LastKey)
                problems.Add($"{command.FullName}: keys {entry.Items[3].Integer}..{entry.Items[4].Integer}");
        }
        Assert.Empty(problems);
    }

    [Fact]
    public void Every_command_answers_a_wrong_argument_count_with_its_arity_error()
    {
        using var client = Connect();
        var problems = new List<string>();
        foreach (var command in Table.All)
        {
            var request = WrongArityRequest(command);
            if (request is null) continue;
            var reply = client.Execute(request);
            var expected = command.Parent is { SubcommandSyntaxErrors: true } parent
                ? $"ERR unknown subcommand or wrong number of arguments for '{request[1]}'. Try {parent.Name.ToUpperInvariant()} HELP."
                : $"ERR wrong number of arguments for '{command.FullName}' command";
            if (!reply.IsError || reply.Text != expected) problems.Add($"{string.Join(' ', request)}: {reply}");
        }
        Assert.Empty(problems);
        AssertSimple("PONG", client.Execute("PING"));
    }

    /// <summary>
    /// A request with one argument too many (fixed arity) or one too few (minimum arity) for <paramref name="command"/>,
    /// or null when no such request can be sent (arity -1, or too few arguments would not reach a subcommand).
    /// </summary>
    private static string[]? WrongArityRequest(CommandDefinition command)
    {
        var names = command.Parent is null ? new[] { command.Name.ToUpperInvariant() } : [command.Parent.Name.ToUpperInvariant(), command.Name.ToUpperInvariant()];
        int total;
        if (command.Arity > 0) total = command.Arity + 1;
        else total = -command.Arity - 1;
        if (total < names.Length) return null;
        return [.. names, .. Enumerable.Repeat("x", total - names.Length)];
    }

    private static void AssertSet(string expected, RespValue reply, int protocol)
    {
        Assert.Equal(protocol == 3 ? RespType.Set : RespType.Array, reply.Type);
        Assert.Equal(expected.Split(' ', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal),
            reply.Items!.Select(i => i.Text!).Order(StringComparer.Ordinal));
    }
}
