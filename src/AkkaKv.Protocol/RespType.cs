namespace AkkaKv.Protocol;

/// <summary>The RESP2 and RESP3 reply types (redis-specifications, protocol/RESP3.md).</summary>
public enum RespType
{
    SimpleString,
    Error,
    Integer,
    BulkString,
    Array,
    Null,
    Boolean,
    Double,
    BigNumber,
    BlobError,
    Verbatim,
    Map,
    Set,
    Attribute,
    Push,
}
