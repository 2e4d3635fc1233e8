using AkkaKv.Storage;

namespace AkkaKv.Server.Commands;

/// <summary>Deep copies of stored values for COPY, so the copy and the original never share mutable state.</summary>
internal static class ValueCopy
{
    public static object Of(object value) => value switch
    {
        byte[] bytes => bytes.AsSpan().ToArray(),
        _ => ((ICollectionValue)value).Clone(),
    };
}
