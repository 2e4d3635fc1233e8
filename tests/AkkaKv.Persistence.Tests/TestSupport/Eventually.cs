namespace AkkaKv.Persistence.Tests.TestSupport;

/// <summary>Bounded polling for effects that arrive asynchronously (the journal is told, never awaited).</summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Polls until <paramref name="read"/> returns <paramref name="expected"/>; fails with the last value seen.</summary>
    public static void Equal<T>(T expected, Func<T> read, string what, TimeSpan? timeout = null)
    {
        var deadline = Environment.TickCount64 + (long)(timeout ?? DefaultTimeout).TotalMilliseconds;
        var actual = read();
        while (!EqualityComparer<T>.Default.Equals(expected, actual) && Environment.TickCount64 < deadline)
        {
            Thread.Sleep(10);
            actual = read();
        }
        Assert.True(EqualityComparer<T>.Default.Equals(expected, actual), $"{what}: expected {expected}, still {actual} after {timeout ?? DefaultTimeout}");
    }
}
