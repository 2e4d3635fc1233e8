using System.Text;

namespace AkkaKv.Protocol;

/// <summary>
/// One command's arguments, copied out of the receive buffer so they may cross to another thread.
/// Small arguments share one arena; large ones get an array each, so growing never copies and a
/// huge value is not kept alive by Reset. Reusable: Reset keeps the arena. Spans and Memory handed
/// out stay valid until the next Reset.
/// </summary>
public sealed class RequestArgs
{
    /// <summary>Arguments above this size get their own array instead of a slice of the arena.</summary>
    public const int LargeArgumentSize = 16 * 1024;

    private const int InitialArenaSize = 256;
    private const int InitialSlots = 8;

    private byte[] _arena = [];
    private int _arenaUsed;
    private Slot[] _slots = new Slot[InitialSlots];
    private int _count;
    private long _byteSize;
    private bool _slotsHoldOtherArrays;

    // How many slots may hold a reference since they were last cleared.
    private int _slotsUsed;

    /// <summary>Reset drops an arena or slot table grown past this many bytes, so one giant command does not pin memory.</summary>
    public int MaxRetainedBytes { get; set; } = 1024 * 1024;

    public int Count => _count;

    /// <summary>Total bytes of all arguments.</summary>
    public long ByteSize => _byteSize;

    public ReadOnlySpan<byte> this[int index]
    {
        get
        {
            Slot slot = SlotAt(index);
            return new ReadOnlySpan<byte>(slot.Array, slot.Offset, slot.Length);
        }
    }

    public static RequestArgs From(params string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var result = new RequestArgs();
        foreach (string arg in args)
        {
            result.Add(arg);
        }

        return result;
    }

    public ReadOnlyMemory<byte> Memory(int index)
    {
        Slot slot = SlotAt(index);
        return new ReadOnlyMemory<byte>(slot.Array, slot.Offset, slot.Length);
    }

    public byte[] ToArray(int index) => this[index].ToArray();

    /// <summary>The argument decoded as UTF-8 (invalid bytes become U+FFFD), for logs and error texts.</summary>
    public string ToString(int index) => Encoding.UTF8.GetString(this[index]);

    /// <summary>ASCII case-insensitive comparison, for command names and options.</summary>
    public bool EqualsIgnoreCase(int index, ReadOnlySpan<byte> asciiText) =>
        System.Text.Ascii.EqualsIgnoreCase(this[index], asciiText);

    public override string ToString()
    {
        var text = new StringBuilder();
        for (int i = 0; i < _count; i++)
        {
            text.Append(i == 0 ? "" : " ").Append(ToString(i));
        }

        return text.ToString();
    }

    public void Add(ReadOnlySpan<byte> argument) => argument.CopyTo(AddUninitialized(argument.Length));

    public void Add(string argument)
    {
        ArgumentNullException.ThrowIfNull(argument);
        Span<byte> target = AddUninitialized(Encoding.UTF8.GetByteCount(argument));
        Encoding.UTF8.GetBytes(argument, target);
    }

    public void Reset()
    {
        // Slots that point into the current arena keep nothing alive that the arena does not; only an argument with
        // its own array, or an arena since replaced, must be let go of (also by stale slots past Count).
        _slotsUsed = Math.Max(_slotsUsed, _count);
        if (_slots.Length * 16L > MaxRetainedBytes)
        {
            _slots = new Slot[InitialSlots];
            _slotsUsed = 0;
            _slotsHoldOtherArrays = false;
        }
        else if (_slotsHoldOtherArrays)
        {
            _slots.AsSpan(0, _slotsUsed).Clear();
            _slotsUsed = 0;
            _slotsHoldOtherArrays = false;
        }

        _count = 0;
        _byteSize = 0;
        _arenaUsed = 0;
        if (_arena.Length > MaxRetainedBytes)
        {
            _arena = [];
        }
    }

    /// <summary>Appends an argument of <paramref name="length"/> bytes and returns it for the caller to fill.</summary>
    internal Span<byte> AddUninitialized(int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        byte[] array;
        int offset;
        if (length > LargeArgumentSize)
        {
            array = GC.AllocateUninitializedArray<byte>(length);
            offset = 0;
            _slotsHoldOtherArrays = true;
        }
        else
        {
            if (_arena.Length - _arenaUsed < length)
            {
                // Earlier arguments keep pointing into the old arena, so nothing is copied.
                _arena = new byte[Math.Max(length, Math.Max(InitialArenaSize, _arena.Length * 2))];
                _arenaUsed = 0;
                _slotsHoldOtherArrays = true;
            }

            array = _arena;
            offset = _arenaUsed;
            _arenaUsed += length;
        }

        if (_count == _slots.Length)
        {
            Array.Resize(ref _slots, _slots.Length * 2);
        }

        _slots[_count++] = new Slot(array, offset, length);
        _byteSize += length;
        return new Span<byte>(array, offset, length);
    }

    private Slot SlotAt(int index)
    {
        if ((uint)index >= (uint)_count)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"The request has {_count} arguments.");
        }

        return _slots[index];
    }

    private readonly record struct Slot(byte[] Array, int Offset, int Length);
}
