using AkkaKv.Protocol;
using AkkaKv.Server;

namespace AkkaKv.IntegrationTests.Infrastructure;

/// <summary>
/// The setup of a test that measures the process's memory while it loads a node: a private node, a bystander client
/// that must go on being served, and the live heap measured once the bystander's own setup is done, before the load.
/// </summary>
public sealed class MemoryTestNode : IAsyncDisposable
{
    private readonly ServerNode _node;

    private MemoryTestNode(ServerNode node, RespClient bystander, long heapBefore)
    {
        _node = node;
        Bystander = bystander;
        HeapBefore = heapBefore;
    }

    public int Port => _node.EndPoint.Port;

    public RespClient Bystander { get; }

    /// <summary>The live heap after <c>prepare</c> ran, before the test's load.</summary>
    public long HeapBefore { get; }

    /// <summary>Starts the node, connects the bystander, runs <paramref name="prepare"/> with it, then measures the heap.</summary>
    public static async Task<MemoryTestNode> StartAsync(Action<RespClient> prepare)
    {
        ArgumentNullException.ThrowIfNull(prepare);
        var node = ServerFixture.Start();
        RespClient? bystander = null;
        try
        {
            bystander = ServerFixture.Connect(node.EndPoint.Port);
            prepare(bystander);
            return new MemoryTestNode(node, bystander, LiveHeap());
        }
        catch
        {
            bystander?.Dispose();
            await node.DisposeAsync();
            throw;
        }
    }

    /// <summary>The heap after a full collection: what is still referenced, not garbage waiting to be collected.</summary>
    public static long LiveHeap()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    /// <summary>How much the live heap grew since <see cref="HeapBefore"/>.</summary>
    public long LiveHeapGrowth() => LiveHeap() - HeapBefore;

    /// <summary>connected_clients of INFO clients, as the bystander reads it (the bystander counts itself).</summary>
    public long ConnectedClients() => InfoFields.Integer(Bystander, "clients", "connected_clients");

    public async ValueTask DisposeAsync()
    {
        // The order of the tests' former `using` declarations: the client first, then the node.
        Bystander.Dispose();
        await _node.DisposeAsync();
    }
}
