namespace AkkaKv.Protocol.Tests;

internal static class WriterAssert
{
    /// <summary>Runs one write on a fresh writer of the given protocol and returns the bytes as text.</summary>
    public static string Written(int protocol, Action<RespWriter> write)
    {
        using var writer = new RespWriter(16) { Protocol = protocol };
        write(writer);
        return TestBytes.Text(writer.WrittenSpan);
    }
}
