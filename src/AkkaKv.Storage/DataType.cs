namespace AkkaKv.Storage;

/// <summary>The Redis type of a key's value, as TYPE reports it.</summary>
public enum DataType : byte
{
    String,
    List,
    Set,
    ZSet,
    Hash,
    Stream,
}
