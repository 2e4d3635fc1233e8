using System.Runtime.InteropServices;

namespace AkkaKv.Actors.Dispatch;

/// <summary>The few Linux calls an event loop needs: epoll for readiness, an eventfd to be woken.</summary>
internal static unsafe partial class LinuxEvents
{
    public const uint In = 0x001;
    public const uint Out = 0x004;
    public const uint Error = 0x008;
    public const uint HangUp = 0x010;
    public const uint PeerClosed = 0x2000;
    public const uint EdgeTriggered = 1u << 31;

    private const int ControlAdd = 1;
    private const int ControlDelete = 2;
    private const int CloseOnExec = 0x80000;
    private const int NonBlocking = 0x800;
    private const int Interrupted = 4;

    private const string Libc = "libc";

    // struct epoll_event is packed on x86-64 (12 bytes) and naturally aligned elsewhere (16 bytes).
    public static readonly int EventSize = RuntimeInformation.ProcessArchitecture == Architecture.X64 ? 12 : 16;
    private static readonly int DataOffset = EventSize == 12 ? 4 : 8;

    public static int CreatePoll() => Check(epoll_create1(CloseOnExec), "epoll_create1");

    public static int CreateWakeEvent() => Check(eventfd(0, CloseOnExec | NonBlocking), "eventfd");

    public static void Add(int poll, int fd, uint events, ulong data)
    {
        var buffer = stackalloc byte[16];
        *(uint*)buffer = events;
        *(ulong*)(buffer + DataOffset) = data;
        Check(epoll_ctl(poll, ControlAdd, fd, buffer), "epoll_ctl");
    }

    /// <summary>Removes a descriptor; one already closed has left the set by itself, which is not an error.</summary>
    public static void Remove(int poll, int fd) => epoll_ctl(poll, ControlDelete, fd, null);

    /// <summary>Waits up to <paramref name="timeoutMs"/> (-1 forever) and returns how many events were written; 0 when interrupted.</summary>
    public static int Wait(int poll, byte* events, int maxEvents, int timeoutMs)
    {
        var count = epoll_wait(poll, events, maxEvents, timeoutMs);
        if (count >= 0) return count;
        var error = Marshal.GetLastPInvokeError();
        return error == Interrupted ? 0 : throw new InvalidOperationException($"epoll_wait failed: errno {error}");
    }

    public static uint EventsAt(byte* events, int index) => *(uint*)(events + index * EventSize);

    public static ulong DataAt(byte* events, int index) => *(ulong*)(events + index * EventSize + DataOffset);

    public static void Signal(int eventFd)
    {
        ulong one = 1;
        write(eventFd, &one, 8);
    }

    public static void ClearSignal(int eventFd)
    {
        ulong value;
        read(eventFd, &value, 8);
    }

    public static void Close(int fd) => close(fd);

    private static int Check(int result, string call) =>
        result >= 0 ? result : throw new InvalidOperationException($"{call} failed: errno {Marshal.GetLastPInvokeError()}");

    [LibraryImport(Libc, SetLastError = true)]
    private static partial int epoll_create1(int flags);

    [LibraryImport(Libc, SetLastError = true)]
    private static partial int epoll_ctl(int epfd, int op, int fd, byte* @event);

    [LibraryImport(Libc, SetLastError = true)]
    private static partial int epoll_wait(int epfd, byte* events, int maxevents, int timeout);

    [LibraryImport(Libc, SetLastError = true)]
    private static partial int eventfd(uint initval, int flags);

    [LibraryImport(Libc)]
    private static partial nint write(int fd, void* buffer, nint count);

    [LibraryImport(Libc)]
    private static partial nint read(int fd, void* buffer, nint count);

    [LibraryImport(Libc)]
    private static partial int close(int fd);
}
