using System.Text.RegularExpressions;

namespace AkkaKv.IntegrationTests.Commands;

// MONITOR in the order Redis 7 feeds it (after running each command): a script's own line before the commands it runs
// ("[db lua]"), EXEC's commands when EXEC runs them and EXEC after them, nothing for a transaction doomed at queueing.
public sealed partial class ServerCommandsTests
{
    [Fact]
    public void Monitor_shows_eval_then_the_commands_of_its_script()
    {
        using var monitor = Connect();
        AssertOk(monitor.Execute("MONITOR"));
        using var client = Connect();
        var key = NewKey();
        client.Execute("EVAL", "redis.call('set', KEYS[1], ARGV[1]) return redis.call('get', KEYS[1])", "1", key, "bar");
        client.Execute("ECHO", "last");
        var lines = MonitorLinesUntil(monitor, "\"ECHO\" \"last\"");
        Assert.Equal(4, lines.Count);
        Assert.Matches(@"^\d+\.\d{6} \[0 127\.0\.0\.1:\d+\] ""EVAL"" ", lines[0]);
        Assert.Matches($@"^\d+\.\d{{6}} \[0 lua\] ""set"" ""{Regex.Escape(key)}"" ""bar""$", lines[1]);
        Assert.Matches($@"^\d+\.\d{{6}} \[0 lua\] ""get"" ""{Regex.Escape(key)}""$", lines[2]);
    }

    [Fact]
    public void Monitor_shows_a_failing_eval_too()
    {
        using var monitor = Connect();
        AssertOk(monitor.Execute("MONITOR"));
        using var client = Connect();
        client.Execute("EVALSHA", "0000000000000000000000000000000000000000", "0");
        client.Execute("ECHO", "last");
        var lines = MonitorLinesUntil(monitor, "\"ECHO\" \"last\"");
        Assert.EndsWith("\"EVALSHA\" \"0000000000000000000000000000000000000000\" \"0\"", lines[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Monitor_shows_queued_commands_when_exec_runs_them_then_exec()
    {
        using var monitor = Connect();
        AssertOk(monitor.Execute("MONITOR"));
        using var client = Connect();
        var key = NewKey();
        AssertOk(client.Execute("MULTI"));
        client.Execute("SET", key, "v");
        client.Execute("SELECT", "2");
        client.Execute("PING");
        client.Execute("CONFIG", "GET", "hz");
        client.Execute("EXEC");
        client.Execute("ECHO", "last");
        var lines = MonitorLinesUntil(monitor, "\"ECHO\" \"last\"").Select(l => Regex.Replace(l, @"^\d+\.\d{6} \[(\d+) [^\]]+\]", "[$1]")).ToList();
        // SELECT shows the database it selected, and the commands after it that one; CONFIG (admin) is never shown.
        Assert.Equal(["[0] \"MULTI\"", $"[0] \"SET\" \"{key}\"" + " \"v\"", "[2] \"SELECT\" \"2\"", "[2] \"PING\"", "[2] \"EXEC\"", "[2] \"ECHO\" \"last\""], lines);
    }

    [Fact]
    public void Monitor_shows_only_multi_and_exec_for_a_transaction_refused_at_queueing()
    {
        using var monitor = Connect();
        AssertOk(monitor.Execute("MONITOR"));
        using var client = Connect();
        AssertOk(client.Execute("MULTI"));
        client.Execute("SET", NewKey(), "v");
        client.Execute("NOSUCHCOMMAND");
        AssertErrorStartsWith("EXECABORT", client.Execute("EXEC"));
        client.Execute("ECHO", "last");
        var lines = MonitorLinesUntil(monitor, "\"ECHO\" \"last\"");
        Assert.Equal(3, lines.Count);
        Assert.EndsWith("\"MULTI\"", lines[0], StringComparison.Ordinal);
        Assert.EndsWith("\"EXEC\"", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Monitor_redacts_hello_credentials_but_not_the_rest()
    {
        using var monitor = Connect();
        AssertOk(monitor.Execute("MONITOR"));
        using var client = Connect();
        client.Execute("HELLO", "2", "SETNAME", "visible", "AUTH", "default", "hidden-password");
        client.Execute("ECHO", "last");
        var lines = MonitorLinesUntil(monitor, "\"ECHO\" \"last\"");
        Assert.EndsWith("\"HELLO\" \"2\" \"SETNAME\" \"visible\" \"AUTH\" \"(redacted)\" \"(redacted)\"", lines[0], StringComparison.Ordinal);
    }
}
