using AkkaKv.MultiNode.Tests.Framework;
using Xunit.Abstractions;

namespace AkkaKv.MultiNode.Tests.Specs;

/// <summary>Two nodes outside any cluster: each serves only its own data, and one dying leaves the other serving.</summary>
public sealed class TwoStandaloneNodesSpec(ITestOutputHelper output) : MultiNodeSpec(output, First, Second)
{
    private static readonly RoleName First = new("first");
    private static readonly RoleName Second = new("second");

    [Fact]
    public void Standalone_nodes_serve_independently_and_outlive_each_other() => RunSpec(() =>
    {
        RunOn(First, () => StartNode(First));
        RunOn(Second, () => StartNode(Second));
        EnterBarrier("started");

        // Each answers, and writes its own value of a shared key name plus a key only it has.
        RunOn([First, Second], () =>
        {
            using var client = Connect(Myself);
            Assert.Equal("PONG", client.Execute("PING").ToString());
            Assert.Equal("OK", client.Execute("SET", "shared", $"from-{Myself}").ToString());
            Assert.Equal("OK", client.Execute("SET", $"only-on-{Myself}", "1").ToString());
        });
        EnterBarrier("written");

        // Neither sees the other's writes.
        RunOn([First, Second], () =>
        {
            var other = Myself == First ? Second : First;
            using var client = Connect(Myself);
            Assert.Equal($"from-{Myself}", client.Execute("GET", "shared").ToString());
            Assert.Equal("(nil)", client.Execute("GET", $"only-on-{other}").ToString());
            Assert.Equal("(integer) 2", client.Execute("DBSIZE").ToString());
        });
        EnterBarrier("after-1");

        RunOn(First, () => KillNode(First));
        EnterBarrier("first-killed");

        RunOn(Second, () =>
        {
            Assert.False(IsAnswering(First), "first still answers after kill -9");
            Assert.True(IsAnswering(Second), "second stopped answering when first died");
            using var client = Connect(Second);
            Assert.Equal("from-second", client.Execute("GET", "shared").ToString());
        });
        EnterBarrier("after-2");

        RunOn(First, () => Assert.True(Node(First).HasExited));
        RunOn(Second, () =>
        {
            Assert.Equal(0, StopNode(Second));
            Assert.Contains("ready to exit", Node(Second).Output, StringComparison.Ordinal);
        });
        EnterBarrier("stopped");
    });
}
