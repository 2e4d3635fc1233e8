using AkkaKv.Host;
using AkkaKv.IntegrationTests.Infrastructure;
using AkkaKv.Protocol;
using AkkaKv.Server;
using AkkaKv.Server.Config;

namespace AkkaKv.IntegrationTests.Commands;

/// <summary>
/// SORT ... STORE: the stored list (its encoding included), an empty result, other shards, the clients it wakes, what
/// it journals; and the options cluster mode refuses.
/// </summary>
public sealed partial class SortCommandsTests
{
    [Fact]
    public void The_key_the_last_store_writes_is_the_one_routed_to()
    {
        // "STORE x STORE d" writes d: its shard must take part in the step, whatever word follows the first STORE.
        using var client = Connect();
        var (source, destination) = KeysOnDifferentShards("store");
        client.Execute("RPUSH", source, "2", "1");
        AssertTexts([source, destination], client.Execute("COMMAND", "GETKEYS", "SORT", source, "STORE", "by", "STORE", destination));
        AssertInteger(2, client.Execute("SORT", source, "STORE", "by", "STORE", destination));
        AssertTexts(["1", "2"], client.Execute("LRANGE", destination, "0", "-1"));
        AssertInteger(0, client.Execute("EXISTS", "by"));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Store_replaces_a_destination_on_another_shard_and_drops_its_ttl(int protocol)
    {
        using var client = Connect(protocol);
        var (source, destination) = KeysOnDifferentShards("store");
        var w = NewKey("w");
        client.Execute("RPUSH", source, "3", "1", "2");
        client.Execute("MSET", $"{w}_1", "30", $"{w}_2", "20", $"{w}_3", "10");
        client.Execute("HSET", $"{w}_h1", "f", "one");
        AssertOk(client.Execute("SET", destination, "a string", "EX", "100"));

        // sort.tcl "SORT BY key STORE" and "SORT BY hash field STORE".
        AssertInteger(3, client.Execute("SORT", source, "BY", $"{w}_*", "STORE", destination));
        AssertTexts(["3", "2", "1"], client.Execute("LRANGE", destination, "0", "-1"));
        AssertInteger(-1, client.Execute("TTL", destination));
        AssertEncoding(client, destination, "listpack");

        // Each GET makes one element; a missing value is stored as an empty string.
        AssertInteger(6, client.Execute("SORT", source, "GET", "#", "GET", $"{w}_h*->f", "STORE", destination));
        AssertTexts(["1", "one", "2", "", "3", ""], client.Execute("LRANGE", destination, "0", "-1"));
        AssertInteger(2, client.Execute("SORT", source, "LIMIT", "1", "5", "DESC", "STORE", destination));
        AssertTexts(["2", "1"], client.Execute("LRANGE", destination, "0", "-1"));

        // Sorting a list into itself.
        AssertInteger(3, client.Execute("SORT", source, "DESC", "STORE", source));
        AssertTexts(["3", "2", "1"], client.Execute("LRANGE", source, "0", "-1"));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Store_of_an_empty_result_deletes_the_destination_and_creates_nothing(int protocol)
    {
        using var client = Connect(protocol);
        var (destination, list) = (NewKey("dst"), NewKey("l"));
        // sort.tcl "SORT with STORE returns zero if result is empty (github issue 224)" and the two after it.
        AssertInteger(0, client.Execute("SORT", NewKey("missing"), "STORE", destination));
        AssertInteger(0, client.Execute("EXISTS", destination));
        client.Execute("RPUSH", destination, "x");
        AssertInteger(0, client.Execute("SORT", NewKey("missing"), "STORE", destination));
        AssertInteger(0, client.Execute("EXISTS", destination));
        client.Execute("RPUSH", list, "a");
        client.Execute("SET", destination, "x");
        AssertInteger(0, client.Execute("SORT", list, "ALPHA", "LIMIT", "1", "1", "STORE", destination));
        AssertInteger(0, client.Execute("EXISTS", destination));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Set_by_a_constant_is_sorted_alpha_when_stored(int protocol)
    {
        using var client = Connect(protocol);
        var (set, destination) = (NewKey("s"), NewKey("dst"));
        // sort.tcl "SORT with BY <constant> and STORE should still order output": replicas must get the same list.
        client.Execute("SADD", set, "a", "b", "c", "d", "e", "f", "g", "h", "i", "l", "m", "n", "o", "p", "q", "r", "s", "t", "u", "v", "z", "aa", "aaa", "azz");
        AssertInteger(24, client.Execute("SORT", set, "BY", "not-exists", "STORE", destination));
        AssertTexts(["a", "aa", "aaa", "azz", "b", "c", "d", "e", "f", "g", "h", "i", "l", "m", "n", "o", "p", "q", "r", "s", "t", "u", "v", "z"],
            client.Execute("LRANGE", destination, "0", "-1"));
        AssertInteger(2, client.Execute("SORT", set, "BY", "nosort", "DESC", "LIMIT", "0", "2", "STORE", destination));
        AssertTexts(["z", "v"], client.Execute("LRANGE", destination, "0", "-1"));
    }

    [Theory]
    [InlineData(681, "-2", "listpack")]
    [InlineData(682, "-2", "quicklist")]
    [InlineData(4, "4", "listpack")]
    [InlineData(5, "4", "quicklist")]
    [InlineData(6000, "-1", "quicklist")]
    public void The_stored_list_is_a_listpack_only_when_it_fills_one_quicklist_node(int count, string limit, string encoding)
    {
        using var client = Connect();
        var (source, destination) = (NewKey("src"), NewKey("dst"));
        // Ten-byte elements: a node takes 681 of them in 8 KB, where RPUSH would keep 682 in a listpack.
        var elements = Enumerable.Range(0, count).Select(i => limit == "-1" ? "1" : $"e{i:D9}").ToArray();
        WithListLimit(client, limit, () =>
        {
            client.Execute(["RPUSH", source, .. elements]);
            AssertInteger(count, client.Execute("SORT", source, "BY", "nosort", "STORE", destination));
            AssertEncoding(client, destination, encoding);
            Assert.Equal(elements, Texts(client.Execute("LRANGE", destination, "0", "-1")));
        });
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Store_serves_a_client_blocked_on_the_destination(int protocol)
    {
        using var client = Connect(protocol);
        using var popper = Connect(protocol);
        var (source, destination) = KeysOnDifferentShards("blocked");
        client.Execute("RPUSH", source, "b", "c", "a");
        var before = InfoFields.Integer(client, "clients", "blocked_clients");
        var pop = Task.Run(() => popper.Execute("BLPOP", destination, "10"));
        Assert.True(Eventually(() => pop.IsCompleted || InfoFields.Integer(client, "clients", "blocked_clients") > before, 5000), "BLPOP did not block");
        Assert.False(pop.IsCompleted);

        AssertInteger(3, client.Execute("SORT", source, "ALPHA", "STORE", destination));
        Assert.True(pop.Wait(TimeSpan.FromSeconds(10)), "BLPOP was not served");
        AssertTexts([destination, "a"], pop.Result);
        AssertTexts(["b", "c"], client.Execute("LRANGE", destination, "0", "-1"));
    }

    [Fact]
    public async Task Store_is_journaled_as_received_when_it_changed_the_keyspace()
    {
        var journal = new CapturingJournal();
        await using var node = ServerNode.Start(Settings(), _ => journal, new TestRouter(enabled: false), _ => { });
        using var client = ServerFixture.Connect(node.EndPoint.Port);
        client.Execute("RPUSH", "l", "2", "1");
        client.Execute("SET", "w_1", "5");
        client.Execute("SORT", "l");
        client.Execute("SORT", "l", "BY", "w_*", "STORE", "d");
        client.Execute("SORT", "missing", "STORE", "nothing");
        client.Execute("SORT", "l", "LIMIT", "0", "0", "STORE", "d");
        client.Execute("SORT", "l", "BY", "w_*", "STORE", "d");
        Assert.True(Eventually(() => journal.Lines().Count == 5));
        Assert.Equal(["RPUSH l 2 1", "SET w_1 5", "SORT l BY w_* STORE d", "SORT l LIMIT 0 0 STORE d", "SORT l BY w_* STORE d"], journal.Lines());
    }

    [Fact]
    public async Task Cluster_mode_refuses_by_patterns_and_every_get()
    {
        await using var node = ServerNode.Start(Settings(), _ => new CapturingJournal(), new TestRouter(enabled: true), _ => { });
        using var client = ServerFixture.Connect(node.EndPoint.Port);
        client.Execute("RPUSH", "{t}l", "2", "1", "3");
        AssertTexts(["1", "2", "3"], client.Execute("SORT", "{t}l"));
        AssertTexts(["2", "1", "3"], client.Execute("SORT", "{t}l", "BY", "nosort"));
        AssertError(ByInCluster, client.Execute("SORT", "{t}l", "BY", "{t}w_*"));
        AssertError(GetInCluster, client.Execute("SORT", "{t}l", "GET", "#"));
        AssertError(GetInCluster, client.Execute("SORT_RO", "{t}l", "BY", "nosort", "GET", "{t}o_*"));
        AssertError(Syntax, client.Execute("SORT", "{t}l", "FOO", "BY", "w_*"));
        AssertInteger(3, client.Execute("SORT", "{t}l", "STORE", "{t}d"));
        AssertErrorStartsWith("CROSSSLOT", client.Execute("SORT", "{t}l", "STORE", "{u}d"));
    }

    private void WithListLimit(RespClient client, string limit, Action body)
    {
        var saved = Texts(client.Execute("CONFIG", "GET", "list-max-listpack-size"))[1]!;
        try
        {
            AssertOk(client.Execute("CONFIG", "SET", "list-max-listpack-size", limit));
            body();
        }
        finally
        {
            client.Execute("CONFIG", "SET", "list-max-listpack-size", saved);
        }
    }

    private static ServerSettings Settings() => NodeLauncher.SettingsFrom("akkakv.server { port = 0, shards = 2, io-threads = 2 }");
}
