using AkkaKv.Storage;

namespace AkkaKv.Storage.Tests;

/// <summary>A collection value for storage tests that need one without a real data type: its elements digest in order.</summary>
internal sealed class FakeCollection(DataType type, params byte[][] elements) : ICollectionValue
{
    public DataType Type => type;

    public ReadOnlySpan<byte> Encoding => "fake"u8;

    public long Count => elements.Length;

    public ICollectionValue Clone() => new FakeCollection(type, elements);

    public void MixDigest(Span<byte> digest)
    {
        foreach (var element in elements)
        {
            KeyDigest.Mix(digest, element);
        }
    }
}
