namespace AkkaKv.Protocol;

/// <summary>The peer sent bytes that are not RESP.</summary>
public sealed class RespFormatException : Exception
{
    public RespFormatException()
    {
    }

    public RespFormatException(string message)
        : base(message)
    {
    }

    public RespFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
