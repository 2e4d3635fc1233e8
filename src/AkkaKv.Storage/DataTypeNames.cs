namespace AkkaKv.Storage;

/// <summary>The names TYPE replies with.</summary>
public static class DataTypeNames
{
    public static ReadOnlySpan<byte> Of(DataType type) => type switch
    {
        DataType.String => "string"u8,
        DataType.List => "list"u8,
        DataType.Set => "set"u8,
        DataType.ZSet => "zset"u8,
        DataType.Hash => "hash"u8,
        DataType.Stream => "stream"u8,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };
}
