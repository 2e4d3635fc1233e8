namespace AkkaKv.Protocol.Tests;

public class RequestArgsTests
{
    [Fact]
    public void From_builds_arguments_from_strings()
    {
        var args = RequestArgs.From("SET", "k\u00e9y", "");

        Assert.Equal(3, args.Count);
        Assert.Equal("SET", args.ToString(0));
        Assert.Equal("k\u00e9y", args.ToString(1));
        Assert.Equal([(byte)'k', 0xC3, 0xA9, (byte)'y'], args.ToArray(1));
        Assert.Equal(0, args[2].Length);
        Assert.Equal(7, args.ByteSize);
        Assert.Equal("SET k\u00e9y ", args.ToString());
    }

    [Fact]
    public void Memory_views_the_same_bytes()
    {
        var args = RequestArgs.From("GET", "key");

        Assert.Equal("key"u8.ToArray(), args.Memory(1).ToArray());
    }

    [Fact]
    public void Arguments_are_copies_of_the_input()
    {
        byte[] input = "value"u8.ToArray();
        var args = new RequestArgs();

        args.Add(input);
        input[0] = (byte)'X';

        Assert.Equal("value", args.ToString(0));
    }

    [Fact]
    public void Earlier_arguments_stay_valid_while_more_are_added()
    {
        var args = new RequestArgs();
        args.Add("first"u8);
        ReadOnlyMemory<byte> first = args.Memory(0);

        for (int i = 0; i < 1000; i++)
        {
            args.Add(new byte[100]);
        }

        Assert.Equal("first"u8.ToArray(), first.ToArray());
        Assert.Equal(1001, args.Count);
        Assert.Equal(100_005, args.ByteSize);
    }

    [Fact]
    public void Large_arguments_get_an_array_of_their_own()
    {
        var args = new RequestArgs();
        byte[] large = new byte[RequestArgs.LargeArgumentSize + 1];
        large[^1] = 7;

        args.Add(large);

        Assert.Equal(large, args.ToArray(0));
        Assert.True(System.Runtime.InteropServices.MemoryMarshal.TryGetArray(args.Memory(0), out ArraySegment<byte> segment));
        Assert.Equal(0, segment.Offset);
        Assert.Equal(large.Length, segment.Array!.Length);
    }

    [Fact]
    public void Reset_lets_go_of_large_arguments_and_of_replaced_arenas_but_keeps_the_current_arena()
    {
        var args = new RequestArgs();
        var (large, firstArena, arena) = AddAndTrack(args);
        args.Reset();
        // A small argument after the reset, so a slot the reset forgot would be past Count, not overwritten.
        args.Add("x"u8);

        GC.Collect();
        Assert.False(large.IsAlive);
        Assert.False(firstArena.IsAlive);
        Assert.True(arena.IsAlive);

        // Arena-only requests need no clearing and keep nothing else alive either.
        args.Reset();
        args.Add("y"u8);
        Assert.Equal("y", args.ToString(0));
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static (WeakReference Large, WeakReference FirstArena, WeakReference Arena) AddAndTrack(RequestArgs args)
    {
        args.Add(new byte[10]);
        var firstArena = new WeakReference(ArrayOf(args, 0));
        // Outgrows the first arena (256 bytes), which earlier arguments keep pointing into until the reset.
        args.Add(new byte[300]);
        var arena = new WeakReference(ArrayOf(args, 1));
        args.Add(new byte[RequestArgs.LargeArgumentSize + 1]);
        var large = new WeakReference(ArrayOf(args, 2));
        Assert.NotSame(firstArena.Target, arena.Target);
        return (large, firstArena, arena);

        static byte[] ArrayOf(RequestArgs args, int index) =>
            System.Runtime.InteropServices.MemoryMarshal.TryGetArray(args.Memory(index), out ArraySegment<byte> segment) ? segment.Array! : [];
    }

    [Fact]
    public void Reset_empties_and_reuses()
    {
        var args = RequestArgs.From("a", "b");

        args.Reset();
        args.Add("c"u8);

        Assert.Equal(1, args.Count);
        Assert.Equal(1, args.ByteSize);
        Assert.Equal("c", args.ToString(0));
    }

    [Fact]
    public void Reset_keeps_capacity_so_reuse_does_not_allocate()
    {
        var args = new RequestArgs();
        Fill(args);
        args.Reset();
        Fill(args);
        args.Reset();

        long before = GC.GetAllocatedBytesForCurrentThread();
        Fill(args);
        args.Reset();

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);

        static void Fill(RequestArgs args)
        {
            for (int i = 0; i < 50; i++)
            {
                args.Add("some-key-or-value"u8);
            }
        }
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(2)]
    public void An_index_out_of_range_throws(int index)
    {
        var args = RequestArgs.From("a", "b");

        Assert.Throws<ArgumentOutOfRangeException>(() => args[index].Length);
    }

    [Fact]
    public void Compares_ignoring_ASCII_case()
    {
        var args = RequestArgs.From("gEt");

        Assert.True(args.EqualsIgnoreCase(0, "GET"u8));
        Assert.False(args.EqualsIgnoreCase(0, "SET"u8));
    }
}
