using System.Text;
using AkkaKv.Server.Commands;

namespace AkkaKv.Server.Tests.Commands;

public sealed class CommandTableTests
{
    private static readonly CommandTable Table = CommandTable.Default;

    [Theory]
    [InlineData("get")]
    [InlineData("GET")]
    [InlineData("gEt")]
    public void Lookup_ignores_case(string name) => Assert.Equal("get", Table.Find(Encoding.ASCII.GetBytes(name))!.Name);

    [Fact]
    public void Unknown_and_oversized_names_are_not_found()
    {
        Assert.Null(Table.Find("nosuchcommand"u8));
        Assert.Null(Table.Find(new byte[1000]));
        Assert.Null(Table.Find(ReadOnlySpan<byte>.Empty));
    }

    [Fact]
    public void Subcommands_have_full_names_and_their_own_key_positions()
    {
        var objectCommand = Table.Find("object"u8)!;
        var encoding = Table.FindSubcommand(objectCommand, "ENCODING"u8)!;
        Assert.Equal("object|encoding", encoding.FullName);
        Assert.Equal(2, encoding.FirstKey);
    }

    [Fact]
    public void Ids_are_dense_and_match_positions()
    {
        for (var i = 0; i < Table.All.Count; i++) Assert.Equal(i, Table.All[i].Id);
    }

    [Fact]
    public void Every_command_can_run_and_declares_keys_inside_its_arity()
    {
        foreach (var command in Table.All)
        {
            // EXEC runs the commands the session queued: its routing is its handler.
            var runnable = command.Execute is not null || command.ExecuteInSession is not null || command.HasSubcommands ||
                command.Routing == CommandRouting.Transaction;
            Assert.True(runnable, $"{command.FullName} has no handler");
            if (command.Routing is CommandRouting.Keys) Assert.True(command.HasKeys && command.Execute is not null, $"{command.FullName} routes by keys without keys");
            if (command.HasKeys)
            {
                var minimumArgs = Math.Abs(command.Arity);
                // A key range open to the end (last < 0) may be empty, as DEBUG DIGEST-VALUE with no keys.
                Assert.True(command.FirstKey < minimumArgs || command.LastKey < 0, $"{command.FullName}: first key beyond arity");
                Assert.True(command.LastKey < 0 || command.LastKey < minimumArgs, $"{command.FullName}: last key beyond arity");
            }
        }
    }

    [Fact]
    public void Key_indexes_follow_first_last_step()
    {
        var mset = Table.Find("mset"u8)!;
        var keys = mset.KeyIndexesOf(7);
        Assert.Equal([1, 3, 5], Enumerable.Range(keys.First, keys.Last - keys.First + 1).Where(i => (i - keys.First) % keys.Step == 0));
        Assert.Equal(3, keys.Count);
    }
}
