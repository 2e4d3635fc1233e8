using AkkaKv.IntegrationTests.Infrastructure;

namespace AkkaKv.IntegrationTests.Commands;

/// <summary>
/// Pipelines over a keyspace big enough that shards prefetch each batch's keys before running it: whatever a window
/// of the batch holds (other databases after a SELECT, commands without keys, misses, writes, wrong types), every
/// reply is the one the commands would get one at a time.
/// </summary>
public sealed class KeyspacePipelineTests
{
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_pipeline_over_a_big_keyspace_gets_the_replies_of_its_commands_one_by_one()
    {
        await using var node = ServerFixture.Start("akkakv.server { shards = 1, io-threads = 1 }");
        using var client = ServerFixture.Connect(node.EndPoint.Port);
        const int keys = 6000;
        for (var from = 0; from < keys; from += 500)
        {
            client.Execute(["MSET", .. Enumerable.Range(from, 500).SelectMany(i => new[] { "key:" + i, "value:" + i })]);
        }
        client.Execute("SELECT", "1");
        client.Execute("SET", "key:1", "in db 1");
        client.Execute("SELECT", "0");
        client.Execute("RPUSH", "list", "a");

        (string[] Command, string Reply)[] pipeline =
        [
            (["GET", "key:1"], "value:1"), (["GET", "key:5999"], "value:5999"), (["GET", "key:6000"], "(nil)"),
            (["PING"], "PONG"), (["SET", "key:2", "new"], "OK"), (["GET", "key:2"], "new"),
            (["INCR", "key:3"], "(error) ERR value is not an integer or out of range"),
            (["LPUSH", "key:4", "x"], "(error) WRONGTYPE Operation against a key holding the wrong kind of value"),
            (["LLEN", "list"], "(integer) 1"), (["SELECT", "1"], "OK"), (["GET", "key:1"], "in db 1"), (["GET", "key:7"], "(nil)"),
            (["SELECT", "0"], "OK"), (["GET", "key:7"], "value:7"), (["DEL", "key:8", "key:9"], "(integer) 2"),
            (["EXISTS", "key:8"], "(integer) 0"), (["MGET", "key:10", "nosuch"], "[value:10, (nil)]"), (["DBSIZE"], $"(integer) {keys - 1}"),
            .. Enumerable.Range(100, 40).Select(i => (new[] { "GET", "key:" + i * 37 }, "value:" + i * 37)),
        ];
        foreach (var (command, _) in pipeline) client.Send(command);
        foreach (var (command, reply) in pipeline)
        {
            var name = string.Join(' ', command);
            Assert.Equal($"{name} -> {reply}", $"{name} -> {client.ReadReply(ReadTimeout)}");
        }
    }
}
