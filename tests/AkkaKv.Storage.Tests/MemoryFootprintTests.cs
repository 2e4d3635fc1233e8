using System.Text;

namespace AkkaKv.Storage.Tests;

[CollectionDefinition(nameof(MemoryFootprintTests), DisableParallelization = true)]
public sealed class MemoryFootprintCollection;

/// <summary>
/// Guards the bytes a key costs (Redis: about 217 with a 100-byte value). Runs alone: it reads the
/// whole process's heap.
/// </summary>
[Collection(nameof(MemoryFootprintTests))]
public class MemoryFootprintTests
{
    // Just below a power of two, so the index is nearly full as it is most of the time.
    private const int KeyCount = 250_000;

    [Fact]
    public void A_key_with_a_100_byte_value_costs_less_than_245_bytes()
    {
        var keys = new byte[KeyCount][];
        for (var i = 0; i < KeyCount; i++)
        {
            keys[i] = Encoding.ASCII.GetBytes("key:" + i.ToString("D12", System.Globalization.CultureInfo.InvariantCulture));
        }

        var before = LiveBytes();
        var db = new Database(0);
        for (var i = 0; i < KeyCount; i++)
        {
            db.Set(keys[i], new byte[100]);
        }

        var after = LiveBytes();
        GC.KeepAlive(keys);
        GC.KeepAlive(db);

        // 48 (entry) + 40 (16-byte key) + 128 (value) + 20 bytes per index slot.
        var perKey = (after - before) / (double)KeyCount;
        Assert.InRange(perKey, 216, 245);
    }

    private static long LiveBytes()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(true);
    }
}
