namespace AkkaKv.MultiNode.Tests.Framework;

/// <summary>A barrier could not be passed: it timed out, roles disagreed on its name, or another role failed.</summary>
public sealed class BarrierFailedException : Exception
{
    public BarrierFailedException()
    {
    }

    public BarrierFailedException(string message)
        : base(message)
    {
    }

    public BarrierFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
