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
    // Just above a power of two (131,072), where the index has the most room to spare.
    private const int KeyCount = 140_000;

    [Fact]
    public void A_key_with_a_100_byte_value_costs_less_than_242_bytes()
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

        // 48 (entry) + 40 (16-byte key) + 128 (value) + a 16-byte slot, the slot pages' last one part used, and
        // 4 to 8 bytes of buckets (here 262,144 for 140,000 keys).
        var perKey = (after - before) / (double)KeyCount;
        Assert.InRange(perKey, 216, 242);
    }

    private static long LiveBytes()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(true);
    }
}
